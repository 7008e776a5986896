import { useNavigate } from 'react-router-dom';
import { useClientOrganisations } from '../hooks/useClientOrganisations';

export function ClientSwitcher({ organisationId }: { organisationId?: string }) {
  const { clients, loading } = useClientOrganisations();
  const navigate = useNavigate();
  return (
    <label className="portal-switcher">
      <span className="mu-visually-hidden">Organisation</span>
      <select className="mu-input mu-select mu-input--sm" data-testid="org-switcher" value={organisationId ?? ''} disabled={loading} onChange={(e) => navigate(`/orgs/${e.target.value}`)}>
        {loading ? <option value={organisationId ?? ''}>Loading…</option> : null}
        {!loading && !organisationId ? <option value="">Choose an organisation…</option> : null}
        {clients.map((o) => (
          <option key={o.id} value={o.id}>{o.name}</option>
        ))}
      </select>
    </label>
  );
}
