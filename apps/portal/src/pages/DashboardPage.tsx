import { useParams } from 'react-router-dom';
import { useCapabilities } from '@muster/access-ui';
import { InsightsDashboard } from '@muster/insights-ui';

/** A client organisation's membership dashboard (shared with the admin app's /insights/:orgId). */
export function DashboardPage() {
  const { orgId = '' } = useParams();
  const caps = useCapabilities(orgId);
  return <InsightsDashboard organisationId={orgId} canConfigure={caps.can('insights:configure')} />;
}
