// The side-by-side comparison of a duplicate suggestion: one row per field, the values of each member, and whether
// they differ (what a reviewer must look at before choosing which record survives).
import type { ComparedMember, DuplicateRule } from '../graphql/dedupe.graphql';

export const RULE_LABEL: Record<DuplicateRule, string> = {
  SAME_EMAIL: 'Same email',
  SAME_MOBILE: 'Same mobile',
  SAME_NAME_POSTCODE: 'Same name and postcode',
};

export interface ComparisonRow { key: string; label: string; values: string[]; differs: boolean }

const STATUS: Record<ComparedMember['status'], string> = { ACTIVE: 'Active', LAPSED: 'Lapsed', LEFT: 'Left' };

const list = (items: readonly string[]) => (items.length ? items.join(', ') : '');

export function comparisonRows(members: readonly ComparedMember[]): ComparisonRow[] {
  const fields: Array<[string, string, (m: ComparedMember) => string]> = [
    ['name', 'Name', (m) => m.fullName],
    ['membershipNumber', 'Membership number', (m) => m.membershipNumber ?? ''],
    ['emails', 'Emails', (m) => list(m.emails.map((e) => e.address))],
    ['phones', 'Phones', (m) => list(m.phones.map((p) => p.e164))],
    ['postcode', 'Postcode', (m) => m.postcode ?? ''],
    ['region', 'Region', (m) => m.region ?? ''],
    ['branch', 'Branch', (m) => m.branch ?? ''],
    ['workplace', 'Workplace', (m) => m.workplace ?? ''],
    ['employer', 'Employer', (m) => m.employer ?? ''],
    ['status', 'Status', (m) => STATUS[m.status] ?? m.status],
    ['joinedOn', 'Joined', (m) => m.joinedOn ?? ''],
    ['tags', 'Tags', (m) => list(m.tags)],
    ['issues', 'Issues', (m) => list(m.issues)],
    ['supportLevel', 'Support level', (m) => (m.supportLevel == null ? '' : String(m.supportLevel))],
    ['createdAt', 'Added', (m) => m.createdAt.slice(0, 10)],
  ];
  return fields.map(([key, label, read]) => {
    const values = members.map(read);
    return { key, label, values, differs: new Set(values.map((v) => v.trim().toLowerCase())).size > 1 };
  });
}

/** How much a record holds: the default survivor is the fullest record, the oldest on a tie (it has the most history). */
export function defaultSurvivor(members: readonly ComparedMember[]): string | null {
  if (!members.length) return null;
  const score = (m: ComparedMember) =>
    [m.membershipNumber, m.postcode, m.region, m.branch, m.workplace, m.employer, m.joinedOn, m.supportLevel].filter((v) => v != null && v !== '').length +
    m.emails.length + m.phones.length + m.tags.length + m.issues.length;
  return [...members].sort((a, b) => score(b) - score(a) || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))[0].id;
}
