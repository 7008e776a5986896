/**
 * What a merge writes on the survivor, decided without the database (unit-tested in dedupe.merge-plan.spec.ts).
 * Works on whole rows as stored (to_jsonb), column by column, so a member column added later is merged too:
 * - arrays (tags, issues, …): the union, survivor's values first, no repeats;
 * - consent columns: WITHDRAWN if any record says so, else GRANTED if any does, else the survivor's (a person
 *   who opted out on one record must not be contacted because another record predates it);
 * - latest-of columns (last_contacted_at): the latest of all the records (the person was contacted then, whichever
 *   record it was on);
 * - every other column the survivor has empty (null or '') is filled from the first merged member (in the
 *   order given) that has it;
 * - phones and emails: the survivor's stay as they are (its primary stays primary); the merged members' numbers
 *   and addresses it does not have are appended after them; the first becomes primary only when the survivor
 *   had none, and is then copied to member.phone / member.email.
 */
import type { MemberJson, RowJson } from './dedupe-merge.repository.js';

/** Never merged column by column: identity, timestamps, trigger-kept keys, denormalised contact copies. */
const FIXED = new Set(['organisation_id', 'id', 'created_at', 'updated_at', 'email', 'phone']);
const CONSENT = new Set(['sms_consent', 'email_consent']);
const LATEST = new Set(['last_contacted_at']);

export interface PlannedPhone { e164: string; type: string; isPrimary: boolean; position: number }
export interface PlannedEmail { address: string; isPrimary: boolean; position: number }

export interface MergePlan {
  values: MemberJson;
  phones: PlannedPhone[];
  emails: PlannedEmail[];
}

function empty(value: unknown): boolean {
  return value === null || value === undefined || value === '';
}

function byPosition(a: RowJson, b: RowJson): number {
  return Number(a.position) - Number(b.position);
}

export function planMerge(survivor: MemberJson, merged: MemberJson[], phones: RowJson[], emails: RowJson[]): MergePlan {
  const values: MemberJson = { ...survivor };
  for (const column of Object.keys(survivor)) {
    if (FIXED.has(column) || column.endsWith('_key')) continue;
    const current = survivor[column];
    if (CONSENT.has(column)) {
      const all = [current, ...merged.map((m) => m[column])];
      values[column] = all.includes('WITHDRAWN') ? 'WITHDRAWN' : all.includes('GRANTED') ? 'GRANTED' : current;
    } else if (LATEST.has(column)) {
      // Timestamps as stored (ISO text from to_jsonb): compared as instants, nulls ignored.
      const all = [current, ...merged.map((m) => m[column])].filter((v) => !empty(v)) as string[];
      values[column] = all.length === 0 ? current : all.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
    } else if (Array.isArray(current)) {
      const union: unknown[] = [...current];
      for (const m of merged) for (const v of (m[column] as unknown[] | null) ?? []) if (!union.includes(v)) union.push(v);
      values[column] = union;
    } else if (empty(current)) {
      const source = merged.find((m) => !empty(m[column]));
      if (source) values[column] = source[column];
    }
  }

  const order = (rows: RowJson[]) => merged.flatMap((m) => rows.filter((r) => r.member_id === m.id).sort(byPosition));
  const own = (rows: RowJson[]) => rows.filter((r) => r.member_id === survivor.id);
  const nextPosition = (rows: RowJson[]) => rows.reduce((max, r) => Math.max(max, Number(r.position) + 1), 0);

  const ownPhones = own(phones);
  const seenPhones = new Set(ownPhones.map((p) => String(p.e164)));
  const hasPrimaryPhone = ownPhones.some((p) => p.is_primary === true);
  const plannedPhones: PlannedPhone[] = [];
  let position = nextPosition(ownPhones);
  for (const p of order(phones)) {
    const e164 = String(p.e164);
    if (seenPhones.has(e164)) continue;
    seenPhones.add(e164);
    plannedPhones.push({ e164, type: String(p.type), isPrimary: !hasPrimaryPhone && plannedPhones.length === 0, position: position++ });
  }
  if (!hasPrimaryPhone && plannedPhones.length > 0) values.phone = plannedPhones[0].e164;

  const ownEmails = own(emails);
  const seenEmails = new Set(ownEmails.map((e) => String(e.address)));
  const hasPrimaryEmail = ownEmails.some((e) => e.is_primary === true);
  const plannedEmails: PlannedEmail[] = [];
  position = nextPosition(ownEmails);
  for (const e of order(emails)) {
    const address = String(e.address);
    if (seenEmails.has(address)) continue;
    seenEmails.add(address);
    plannedEmails.push({ address, isPrimary: !hasPrimaryEmail && plannedEmails.length === 0, position: position++ });
  }
  if (!hasPrimaryEmail && plannedEmails.length > 0) values.email = plannedEmails[0].address;

  return { values, phones: plannedPhones, emails: plannedEmails };
}

/** "First Last" of a stored member row, for the merge history. */
export function displayName(m: MemberJson): string {
  return `${m.first_name ?? ''} ${m.last_name ?? ''}`.trim() || String(m.email ?? m.phone ?? m.id);
}
