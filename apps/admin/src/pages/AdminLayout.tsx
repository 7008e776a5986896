import { Outlet, useLocation, useParams } from 'react-router-dom';
import { AppShell, type NavItem } from '@muster/ui';
import { OrganisationSwitcher } from '../modules/organisation/components/OrganisationSwitcher';
import { RouterLink } from '../lib/RouterLink';
import { useAuth } from '@muster/access-ui';
import { useCapabilities } from '@muster/access-ui';
import { UserMenu } from '@muster/access-ui';
import { RequireAuth } from '@muster/access-ui';

/** Navigation by role: each item shows only when `viewer.capabilities` allows it where the user is. */
function AdminShell() {
  const { orgId } = useParams();
  const location = useLocation();
  const auth = useAuth();
  const caps = useCapabilities(orgId);
  const isVolunteer = caps.role === 'VOLUNTEER';
  const membersHref = orgId ? `/orgs/${orgId}/members` : '/';
  const nav: NavItem[] = [];
  if (caps.can('member:read')) nav.push({ label: isVolunteer ? 'My contacts' : 'Members', href: membersHref, active: location.pathname.includes('/members') });
  if (orgId && caps.can('segment:read')) nav.push({ label: 'Segments', href: `/orgs/${orgId}/segments`, active: location.pathname.includes('/segments') });
  // Volunteers hold campaign:read for their own calling work (issue 8), not the campaign screens.
  if (orgId && !isVolunteer && caps.can('campaign:read')) nav.push({ label: 'Campaigns', href: `/orgs/${orgId}/campaigns`, active: location.pathname.includes('/campaigns') || location.pathname.includes('/actions/') });
  if (orgId && caps.can('donation:read')) nav.push({ label: 'Donations', href: `/orgs/${orgId}/donations`, active: location.pathname.includes('/donations') });
  if (orgId && caps.can('member:import')) nav.push({ label: 'Imports', href: `/orgs/${orgId}/imports`, active: location.pathname.includes('/imports') });
  if (orgId && caps.can('member:merge')) nav.push({ label: 'Duplicates', href: `/orgs/${orgId}/duplicates`, active: location.pathname.includes('/duplicates') });
  if (orgId && caps.can('user:manage')) nav.push({ label: 'Users', href: `/orgs/${orgId}/users`, active: location.pathname.endsWith('/users') });
  if (orgId && caps.can('apikey:manage')) nav.push({ label: 'API keys', href: `/orgs/${orgId}/api-keys`, active: location.pathname.endsWith('/api-keys') });
  if (!isVolunteer && (caps.can('insights:read') || caps.canAtHome('insights:read'))) {
    nav.push({ label: 'Insights', href: orgId ? `/insights/${orgId}` : '/insights', active: location.pathname.startsWith('/insights') });
  }
  if (caps.canAtHome('audit:read')) nav.push({ label: 'Audit log', href: '/audit', active: location.pathname.startsWith('/audit') });
  return (
    <AppShell
      product="Muster"
      area="Admin"
      homeHref={membersHref}
      linkComponent={RouterLink}
      nav={nav}
      headerExtra={
        <>
          {isVolunteer ? null : <OrganisationSwitcher organisationId={orgId} />}
          <UserMenu />
        </>
      }
      banner={
        auth.status === 'unavailable' ? (
          <span data-testid="dev-note">
            Local development — no sign-in yet. Anyone who can reach this page can read and change every organisation’s members.
          </span>
        ) : undefined
      }
    >
      <Outlet />
    </AppShell>
  );
}

export function AdminLayout() {
  return (
    <RequireAuth>
      <AdminShell />
    </RequireAuth>
  );
}
