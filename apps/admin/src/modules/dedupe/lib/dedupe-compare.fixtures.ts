// A member as the comparison sees it, for tests.
import type { ComparedMember } from '../graphql/dedupe.graphql';

export function comparedMember(overrides: Partial<ComparedMember>): ComparedMember {
  return {
    id: 'm', fullName: 'Ada Lovelace', firstName: 'Ada', lastName: 'Lovelace', membershipNumber: null, emails: [], phones: [], postcode: null,
    region: null, branch: null, workplace: null, employer: null, status: 'ACTIVE', joinedOn: null, tags: [], issues: [], supportLevel: null,
    createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-01-01T00:00:00.000Z', ...overrides,
  };
}
