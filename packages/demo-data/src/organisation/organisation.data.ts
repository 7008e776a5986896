/**
 * The demo organisations: the agency and its two clients.
 *
 * Owns: their keys, names and slugs, which the API's seed loader and the benchmark use.
 * Must never: carry ids or anything the database assigns; the seed loader maps keys to ids.
 */

export interface DemoOrganisation {
  key: 'agency' | 'union' | 'campaign';
  name: string;
  slug: string;
  kind: 'AGENCY' | 'CLIENT';
  parentKey?: 'agency';
}

export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  { key: 'agency', name: 'Northpoint Campaigns', slug: 'northpoint', kind: 'AGENCY' },
  { key: 'union', name: 'United Public Services Union', slug: 'upsu', kind: 'CLIENT', parentKey: 'agency' },
  { key: 'campaign', name: 'Clean Air Now', slug: 'clean-air-now', kind: 'CLIENT', parentKey: 'agency' },
];
