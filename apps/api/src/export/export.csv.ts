/**
 * The members CSV: its columns and how one value becomes one cell. Pure functions (unit-tested) used
 * by ExportService. RFC 4180 (comma, CRLF, quotes doubled) and safe to open in a spreadsheet: a cell
 * that a spreadsheet would run as a formula is neutralised with a leading apostrophe (OWASP "CSV
 * injection"). Must never: emit a cell that starts with = + - @ (or a tab / carriage return).
 */
import type { MemberRow } from '../member/member.repository.js';

/** UTF-8 byte order mark: `?bom=1` puts it first so Excel reads the file as UTF-8. */
export const UTF8_BOM = '\uFEFF';

const LINE_END = '\r\n';
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One value → one cell: formula starts neutralised, quoted when it holds a comma, quote or line break. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly (string | number | boolean | null | undefined)[]): string {
  return values.map(csvCell).join(',') + LINE_END;
}

/** Lists in one cell (phones, emails, tags, issues): "; " (the importer splits on , ; |). */
export const LIST_SEPARATOR = '; ';

/** What the export writes for one member: the row plus every phone and email in position order. */
export interface ExportMember {
  row: MemberRow;
  phones: string[];
  emails: string[];
}

function timestamp(value: Date | string | null): string | null {
  if (value === null) return null;
  return value instanceof Date ? value.toISOString() : value;
}

/** The columns, in order: the header names and how each cell is read from a member. */
export const EXPORT_COLUMNS: readonly { header: string; value: (m: ExportMember) => string | number | null }[] = [
  { header: 'id', value: (m) => m.row.id },
  { header: 'membership_number', value: (m) => m.row.membership_number },
  { header: 'first_name', value: (m) => m.row.first_name },
  { header: 'last_name', value: (m) => m.row.last_name },
  { header: 'email', value: (m) => m.row.email },
  { header: 'emails', value: (m) => m.emails.join(LIST_SEPARATOR) },
  { header: 'phone', value: (m) => m.row.phone },
  { header: 'phones', value: (m) => m.phones.join(LIST_SEPARATOR) },
  { header: 'postcode', value: (m) => m.row.postcode },
  { header: 'region', value: (m) => m.row.region },
  { header: 'branch', value: (m) => m.row.branch },
  { header: 'workplace', value: (m) => m.row.workplace },
  { header: 'employer', value: (m) => m.row.employer },
  { header: 'status', value: (m) => m.row.status },
  { header: 'joined_on', value: (m) => m.row.joined_on },
  { header: 'left_on', value: (m) => m.row.left_on },
  { header: 'tags', value: (m) => m.row.tags.join(LIST_SEPARATOR) },
  { header: 'issues', value: (m) => m.row.issues.join(LIST_SEPARATOR) },
  { header: 'sms_consent', value: (m) => m.row.sms_consent },
  { header: 'email_consent', value: (m) => m.row.email_consent },
  { header: 'support_level', value: (m) => m.row.support_level },
  { header: 'engagement_score', value: (m) => m.row.engagement_score },
  { header: 'created_at', value: (m) => timestamp(m.row.created_at) },
  { header: 'updated_at', value: (m) => timestamp(m.row.updated_at) },
];

export function csvHeader(bom: boolean): string {
  return (bom ? UTF8_BOM : '') + csvLine(EXPORT_COLUMNS.map((c) => c.header));
}

export function csvMemberLine(member: ExportMember): string {
  return csvLine(EXPORT_COLUMNS.map((c) => c.value(member)));
}

/** `members-<org-slug>-<yyyy-mm-dd>.csv` (UTC date); the slug reduced to [a-z0-9-] so the header stays plain. */
export function exportFileName(slug: string, now: Date): string {
  const safe = slug.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'organisation';
  return `members-${safe}-${now.toISOString().slice(0, 10)}.csv`;
}
