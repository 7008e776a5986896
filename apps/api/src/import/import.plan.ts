/**
 * The in-memory half of one import batch (no I/O): grouping a batch's rows into people (rows sharing a match
 * key are one person), applying each row in file order to the person's current state, and deciding each
 * row's outcome (CREATED, UPDATED, UNCHANGED) and what has to be written. import.batch.ts does the SQL around
 * it: one matching query before, a few set-based statements after.
 *
 * Rules (docs/imports.md): a value in the file overwrites the stored one unless the field is in keepExisting
 * and the stored value is not empty; a blank cell never clears anything; tags, issues, emails and phones are
 * merged (added, never removed); a consent value that differs from the member's becomes a consent record.
 */
import type { ImportField, ImportRowValues } from '@muster/domain';

export interface PlannedRow {
  /** The physical line the record starts on (what rejects and samples show). */
  rowNumber: number;
  values: ImportRowValues;
  warnings: string[];
  /** Match keys in the configured order ('EMAIL:a@b.org'), or the NAME fallback key when there are none. */
  keys: string[];
}

export type RowOutcome = 'CREATED' | 'UPDATED' | 'UNCHANGED';
export type ConsentValue = 'GRANTED' | 'WITHDRAWN' | 'UNKNOWN';

export interface MemberState {
  id: string;
  isNew: boolean;
  firstName: string;
  lastName: string;
  postcode: string | null;
  region: string | null;
  branch: string | null;
  workplace: string | null;
  employer: string | null;
  membershipNumber: string | null;
  status: 'ACTIVE' | 'LAPSED' | 'LEFT';
  joinedOn: string | null;
  leftOn: string | null;
  supportLevel: number | null;
  tags: string[];
  issues: string[];
  smsConsent: ConsentValue;
  emailConsent: ConsentValue;
  emails: string[];
  phones: { e164: string; type: 'MOBILE' | 'LANDLINE' | 'UNKNOWN' }[];
  /** How many emails / phones are stored already (new ones are appended after them). */
  storedEmails: number;
  storedPhones: number;
  /** The member's own columns changed (→ UPDATE member). */
  changed: boolean;
  consents: { channel: 'SMS' | 'EMAIL'; status: 'GRANTED' | 'WITHDRAWN' }[];
}

/** The NAME fallback: a row without any configured key matches on name and postcode (so re-runs stay idempotent). */
export function nameKey(values: ImportRowValues): string | null {
  const first = (values.firstName ?? '').trim().toLowerCase();
  const last = (values.lastName ?? '').trim().toLowerCase();
  if (!first && !last) return null;
  return `NAME:${first}\u0001${last}\u0001${values.postcode ?? ''}`;
}

export function emptyState(id: string): MemberState {
  return {
    id, isNew: true, firstName: '', lastName: '', postcode: null, region: null, branch: null, workplace: null, employer: null,
    membershipNumber: null, status: 'ACTIVE', joinedOn: null, leftOn: null, supportLevel: null, tags: [], issues: [],
    smsConsent: 'UNKNOWN', emailConsent: 'UNKNOWN', emails: [], phones: [], storedEmails: 0, storedPhones: 0, changed: true, consents: [],
  };
}

type ScalarKey = 'firstName' | 'lastName' | 'postcode' | 'region' | 'branch' | 'workplace' | 'employer' | 'membershipNumber'
  | 'status' | 'joinedOn' | 'leftOn' | 'supportLevel';

const SCALARS: { key: ScalarKey; fields: ImportField[] }[] = [
  { key: 'firstName', fields: ['FIRST_NAME', 'FULL_NAME'] },
  { key: 'lastName', fields: ['LAST_NAME', 'FULL_NAME'] },
  { key: 'postcode', fields: ['POSTCODE'] },
  { key: 'region', fields: ['REGION'] },
  { key: 'branch', fields: ['BRANCH'] },
  { key: 'workplace', fields: ['WORKPLACE'] },
  { key: 'employer', fields: ['EMPLOYER'] },
  { key: 'membershipNumber', fields: ['MEMBERSHIP_NUMBER'] },
  { key: 'status', fields: ['STATUS'] },
  { key: 'joinedOn', fields: ['JOINED_ON'] },
  { key: 'leftOn', fields: ['LEFT_ON'] },
  { key: 'supportLevel', fields: ['SUPPORT_LEVEL'] },
];

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '';
}

/**
 * Applies one row to a person's state; true when anything changed. `existing` is false only for the first
 * row of a person created by this import (everything it brings is new).
 */
export function applyRow(state: MemberState, values: ImportRowValues, keep: ReadonlySet<ImportField>): boolean {
  let changed = false;
  const s = state as unknown as Record<ScalarKey, unknown>;
  for (const { key, fields } of SCALARS) {
    const next = values[key];
    if (isEmpty(next)) continue;
    if (!state.isNew && fields.some((f) => keep.has(f)) && !isEmpty(s[key])) continue;
    if (s[key] === next) continue;
    s[key] = next;
    state.changed = true;
    changed = true;
  }
  for (const list of ['tags', 'issues'] as const) {
    for (const value of values[list]) {
      if (!state[list].includes(value)) {
        state[list].push(value);
        state.changed = true;
        changed = true;
      }
    }
  }
  for (const email of values.emails) {
    if (!state.emails.includes(email)) {
      state.emails.push(email);
      if (state.emails.length === 1) state.changed = true; // member.email (the primary copy) changes
      changed = true;
    }
  }
  for (const phone of values.phones) {
    if (!state.phones.some((p) => p.e164 === phone.e164)) {
      state.phones.push({ e164: phone.e164, type: phone.type });
      if (state.phones.length === 1) state.changed = true;
      changed = true;
    }
  }
  for (const [channel, key, field] of [['SMS', 'smsConsent', 'SMS_CONSENT'], ['EMAIL', 'emailConsent', 'EMAIL_CONSENT']] as const) {
    const next = values[key];
    if (next === null) continue;
    if (!state.isNew && keep.has(field) && state[key] !== 'UNKNOWN') continue;
    if (state[key] === next) continue;
    state[key] = next;
    state.consents.push({ channel, status: next });
    state.changed = true;
    changed = true;
  }
  return changed;
}

/** Union-by-first-key grouping: a row joins the first earlier group (in key order) that shares a key. */
export function groupRows(rows: PlannedRow[]): { rows: PlannedRow[]; keys: string[] }[] {
  const groups: { rows: PlannedRow[]; keys: string[] }[] = [];
  const byKey = new Map<string, number>();
  for (const row of rows) {
    let index: number | undefined;
    for (const key of row.keys) {
      index = byKey.get(key);
      if (index !== undefined) break;
    }
    if (index === undefined) {
      index = groups.length;
      groups.push({ rows: [], keys: [] });
    }
    const group = groups[index];
    group.rows.push(row);
    for (const key of row.keys) {
      if (!byKey.has(key)) {
        byKey.set(key, index);
        group.keys.push(key);
      }
    }
  }
  return groups;
}

/** A short description of a row for the samples ("Siân Jones <sian@example.org>"). */
export function summariseRow(values: ImportRowValues | null, fields: string[]): string {
  if (!values) return fields.filter((f) => f.trim() !== '').slice(0, 4).join(', ').slice(0, 120);
  const name = [values.firstName, values.lastName].filter(Boolean).join(' ');
  const contact = values.emails[0] ?? values.phones[0]?.e164 ?? values.membershipNumber ?? '';
  return [name, contact ? `<${contact}>` : ''].filter(Boolean).join(' ').slice(0, 120) || '(no name)';
}
