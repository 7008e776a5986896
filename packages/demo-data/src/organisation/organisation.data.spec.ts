import { DEMO_ORGANISATIONS } from './organisation.data.js';

describe('DEMO_ORGANISATIONS', () => {
  it('is the agency and its two clients, with unique keys and slugs', () => {
    expect(DEMO_ORGANISATIONS.map((o) => [o.key, o.name, o.slug, o.kind, o.parentKey])).toEqual([
      ['agency', 'Northpoint Campaigns', 'northpoint', 'AGENCY', undefined],
      ['union', 'United Public Services Union', 'upsu', 'CLIENT', 'agency'],
      ['campaign', 'Clean Air Now', 'clean-air-now', 'CLIENT', 'agency'],
    ]);
    for (const o of DEMO_ORGANISATIONS) expect(o.slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });
});
