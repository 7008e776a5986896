import { Outlet, useLocation, useParams } from 'react-router-dom';
import { AppShell, type NavItem } from '@muster/ui';
import { ClientSwitcher } from '../modules/organisation/components/ClientSwitcher';
import { RouterLink } from '../lib/RouterLink';
import { useAuth } from '@muster/access-ui';
import { useCapabilities } from '@muster/access-ui';
import { UserMenu } from '@muster/access-ui';
import { RequireAuth } from '@muster/access-ui';

/** Navigation by role: each item shows only when `viewer.capabilities` allows it in the organisation in view. */
function PortalShell() {
  const { orgId } = useParams();
  const location = useLocation();
  const auth = useAuth();
  const caps = useCapabilities(orgId);
  const home = orgId ? `/orgs/${orgId}` : '/';
  const nav: NavItem[] = [];
  if (caps.can('insights:read')) nav.push({ label: 'Membership', href: home, active: Boolean(orgId) && location.pathname === home });
  if (orgId && caps.can('user:manage')) nav.push({ label: 'Users', href: `/orgs/${orgId}/users`, active: location.pathname.endsWith('/users') });
  if (orgId && caps.can('apikey:manage')) nav.push({ label: 'API keys', href: `/orgs/${orgId}/api-keys`, active: location.pathname.endsWith('/api-keys') });
  return (
    <AppShell
      product="Muster"
      area="Portal"
      homeHref={home}
      linkComponent={RouterLink}
      nav={nav}
      headerExtra={
        <>
          <ClientSwitcher organisationId={orgId} />
          <UserMenu />
        </>
      }
      banner={auth.status === 'unavailable' ? <span data-testid="dev-note">Local development — no sign-in yet.</span> : undefined}
    >
      <Outlet />
    </AppShell>
  );
}

export function PortalLayout() {
  return (
    <RequireAuth>
      <PortalShell />
    </RequireAuth>
  );
}
