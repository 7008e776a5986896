import { useLocation, useNavigate } from 'react-router-dom';
import { useOrganisations } from '../hooks/useOrganisations';

const KIND_LABEL = { AGENCY: 'Agency', CLIENT: 'Client', UNIT: 'Unit' } as const;

/** Where a switch goes: the same section (members, users, API keys) of the other organisation, with a fresh list. */
export function switchedPath(pathname: string, organisationId: string): string {
  if (pathname.startsWith('/insights')) return `/insights/${organisationId}`;
  const section = /^\/orgs\/[^/]+\/(users|api-keys)/.exec(pathname)?.[1] ?? 'members';
  return `/orgs/${organisationId}/${section}`;
}

/** Switches the organisation in view; a switch starts a fresh list (filters belong to one org). */
export function OrganisationSwitcher({ organisationId }: { organisationId?: string }) {
  const { organisations, loading } = useOrganisations();
  const navigate = useNavigate();
  const location = useLocation();
  return (
    <label className="admin-org-switcher">
      <span className="mu-visually-hidden">Organisation</span>
      <select
        className="mu-input mu-select mu-input--sm"
        data-testid="org-switcher"
        value={organisationId ?? ''}
        disabled={loading}
        onChange={(e) => navigate(switchedPath(location.pathname, e.target.value))}
      >
        {loading ? <option value={organisationId ?? ''}>Loading organisations…</option> : null}
        {!loading && !organisationId ? <option value="">Choose an organisation…</option> : null}
        {organisations.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name} · {KIND_LABEL[o.kind] ?? o.kind}
          </option>
        ))}
      </select>
    </label>
  );
}
