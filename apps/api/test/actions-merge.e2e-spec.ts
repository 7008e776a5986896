/**
 * Action responses follow member merges (dedupe-merge.repository re-points every (organisation_id, member_id) table):
 * a merged member's responses and events move to the survivor; when both members responded to the same action, the
 * unique key (organisation, action, member) keeps the survivor's response and sets the merged member's aside
 * (removed, recorded whole in the merge, restored by an unmerge) while its events stay (re-pointed to the survivor).
 * The follow-through tally equals the direct aggregate after the merge and after the unmerge.
 */
import type { Client } from 'pg';
import { createTestUser, type TestUser } from './support/auth';
import { connect } from './support/database';
import { buildFixture, loadFixture, UNION_ID } from './support/fixture';
import { startTestApp, type GqlResponse, type TestApp } from './support/test-app';

const fixture = buildFixture(6);
const [s, m] = fixture.members.filter((x) => x.organisationId === UNION_ID).map((x) => x.id);
let t: TestApp;
let db: Client;
let organiser: TestUser;
let volunteer: TestUser;
let shared: string;
let own: string;

function gql<T>(query: string, variables: Record<string, unknown>): Promise<GqlResponse<T>> {
  return t.gql<T>(query, variables, organiser.headers);
}

async function record(action: string, member: string, state: string, channel: string, credit: string | null = null): Promise<void> {
  const res = await gql(`mutation($i: RecordActionResponseInput!) { recordActionResponse(input: $i) { id } }`,
    { i: { actionId: action, memberId: member, state, channel, creditedUserId: credit } });
  expect(res.body.errors).toBeUndefined();
}

async function tallyMatchesDirect(): Promise<void> {
  const tally = await db.query(`SELECT action_id, channel, credited_user_id, asked::int, committed::int, reminded::int, completed::int,
      completed_after_commit::int AS cac, no_show::int, cancelled::int, declined::int, pending::int
    FROM follow_through_tally WHERE (asked, committed, reminded, completed, completed_after_commit, no_show, cancelled, declined, pending) <> (0,0,0,0,0,0,0,0,0) ORDER BY 1, 2, 3`);
  const direct = await db.query(`SELECT action_id, channel, COALESCE(credited_user_id, '00000000-0000-0000-0000-000000000000') AS credited_user_id,
      count(*)::int AS asked, count(committed_at)::int AS committed, count(reminded_at)::int AS reminded,
      count(*) FILTER (WHERE state = 'COMPLETED')::int AS completed, count(*) FILTER (WHERE state = 'COMPLETED' AND committed_at IS NOT NULL)::int AS cac,
      count(*) FILTER (WHERE state = 'NO_SHOW')::int AS no_show, count(*) FILTER (WHERE state = 'CANCELLED')::int AS cancelled,
      count(*) FILTER (WHERE state = 'DECLINED')::int AS declined, count(*) FILTER (WHERE state IN ('COMMITTED', 'REMINDED'))::int AS pending
    FROM action_response GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`);
  expect(tally.rows).toEqual(direct.rows);
}

async function responses(): Promise<{ id: string; action_id: string; member_id: string; state: string }[]> {
  return (await db.query(`SELECT id, action_id, member_id, state FROM action_response ORDER BY action_id, member_id`)).rows;
}

beforeAll(async () => {
  t = await startTestApp();
  db = await connect(t.databaseUrl);
  await loadFixture(db, fixture);
  organiser = await createTestUser(t.databaseUrl, [{ organisationId: UNION_ID, role: 'ORGANISER' }]);
  volunteer = await createTestUser(t.databaseUrl, [{ organisationId: UNION_ID, role: 'VOLUNTEER' }]);
  const c = await gql<{ createCampaign: { id: string } }>(`mutation { createCampaign(input: { organisationId: "${UNION_ID}", name: "M" }) { id } }`, {});
  const make = async (title: string) => (await gql<{ createAction: { id: string } }>(
    `mutation($c: ID!) { createAction(input: { campaignId: $c, type: EVENT, title: "${title}" }) { id } }`, { c: c.body.data!.createCampaign.id })).body.data!.createAction.id;
  shared = await make('Both responded');
  own = await make('Only the merged member');
  await record(shared, s, 'ASKED', 'CALL');
  await record(shared, m, 'COMMITTED', 'CALL', volunteer.userId);
  await record(shared, m, 'COMPLETED', 'EVENT');
  await record(own, m, 'COMMITTED', 'SMS', volunteer.userId);
});

afterAll(async () => {
  await db?.end();
  await t?.close();
});

describe('merging members who responded to the same action', () => {
  let mergeId: string;
  let before: Awaited<ReturnType<typeof responses>>;
  let eventsBefore: { id: string; member_id: string; response_id: string }[];

  it('keeps the survivor\'s response, sets the other aside, moves the rest and every event; the tally stays exact', async () => {
    before = await responses();
    eventsBefore = (await db.query(`SELECT id, member_id, response_id FROM action_response_event ORDER BY id`)).rows;
    await tallyMatchesDirect();
    const res = await gql<{ mergeMembers: { id: string } }>(`mutation($i: MergeMembersInput!) { mergeMembers(input: $i) { id } }`,
      { i: { organisationId: UNION_ID, survivorId: s, mergedIds: [m] } });
    expect(res.body.errors).toBeUndefined();
    mergeId = res.body.data!.mergeMembers.id;
    const after = await responses();
    const mOwn = before.find((r) => r.action_id === own)!;
    const sShared = before.find((r) => r.action_id === shared && r.member_id === s)!;
    expect(after).toEqual([sShared, { ...mOwn, member_id: s }].sort((a, b) => a.action_id.localeCompare(b.action_id)));
    const events = (await db.query(`SELECT id, member_id, response_id FROM action_response_event ORDER BY id`)).rows;
    expect(events).toEqual(eventsBefore.map((e) => ({ ...e, member_id: s })));
    const removed = (await db.query(`SELECT removed_rows FROM member_merge WHERE id = $1`, [mergeId])).rows[0].removed_rows as { table: string; row: { state: string } }[];
    expect(removed.map((r) => [r.table, r.row.state])).toEqual([['action_response', 'COMPLETED']]);
    await tallyMatchesDirect();
    // The survivor's responses through the API.
    const list = await gql<{ actionResponses: { totalCount: number } }>(`query($o: ID!, $m: ID!) { actionResponses(organisationId: $o, memberId: $m) { totalCount } }`, { o: UNION_ID, m: s });
    expect(list.body.data!.actionResponses.totalCount).toBe(2);
  });

  it('an unmerge restores both responses and every event exactly; the tally stays exact', async () => {
    const res = await gql(`mutation($id: ID!) { unmergeMembers(mergeId: $id) { id } }`, { id: mergeId });
    expect(res.body.errors).toBeUndefined();
    expect(await responses()).toEqual(before);
    expect((await db.query(`SELECT id, member_id, response_id FROM action_response_event ORDER BY id`)).rows).toEqual(eventsBefore);
    await tallyMatchesDirect();
  });
});
