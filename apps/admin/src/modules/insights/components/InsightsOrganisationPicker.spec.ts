import { clientOrganisations } from './InsightsOrganisationPicker';
import type { OrganisationSummary } from '../../organisation/graphql/organisation.graphql';

const org = (name: string, kind: OrganisationSummary['kind']): OrganisationSummary => ({ id: name, name, slug: name, kind, parentId: null });

describe('clientOrganisations', () => {
  it('lists only clients, by name', () => {
    expect(clientOrganisations([org('Northpoint', 'AGENCY'), org('Zeta Union', 'CLIENT'), org('Clean Air Now', 'CLIENT'), org('North branch', 'UNIT')]).map((o) => o.name))
      .toEqual(['Clean Air Now', 'Zeta Union']);
  });
});
