import { Outlet, useParams } from 'react-router-dom';
import { AppShell } from '@muster/ui';
import { ClientSwitcher } from '../modules/organisation/components/ClientSwitcher';
import { RouterLink } from '../lib/RouterLink';

export function PortalLayout() {
  const { orgId } = useParams();
  const home = orgId ? `/orgs/${orgId}` : '/';
  return (
    <AppShell
      product="Muster"
      area="Portal"
      homeHref={home}
      linkComponent={RouterLink}
      nav={[{ label: 'Membership', href: home, active: true }]}
      headerExtra={<ClientSwitcher organisationId={orgId} />}
      banner={<span data-testid="dev-note">Local development — no sign-in yet.</span>}
    >
      <Outlet />
    </AppShell>
  );
}
