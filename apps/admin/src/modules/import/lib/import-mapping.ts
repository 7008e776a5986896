// The mapping editor's rules: fields per column, saved mappings applied by header, match order and "don't overwrite".
// Pure: the editor keeps a draft of these and sends it with updateMemberImport before a dry run.
import type { ImportColumn, ImportField, ImportMapping, ImportMatchKey, MemberImport } from '../graphql/import.graphql';
import { IMPORT_MATCH_KEYS } from '../graphql/import.graphql';

export interface ImportDraft {
  /** The field for each column, by column index. */
  fields: ImportField[];
  matchOrder: ImportMatchKey[];
  keepExisting: ImportField[];
}

export function draftFrom(memberImport: Pick<MemberImport, 'columns' | 'matchOrder' | 'keepExisting'>): ImportDraft {
  const fields: ImportField[] = [];
  for (const c of memberImport.columns) fields[c.index] = c.field;
  return { fields, matchOrder: [...memberImport.matchOrder], keepExisting: [...memberImport.keepExisting] };
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** Equal settings: the "don't overwrite" fields are a set (the API may return them in its own order). */
export function sameDraft(a: ImportDraft, b: ImportDraft): boolean {
  return JSON.stringify(a.fields) === JSON.stringify(b.fields) && JSON.stringify(a.matchOrder) === JSON.stringify(b.matchOrder) && sameSet(a.keepExisting, b.keepExisting);
}

/** What to send with updateMemberImport: only what changed, so an untouched option keeps the API's default. */
export function draftChanges(saved: ImportDraft, draft: ImportDraft) {
  const changes: { columns?: Array<{ index: number; field: ImportField }>; matchOrder?: ImportMatchKey[]; keepExisting?: ImportField[] } = {};
  if (JSON.stringify(saved.fields) !== JSON.stringify(draft.fields)) changes.columns = draft.fields.map((field, index) => ({ index, field }));
  if (JSON.stringify(saved.matchOrder) !== JSON.stringify(draft.matchOrder)) changes.matchOrder = draft.matchOrder;
  if (!sameSet(saved.keepExisting, draft.keepExisting)) changes.keepExisting = draft.keepExisting;
  return changes;
}

const headerKey = (h: string) => h.trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * Applies a saved mapping by header name (case and spacing ignored). A header that appears twice in the file takes
 * the saved fields in order. Columns the mapping does not know keep their current field; the count of matched
 * columns says how well the mapping fits this file.
 */
export function applySavedMapping(columns: readonly ImportColumn[], current: readonly ImportField[], mapping: Pick<ImportMapping, 'columns'>): { fields: ImportField[]; matched: number } {
  const byHeader = new Map<string, ImportField[]>();
  for (const c of mapping.columns) {
    const key = headerKey(c.header);
    byHeader.set(key, [...(byHeader.get(key) ?? []), c.field]);
  }
  const fields = [...current];
  let matched = 0;
  for (const column of columns) {
    const queue = byHeader.get(headerKey(column.header));
    if (!queue?.length) continue;
    fields[column.index] = queue.shift()!;
    matched++;
  }
  return { fields, matched };
}

/** The mapping to save: one entry per column, by header. */
export function toSavedColumns(columns: readonly ImportColumn[], fields: readonly ImportField[]): Array<{ header: string; field: ImportField }> {
  return columns.map((c) => ({ header: c.header, field: fields[c.index] ?? 'IGNORE' }));
}

/** Fields chosen for more than one column, where the second would silently lose to the first (tags and issues add up). */
export function duplicateFields(fields: readonly ImportField[]): ImportField[] {
  const seen = new Set<ImportField>();
  const dup = new Set<ImportField>();
  for (const f of fields) {
    if (f === 'IGNORE' || f === 'TAGS' || f === 'ISSUES') continue;
    if (seen.has(f)) dup.add(f);
    seen.add(f);
  }
  return [...dup];
}

/** Fields a "don't overwrite existing values" box makes sense for: the mapped ones that hold a member's data. */
export function overwritableFields(fields: readonly ImportField[]): ImportField[] {
  const out: ImportField[] = [];
  for (const f of fields) if (f !== 'IGNORE' && f !== 'MEMBERSHIP_NUMBER' && !out.includes(f)) out.push(f);
  return out;
}

/** Moves a key up (-1) or down (+1) in the match order. */
export function moveMatchKey(order: readonly ImportMatchKey[], key: ImportMatchKey, delta: -1 | 1): ImportMatchKey[] {
  const i = order.indexOf(key);
  const j = i + delta;
  if (i < 0 || j < 0 || j >= order.length) return [...order];
  const next = [...order];
  [next[i], next[j]] = [next[j], next[i]];
  return next;
}

/** Turns a key on (appended, i.e. tried last) or off; at least one key always stays on. */
export function toggleMatchKey(order: readonly ImportMatchKey[], key: ImportMatchKey, on: boolean): ImportMatchKey[] {
  if (on) return order.includes(key) ? [...order] : [...order, key];
  const next = order.filter((k) => k !== key);
  return next.length ? next : [...order];
}

/** The keys not in use, in the contract's default order, for the "also match on" list. */
export function unusedMatchKeys(order: readonly ImportMatchKey[]): ImportMatchKey[] {
  return IMPORT_MATCH_KEYS.filter((k) => !order.includes(k));
}

/** The first rows of the file, rebuilt from each column's samples (the API sends samples per column). */
export function previewRows(columns: readonly ImportColumn[]): string[][] {
  const rows = Math.max(0, ...columns.map((c) => c.samples.length));
  return Array.from({ length: rows }, (_, r) => columns.map((c) => c.samples[r] ?? ''));
}
