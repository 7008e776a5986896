import { Outlet, useLocation, useParams } from 'react-router-dom';
import { AppShell } from '@muster/ui';
import { OrganisationSwitcher } from '../modules/organisation/components/OrganisationSwitcher';
import { RouterLink } from '../lib/RouterLink';

export function AdminLayout() {
  const { orgId } = useParams();
  const location = useLocation();
  const membersHref = orgId ? `/orgs/${orgId}/members` : '/';
  return (
    <AppShell
      product="Muster"
      area="Admin"
      homeHref={membersHref}
      linkComponent={RouterLink}
      nav={[{ label: 'Members', href: membersHref, active: location.pathname.includes('/members') }]}
      headerExtra={<OrganisationSwitcher organisationId={orgId} />}
      banner={
        <span data-testid="dev-note">
          Local development — no sign-in yet. Anyone who can reach this page can read and change every organisation’s members.
        </span>
      }
    >
      <Outlet />
    </AppShell>
  );
}
