import { useNavigate } from 'react-router-dom';
import { useOrganisations } from '../hooks/useOrganisations';

const KIND_LABEL = { AGENCY: 'Agency', CLIENT: 'Client', UNIT: 'Unit' } as const;

/** Switches the organisation whose members are shown; a switch starts a fresh list (filters belong to one org). */
export function OrganisationSwitcher({ organisationId }: { organisationId?: string }) {
  const { organisations, loading } = useOrganisations();
  const navigate = useNavigate();
  return (
    <label className="admin-org-switcher">
      <span className="mu-visually-hidden">Organisation</span>
      <select
        className="mu-input mu-select mu-input--sm"
        data-testid="org-switcher"
        value={organisationId ?? ''}
        disabled={loading}
        onChange={(e) => navigate(`/orgs/${e.target.value}/members`)}
      >
        {loading ? <option value={organisationId ?? ''}>Loading organisations…</option> : null}
        {organisations.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name} · {KIND_LABEL[o.kind] ?? o.kind}
          </option>
        ))}
      </select>
    </label>
  );
}
