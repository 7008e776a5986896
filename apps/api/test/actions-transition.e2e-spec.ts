/**
 * ActionResponseService.transition against a real PostgreSQL, as the other modules call it (action pages, donations,
 * the reminder job): inside a request context with one organisation's reach. Checks the row, its event history,
 * credit, last_contacted_at, idempotency, illegal moves (RESPONSE_TRANSITION_INVALID with from/to), another
 * organisation's action or member reading as not found, and the follow-through tally equal to the direct aggregate.
 */
import type { Client } from 'pg';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { ActionException } from '../src/action/action.exception';
import { ActionResponseService } from '../src/action/action-response.service';
import { withRequestContext } from '../src/common/request-context';
import { createTestUser, type TestUser } from './support/auth';
import { connect } from './support/database';
import { buildFixture, loadFixture, OTHER_ID, UNION_ID } from './support/fixture';
import { startTestApp, type TestApp } from './support/test-app';

const fixture = buildFixture(20);
const union = fixture.members.filter((m) => m.organisationId === UNION_ID);
const other = fixture.members.filter((m) => m.organisationId === OTHER_ID);
let t: TestApp;
let db: Client;
let service: ActionResponseService;
let ds: DataSource;
let volunteer: TestUser;
let stranger: TestUser;
const CAMPAIGN = uuidv7();
const ACTION = uuidv7();
const OTHER_CAMPAIGN = uuidv7();
const OTHER_ACTION = uuidv7();

function inUnion<T>(fn: () => Promise<T>, org = UNION_ID): Promise<T> {
  return withRequestContext(ds, uuidv7(), () => fn(), { reach: { organisationIds: [org] } });
}

async function tallyVsDirect(): Promise<{ tally: unknown[]; direct: unknown[] }> {
  const cols = `organisation_id, campaign_id, action_id, channel, credited_user_id`;
  const tally = (await db.query(`SELECT ${cols}, asked::int, committed::int, reminded::int, completed::int, completed_after_commit::int,
      no_show::int, cancelled::int, declined::int, pending::int FROM follow_through_tally
      WHERE (asked, committed, reminded, completed, completed_after_commit, no_show, cancelled, declined, pending) <> (0,0,0,0,0,0,0,0,0) ORDER BY 1, 2, 3, 4, 5`)).rows;
  const direct = (await db.query(`SELECT organisation_id, campaign_id, action_id, channel, COALESCE(credited_user_id, '00000000-0000-0000-0000-000000000000') AS credited_user_id,
      count(*)::int AS asked, count(committed_at)::int AS committed, count(reminded_at)::int AS reminded,
      count(*) FILTER (WHERE state = 'COMPLETED')::int AS completed,
      count(*) FILTER (WHERE state = 'COMPLETED' AND committed_at IS NOT NULL)::int AS completed_after_commit,
      count(*) FILTER (WHERE state = 'NO_SHOW')::int AS no_show, count(*) FILTER (WHERE state = 'CANCELLED')::int AS cancelled,
      count(*) FILTER (WHERE state = 'DECLINED')::int AS declined, count(*) FILTER (WHERE state IN ('COMMITTED', 'REMINDED'))::int AS pending
    FROM action_response GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`)).rows;
  return { tally, direct };
}

beforeAll(async () => {
  t = await startTestApp();
  db = await connect(t.databaseUrl);
  await loadFixture(db, fixture);
  ds = t.app.get(DataSource);
  service = t.app.get(ActionResponseService);
  volunteer = await createTestUser(t.databaseUrl, [{ organisationId: UNION_ID, role: 'VOLUNTEER' }]);
  stranger = await createTestUser(t.databaseUrl, [{ organisationId: OTHER_ID, role: 'ORGANISER' }]);
  for (const [org, campaign, action] of [[UNION_ID, CAMPAIGN, ACTION], [OTHER_ID, OTHER_CAMPAIGN, OTHER_ACTION]]) {
    await db.query(`INSERT INTO campaign (organisation_id, id, name, created_by) VALUES ($1, $2, 'Spring', 'test')`, [org, campaign]);
    await db.query(`INSERT INTO action (organisation_id, id, campaign_id, type, title, public_slug, due_at) VALUES ($1, $2, $3, 'EVENT', 'Rally', $4, '2026-05-01T10:00:00Z')`,
      [org, action, campaign, `slug${org.slice(-4)}`]);
  }
});

