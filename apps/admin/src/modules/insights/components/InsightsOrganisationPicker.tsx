import { useNavigate } from 'react-router-dom';
import { SelectField } from '@muster/ui';
import type { OrganisationSummary } from '../../organisation/graphql/organisation.graphql';

/** The clients whose dashboards agency staff can open; picking one keeps the filters in the URL (they are per dashboard). */
export function clientOrganisations(organisations: readonly OrganisationSummary[]): OrganisationSummary[] {
  return organisations.filter((o) => o.kind === 'CLIENT').sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
}

export function InsightsOrganisationPicker({ organisations, organisationId }: { organisations: readonly OrganisationSummary[]; organisationId?: string }) {
  const navigate = useNavigate();
  return (
    <div className="mu-no-print admin-insights-picker">
      <SelectField
        label="Client"
        data-testid="insights-org-picker"
        placeholder={organisationId ? undefined : 'Choose a client…'}
        options={clientOrganisations(organisations).map((o) => ({ value: o.id, label: o.name }))}
        value={organisationId ?? ''}
        onChange={(e) => e.target.value && navigate(`/insights/${e.target.value}`)}
      />
    </div>
  );
}
