/**
 * The reminder job against a real PostgreSQL and pg-boss: the sweep finds open commitments owed a reminder at
 * due_at − each offset, queues a job per organisation, and the job (in that organisation's context) moves
 * COMMITTED → REMINDED, then counts a second reminder, with an event each. Not reminded: cancelled responses,
 * responses without a due date, reminders whose time came before the commitment, anything after the due time; a
 * missed window sends one reminder, not several. Each organisation's responses are reminded in its own job.
 */
import type { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { ActionReminderService } from '../src/action/action-reminder.service';
import { connect } from './support/database';
import { buildFixture, loadFixture, OTHER_ID, UNION_ID } from './support/fixture';
import { startTestApp, type TestApp } from './support/test-app';

const fixture = buildFixture(10);
const union = fixture.members.filter((x) => x.organisationId === UNION_ID).map((x) => x.id);
const other = fixture.members.filter((x) => x.organisationId === OTHER_ID).map((x) => x.id);
// Far in the future, so the API's own periodic sweep (real clock) never touches these rows.
const DUE = new Date('2031-05-01T18:00:00Z');
const minutes = (n: number) => new Date(DUE.getTime() - n * 60_000);
let t: TestApp;
let db: Client;
let reminders: ActionReminderService;
const ids: Record<string, string> = {};

async function insertResponse(org: string, action: string, campaign: string, member: string, state: string, committedAt: Date | null, dueAt: Date | null): Promise<string> {
  const id = uuidv7();
  await db.query(`INSERT INTO action_response (organisation_id, id, action_id, campaign_id, member_id, state, channel, asked_at, committed_at, due_at, closed_at)
    VALUES ($1, $2, $3, $4, $5, $6::text, 'CALL', $7::timestamptz, $7::timestamptz, $8::timestamptz, CASE WHEN $6::text = 'CANCELLED' THEN $7::timestamptz END)`, [org, id, action, campaign, member, state, committedAt, dueAt]);
  return id;
}

async function counts(): Promise<Record<string, [string, number]>> {
  const rows = await db.query(`SELECT id, state, reminder_count FROM action_response`);
  const byId = new Map(rows.rows.map((r) => [r.id, [r.state, r.reminder_count] as [string, number]]));
  return Object.fromEntries(Object.entries(ids).map(([k, id]) => [k, byId.get(id)!]));
}

async function sweepAndWait(now: Date, expectQueued: number): Promise<void> {
  const before = (await db.query(`SELECT count(*)::int AS n FROM action_response_event WHERE to_state = 'REMINDED'`)).rows[0].n as number;
  expect(await reminders.sweep(now)).toBe(expectQueued);
  const deadline = Date.now() + 20_000;
  for (;;) {
    const n = (await db.query(`SELECT count(*)::int AS n FROM action_response_event WHERE to_state = 'REMINDED'`)).rows[0].n as number;
    if (n === before + expectQueued) return;
    if (Date.now() > deadline) throw new Error(`reminders: ${n - before} of ${expectQueued} recorded`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  t = await startTestApp();
  db = await connect(t.databaseUrl);
  await loadFixture(db, fixture);
  reminders = t.app.get(ActionReminderService);
  for (const [org, members, key] of [[UNION_ID, union, 'u'], [OTHER_ID, other, 'o']] as const) {
    const campaign = uuidv7();
    const action = uuidv7();
    await db.query(`INSERT INTO campaign (organisation_id, id, name, created_by) VALUES ($1, $2, 'C', 'test')`, [org, campaign]);
    await db.query(`INSERT INTO action (organisation_id, id, campaign_id, type, title, public_slug, due_at, reminder_offsets_minutes)
      VALUES ($1, $2, $3, 'EVENT', 'Rally', $4, $5, '{1440,120}')`, [org, action, campaign, `s${key}${action.slice(-8)}`, DUE]);
    ids[`${key}Early`] = await insertResponse(org, action, campaign, members[0], 'COMMITTED', minutes(3 * 1440), DUE);
    if (key === 'o') continue;
    ids.late = await insertResponse(org, action, campaign, members[1], 'COMMITTED', minutes(60), DUE);
    ids.cancelled = await insertResponse(org, action, campaign, members[2], 'CANCELLED', minutes(3 * 1440), DUE);
    ids.undated = await insertResponse(org, action, campaign, members[3], 'COMMITTED', minutes(3 * 1440), null);
    ids.missed = await insertResponse(org, action, campaign, members[4], 'COMMITTED', minutes(3 * 1440), DUE);
  }
});

afterAll(async () => {
  await db?.end();
  await t?.close();
});

describe('reminders', () => {
  it('nothing is owed before the first reminder time', async () => {
    expect(await reminders.sweep(minutes(1441))).toBe(0);
  });

  it('a day before: both organisations\' early commitments are reminded, each in its own job', async () => {
    const due = await reminders.due(minutes(1439));
    expect([...due.keys()].sort()).toEqual([UNION_ID, OTHER_ID].sort());
    expect(due.get(UNION_ID)!.sort()).toEqual([ids.uEarly, ids.missed].sort());
    // The missed one is left out of this sweep on purpose: take it out of reach by pushing its due date for now.
    await db.query(`UPDATE action_response SET due_at = $2 WHERE id = $1`, [ids.missed, new Date('2031-06-01T00:00:00Z')]);
    await sweepAndWait(minutes(1439), 2);
    expect(await counts()).toMatchObject({ uEarly: ['REMINDED', 1], oEarly: ['REMINDED', 1], late: ['COMMITTED', 0], cancelled: ['CANCELLED', 0], undated: ['COMMITTED', 0] });
    const events = await db.query(`SELECT organisation_id, from_state, to_state, channel, actor, note, at FROM action_response_event WHERE response_id = $1`, [ids.uEarly]);
    expect(events.rows).toEqual([{ organisation_id: UNION_ID, from_state: 'COMMITTED', to_state: 'REMINDED', channel: 'SMS', actor: 'job:action-reminders',
      note: expect.stringMatching(/not sent/), at: minutes(1439) }]);
    expect(await reminders.sweep(minutes(1000))).toBe(0); // already reminded for this window
  });

  it('two hours before: a second reminder (REMINDED → REMINDED, counted); the late commitment gets none', async () => {
    await db.query(`UPDATE action_response SET due_at = $2 WHERE id = $1`, [ids.missed, DUE]);
    // The missed response (both windows passed, never reminded) gets one reminder, not two.
    await sweepAndWait(minutes(110), 3);
    expect(await counts()).toMatchObject({ uEarly: ['REMINDED', 2], oEarly: ['REMINDED', 2], missed: ['REMINDED', 1], late: ['COMMITTED', 0] });
    const second = await db.query(`SELECT from_state, to_state FROM action_response_event WHERE response_id = $1 ORDER BY at`, [ids.uEarly]);
    expect(second.rows.map((r) => `${r.from_state}→${r.to_state}`)).toEqual(['COMMITTED→REMINDED', 'REMINDED→REMINDED']);
    expect(await reminders.sweep(minutes(100))).toBe(0);
  });

  it('nothing after the due time; a job re-checks under the lock (a stale job changes nothing)', async () => {
    expect(await reminders.sweep(new Date(DUE.getTime() + 60_000))).toBe(0);
    expect(await reminders.handle({ organisationId: UNION_ID, responseIds: [ids.uEarly, ids.cancelled, ids.late], at: minutes(100).toISOString() })).toBe(0);
    // A job for one organisation cannot touch another's responses, even when given their ids.
    await db.query(`UPDATE action_response SET reminded_at = NULL, state = 'COMMITTED' WHERE id = $1`, [ids.oEarly]);
    expect(await reminders.handle({ organisationId: UNION_ID, responseIds: [ids.oEarly], at: minutes(100).toISOString() })).toBe(0);
    expect(await reminders.handle({ organisationId: OTHER_ID, responseIds: [ids.oEarly], at: minutes(100).toISOString() })).toBe(1);
  });
});