afterAll(async () => {
  await db?.end();
  await t?.close();
});

describe('ActionResponseService.transition', () => {
  it('creates, moves and records every move with its event; credits the volunteer; idempotent in the same state', async () => {
    const m = union[0];
    const at1 = new Date('2026-04-01T09:00:00Z');
    const r1 = await inUnion(() => service.transition(UNION_ID, { actionId: ACTION, memberId: m.id, to: 'ASKED', channel: 'CALL', actor: 'test', at: at1 }));
    expect(r1).toMatchObject({ state: 'ASKED', channel: 'CALL', campaign_id: CAMPAIGN, due_at: new Date('2026-05-01T10:00:00Z'), asked_at: at1 });
    const r2 = await inUnion(() => service.transition(UNION_ID, {
      actionId: ACTION, memberId: m.id, to: 'COMMITTED', channel: 'CALL', creditedUserId: volunteer.userId, actor: 'test', note: 'Yes!', at: new Date('2026-04-01T09:05:00Z'),
    }));
    expect(r2).toMatchObject({ id: r1.id, state: 'COMMITTED', credited_user_id: volunteer.userId });
    const again = await inUnion(() => service.transition(UNION_ID, { actionId: ACTION, memberId: m.id, to: 'COMMITTED', channel: 'WEB', actor: 'test' }));
    expect(again).toMatchObject({ id: r1.id, state: 'COMMITTED', channel: 'CALL' });
    const history = await inUnion(() => service.history(UNION_ID, r1.id));
    expect(history.map((e) => [e.from_state, e.to_state, e.channel, e.credited_user_id, e.note])).toEqual([
      [null, 'ASKED', 'CALL', null, null],
      ['ASKED', 'COMMITTED', 'CALL', volunteer.userId, 'Yes!'],
    ]);
    const member = (await db.query(`SELECT last_contacted_at FROM member WHERE id = $1`, [m.id])).rows[0];
    expect(member.last_contacted_at).toEqual(new Date('2026-04-01T09:05:00Z'));
  });

  it('refuses an illegal move with RESPONSE_TRANSITION_INVALID and from/to, writing nothing', async () => {
    const m = union[1];
    await inUnion(() => service.transition(UNION_ID, { actionId: ACTION, memberId: m.id, to: 'COMPLETED', channel: 'WEB', actor: 'test' }));
    const error = await inUnion(() => service.transition(UNION_ID, { actionId: ACTION, memberId: m.id, to: 'NO_SHOW', channel: 'STAFF', actor: 'test' })).catch((e) => e);
    expect(error).toBeInstanceOf(ActionException);
    expect(error).toMatchObject({ code: 'RESPONSE_TRANSITION_INVALID', details: { from: 'COMPLETED', to: 'NO_SHOW' } });
    expect(error.message).toMatch(/completed, which is final/);
    const created = await inUnion(() => service.transition(UNION_ID, { actionId: ACTION, memberId: union[2].id, to: 'REMINDED', channel: 'SMS', actor: 'test' })).catch((e) => e);
    expect(created).toMatchObject({ code: 'RESPONSE_TRANSITION_INVALID', details: { from: null, to: 'REMINDED' } });
    const rows = (await db.query(`SELECT count(*)::int AS n FROM action_response WHERE member_id = $1`, [union[2].id])).rows[0];
    expect(rows.n).toBe(0);
    // WEB is not a contact: last_contacted_at stays empty.
    expect((await db.query(`SELECT last_contacted_at FROM member WHERE id = $1`, [m.id])).rows[0].last_contacted_at).toBeNull();
  });

  it("another organisation's action, member or user is not found / refused", async () => {
    await expect(inUnion(() => service.transition(UNION_ID, { actionId: OTHER_ACTION, memberId: union[3].id, to: 'ASKED', channel: 'CALL', actor: 'test' })))
      .rejects.toMatchObject({ code: 'ACTION_NOT_FOUND' });
    await expect(inUnion(() => service.transition(UNION_ID, { actionId: ACTION, memberId: other[0].id, to: 'ASKED', channel: 'CALL', actor: 'test' })))
      .rejects.toMatchObject({ code: 'ACTION_MEMBER_NOT_FOUND' });
    await expect(inUnion(() => service.transition(UNION_ID, { actionId: ACTION, memberId: union[3].id, to: 'COMMITTED', channel: 'CALL', creditedUserId: stranger.userId, actor: 'test' })))
      .rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    // Asking for the other organisation's action in its own name, with only the union's reach: not found either.
    await expect(inUnion(() => service.transition(OTHER_ID, { actionId: OTHER_ACTION, memberId: other[0].id, to: 'ASKED', channel: 'CALL', actor: 'test' })))
      .rejects.toMatchObject({ code: 'ACTION_NOT_FOUND' });
    expect(await inUnion(() => service.findAction(UNION_ID, OTHER_ACTION))).toBeNull();
    expect(await inUnion(() => service.findAction(UNION_ID, `slug${OTHER_ID.slice(-4)}`))).toBeNull();
    expect((await inUnion(() => service.findAction(UNION_ID, `slug${UNION_ID.slice(-4)}`)))?.id).toBe(ACTION);
  });

  it('reminds a commitment (and again), and concurrent first responses make one row', async () => {
    const m = union[4];
    const r = await inUnion(() => service.transition(UNION_ID, { actionId: ACTION, memberId: m.id, to: 'COMMITTED', channel: 'WEB', actor: 'test' }));
    await inUnion(() => service.remind(UNION_ID, r.id, { channel: 'SMS', actor: 'job:reminders' }));
    const twice = await inUnion(() => service.remind(UNION_ID, r.id, { channel: 'SMS', actor: 'job:reminders' }));
    expect(twice).toMatchObject({ state: 'REMINDED', reminder_count: 2 });
    const both = await Promise.allSettled([0, 1].map(() =>
      inUnion(() => service.transition(UNION_ID, { actionId: ACTION, memberId: union[5].id, to: 'COMMITTED', channel: 'WEB', actor: 'test' }))));
    expect(both.map((b) => b.status)).toEqual(['fulfilled', 'fulfilled']);
    const rows = (await db.query(`SELECT count(*)::int AS n FROM action_response WHERE member_id = $1`, [union[5].id])).rows[0];
    expect(rows.n).toBe(1);
    const events = (await db.query(`SELECT count(*)::int AS n FROM action_response_event WHERE member_id = $1`, [union[5].id])).rows[0];
    expect(events.n).toBe(1);
  });

  it('concurrent writers to the same tally row (same action, channel and credit) keep it exact', async () => {
    const members = union.slice(6, 18);
    const results = await Promise.allSettled(members.map((m, i) => inUnion(async () => {
      await service.transition(UNION_ID, { actionId: ACTION, memberId: m.id, to: 'COMMITTED', channel: 'CALL', creditedUserId: volunteer.userId, actor: 'test' });
      if (i % 2 === 0) await service.transition(UNION_ID, { actionId: ACTION, memberId: m.id, to: 'COMPLETED', channel: 'EVENT', actor: 'test' });
    })));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const { tally, direct } = await tallyVsDirect();
    expect(tally).toEqual(direct);
    const row = (await db.query(`SELECT committed::int, completed_after_commit::int FROM follow_through_tally WHERE action_id = $1 AND channel = 'CALL' AND credited_user_id = $2`,
      [ACTION, volunteer.userId])).rows[0];
    expect(row).toEqual({ committed: 13, completed_after_commit: 6 }); // union[0] (earlier) + 12 here, 6 of them completed
  });

  it('the follow-through tally equals the direct aggregate after inserts, updates and deletes', async () => {
    const { tally, direct } = await tallyVsDirect();
    expect(direct.length).toBeGreaterThan(0);
    expect(tally).toEqual(direct);
    await db.query(`UPDATE action_response SET member_id = member_id`); // a merge-like update changes nothing
    await db.query(`DELETE FROM member WHERE id = $1`, [union[0].id]); // cascades to its response
    const after = await tallyVsDirect();
    expect(after.tally).toEqual(after.direct);
  });
});
