import { useParams } from 'react-router-dom';
import { InsightsDashboard } from '@muster/insights-ui';

/** A client organisation's membership dashboard (shared with the admin app's /insights/:orgId). */
export function DashboardPage() {
  const { orgId = '' } = useParams();
  return <InsightsDashboard organisationId={orgId} />;
}
