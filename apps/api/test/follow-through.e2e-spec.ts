/**
 * Follow-through through the API against a real PostgreSQL: responses recorded through recordActionResponse (every
 * channel, two volunteers, reopened commitments, completions without a commitment), then campaignResults checked
 * against numbers computed by hand from the story below (docs/campaigns.md, "Follow-through") per campaign, action,
 * channel and volunteer; the tally against the direct aggregate; the responses list with its filters, history,
 * member and credited user; illegal moves; client roles (suppression, no volunteers, no activity).
 */
import type { Client } from 'pg';
import { createTestUser, type TestUser } from './support/auth';
import { connect } from './support/database';
import { buildFixture, loadFixture, UNION_ID } from './support/fixture';
import { startTestApp, type GqlResponse, type TestApp } from './support/test-app';

const fixture = buildFixture(20);
const m = fixture.members.filter((x) => x.organisationId === UNION_ID).map((x) => x.id);
let t: TestApp;
let db: Client;
let organiser: TestUser;
let v1: TestUser;
let v2: TestUser;
let clientAdmin: TestUser;
let campaignId: string;
let a1: string;
let a2: string;

const FT = 'asked committed reminded completed completedAfterCommit noShow cancelled declined pending rate suppressed';
const RESULTS = `query($id: ID!) { campaignResults(campaignId: $id) { campaignId funnel { ${FT} }
  byAction { action { id title } followThrough { ${FT} } } byChannel { channel followThrough { ${FT} } }
  byVolunteer { user { id name } followThrough { ${FT} } } activity(first: 5) { fromState toState channel actor at } } }`;

type FollowThrough = Record<string, number | boolean | null>;
interface Results {
  campaignId: string;
  funnel: FollowThrough;
  byAction: { action: { id: string; title: string }; followThrough: FollowThrough }[];
  byChannel: { channel: string; followThrough: FollowThrough }[];
  byVolunteer: { user: { id: string; name: string }; followThrough: FollowThrough }[];
  activity: { fromState: string | null; toState: string; channel: string; actor: string; at: string }[];
}

function ft(asked: number, committed: number, reminded: number, completed: number, completedAfterCommit: number, noShow: number,
  cancelled: number, declined: number, pending: number, rate: number | null): FollowThrough {
  return { asked, committed, reminded, completed, completedAfterCommit, noShow, cancelled, declined, pending, rate, suppressed: false };
}

async function gql<T>(user: TestUser, query: string, variables: Record<string, unknown>): Promise<GqlResponse<T>> {
  return t.gql<T>(query, variables, user.headers);
}

async function record(action: string, member: string, state: string, channel: string, credit?: TestUser): Promise<GqlResponse> {
  return gql(organiser, `mutation($i: RecordActionResponseInput!) { recordActionResponse(input: $i) { id state } }`,
    { i: { actionId: action, memberId: member, state, channel, creditedUserId: credit?.userId ?? null } });
}

async function story(action: string, member: string, moves: [string, string, TestUser?][]): Promise<void> {
  for (const [state, channel, credit] of moves) {
    const res = await record(action, member, state, channel, credit);
    if (res.body.errors) throw new Error(`${state} ${channel}: ${JSON.stringify(res.body.errors)}`);
  }
}

beforeAll(async () => {
  t = await startTestApp();
  db = await connect(t.databaseUrl);
  await loadFixture(db, fixture);
  organiser = await createTestUser(t.databaseUrl, [{ organisationId: UNION_ID, role: 'ORGANISER' }]);
  v1 = await createTestUser(t.databaseUrl, [{ organisationId: UNION_ID, role: 'VOLUNTEER' }], 'v1@test.example');
  v2 = await createTestUser(t.databaseUrl, [{ organisationId: UNION_ID, role: 'VOLUNTEER' }], 'v2@test.example');
  clientAdmin = await createTestUser(t.databaseUrl, [{ organisationId: UNION_ID, role: 'CLIENT_ADMIN' }]);
  const c = await gql<{ createCampaign: { id: string } }>(organiser, `mutation { createCampaign(input: { organisationId: "${UNION_ID}", name: "Pay" }) { id } }`, {});
  campaignId = c.body.data!.createCampaign.id;
  const create = async (type: string, title: string) =>
    (await gql<{ createAction: { id: string } }>(organiser, `mutation($c: ID!) { createAction(input: { campaignId: $c, type: ${type}, title: "${title}", status: OPEN }) { id } }`, { c: campaignId }))
      .body.data!.createAction.id;
  a1 = await create('EVENT', 'Rally');
  a2 = await create('PETITION', 'Petition');

  // The story (channel and credit stay with the commitment; asks credit nobody):
  await story(a1, m[0], [['ASKED', 'CALL', v1], ['COMMITTED', 'CALL', v1], ['REMINDED', 'SMS'], ['COMPLETED', 'EVENT']]); // CALL v1 kept
  await story(a1, m[1], [['COMMITTED', 'CALL', v1], ['NO_SHOW', 'STAFF']]); // CALL v1 no-show
  await story(a1, m[2], [['COMMITTED', 'SMS', v2], ['COMPLETED', 'EVENT']]); // SMS v2 kept
  await story(a1, m[3], [['COMMITTED', 'SMS', v2], ['CANCELLED', 'SMS']]); // SMS v2 cancelled
  await story(a1, m[4], [['ASKED', 'CALL', v1], ['DECLINED', 'CALL', v1]]); // CALL, no credit, declined
  await story(a1, m[5], [['COMMITTED', 'WEB'], ['REMINDED', 'SMS']]); // WEB, pending, reminded
  await story(a1, m[6], [['COMMITTED', 'CALL', v1]]); // CALL v1 pending
  await story(a2, m[7], [['COMPLETED', 'WEB']]); // WEB, completed without commitment
  await story(a2, m[8], [['ASKED', 'SMS'], ['COMPLETED', 'WEB', v2]]); // WEB v2, completed without commitment
  await story(a2, m[9], [['COMMITTED', 'EMAIL', v2], ['COMPLETED', 'WEB']]); // EMAIL v2 kept
  await story(a2, m[10], [['COMMITTED', 'CALL', v1], ['NO_SHOW', 'STAFF'], ['COMMITTED', 'CALL', v2], ['COMPLETED', 'EVENT']]); // CALL v2 kept
});

afterAll(async () => {
  await db?.end();
  await t?.close();
});

describe('campaignResults: follow-through computed exactly', () => {
  let results: Results;

  beforeAll(async () => {
    const res = await gql<{ campaignResults: Results }>(organiser, RESULTS, { id: campaignId });
    expect(res.body.errors).toBeUndefined();
    results = res.body.data!.campaignResults;
  });

  it('the campaign funnel: 11 asked, 8 committed, 4 of 6 known commitments kept', () => {
    expect(results.funnel).toEqual(ft(11, 8, 2, 6, 4, 1, 1, 1, 2, 4 / 6));
  });

  it('per action: rally 2 of 4 kept (2 pending), petition 2 of 2 (and 2 signed without committing)', () => {
    expect(results.byAction.map((r) => [r.action.title, r.followThrough])).toEqual([
      ['Rally', ft(7, 6, 2, 2, 2, 1, 1, 1, 2, 0.5)],
      ['Petition', ft(4, 2, 0, 4, 2, 0, 0, 0, 0, 1)],
    ]);
  });

  it('per channel (the channel that secured the commitment)', () => {
    expect(results.byChannel.map((r) => [r.channel, r.followThrough])).toEqual([
      ['CALL', ft(5, 4, 1, 2, 2, 1, 0, 1, 1, 2 / 3)],
      ['SMS', ft(2, 2, 0, 1, 1, 0, 1, 0, 0, 0.5)],
      ['EMAIL', ft(1, 1, 0, 1, 1, 0, 0, 0, 0, 1)],
      ['WEB', ft(3, 1, 1, 2, 0, 0, 0, 0, 1, null)],
    ]);
  });

  it('per volunteer (credited responses only), with names', () => {
    expect(results.byVolunteer.map((r) => [r.user.id, r.user.name, r.followThrough])).toEqual([
      [v2.userId, 'Test User', ft(5, 4, 0, 4, 3, 0, 1, 0, 0, 0.75)],
      [v1.userId, 'Test User', ft(3, 3, 1, 1, 1, 1, 0, 0, 1, 0.5)],
    ]);
  });

  it('each activity event names its member (memberId, and the member for staff who may read them)', async () => {
    const res = await gql<{ campaignResults: { activity: { memberId: string; member: { id: string; firstName: string } | null; toState: string }[] } }>(
      organiser, `query($id: ID!) { campaignResults(campaignId: $id) { activity(first: 4) { memberId member { id firstName } toState } } }`, { id: campaignId });
    expect(res.body.errors).toBeUndefined();
    const activity = res.body.data!.campaignResults.activity;
    // The newest four events are m[10]'s story (committed, no-show, committed again, completed at the event).
    expect(activity.map((a) => [a.memberId, a.member?.id, a.toState])).toEqual([
      [m[10], m[10], 'COMPLETED'], [m[10], m[10], 'COMMITTED'], [m[10], m[10], 'NO_SHOW'], [m[10], m[10], 'COMMITTED'],
    ]);
    expect(activity[0].member!.firstName).toBe(fixture.members.find((x) => x.id === m[10])!.firstName);
  });

  it('recent activity, newest first', () => {
    expect(results.activity).toHaveLength(5);
    expect(results.activity[0]).toMatchObject({ fromState: 'COMMITTED', toState: 'COMPLETED', channel: 'EVENT' });
    expect(results.activity[0].actor).toBe(organiser.email);
    const times = results.activity.map((a) => a.at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('the tally the results come from equals the direct aggregate over action_response', async () => {
    const tally = await db.query(`SELECT action_id, channel, credited_user_id, asked::int, committed::int, reminded::int, completed::int,
        completed_after_commit::int AS cac, no_show::int, cancelled::int, declined::int, pending::int
      FROM follow_through_tally WHERE campaign_id = $1 AND asked <> 0 ORDER BY 1, 2, 3`, [campaignId]);
    const direct = await db.query(`SELECT action_id, channel, COALESCE(credited_user_id, '00000000-0000-0000-0000-000000000000') AS credited_user_id,
        count(*)::int AS asked, count(committed_at)::int AS committed, count(reminded_at)::int AS reminded,
        count(*) FILTER (WHERE state = 'COMPLETED')::int AS completed, count(*) FILTER (WHERE state = 'COMPLETED' AND committed_at IS NOT NULL)::int AS cac,
        count(*) FILTER (WHERE state = 'NO_SHOW')::int AS no_show, count(*) FILTER (WHERE state = 'CANCELLED')::int AS cancelled,
        count(*) FILTER (WHERE state = 'DECLINED')::int AS declined, count(*) FILTER (WHERE state IN ('COMMITTED', 'REMINDED'))::int AS pending
      FROM action_response WHERE campaign_id = $1 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`, [campaignId]);
    expect(tally.rows).toEqual(direct.rows);
    expect(direct.rows.length).toBeGreaterThan(5);
  });
});

describe('responses', () => {
  it('lists responses with filters, history, member and credited user', async () => {
    type R = { actionResponses: { totalCount: number; edges: { node: { memberId: string; state: string; channel: string; creditedUser: { id: string; name: string } | null;
      member: { id: string } | null; action: { title: string }; history: { fromState: string | null; toState: string; channel: string; creditedUserId: string | null }[] } }[] } };
    const q = `query($o: ID!, $c: ID, $a: ID, $m: ID, $f: ActionResponseFilter) { actionResponses(organisationId: $o, campaignId: $c, actionId: $a, memberId: $m, filter: $f) {
      totalCount edges { node { memberId state channel creditedUser { id name } member { id } action { title } history { fromState toState channel creditedUserId } } } } }`;
    const all = await gql<R>(organiser, q, { o: UNION_ID, c: campaignId });
    expect(all.body.data!.actionResponses.totalCount).toBe(11);
    const byV2 = await gql<R>(organiser, q, { o: UNION_ID, f: { creditedUserId: v2.userId, state: ['COMPLETED'] } });
    expect(byV2.body.data!.actionResponses.edges.map((e) => e.node.memberId).sort()).toEqual([m[2], m[8], m[9], m[10]].sort());
    const one = await gql<R>(organiser, q, { o: UNION_ID, m: m[10], a: a2 });
    const node = one.body.data!.actionResponses.edges[0].node;
    expect(node).toMatchObject({ state: 'COMPLETED', channel: 'CALL', creditedUser: { id: v2.userId, name: 'Test User' }, member: { id: m[10] }, action: { title: 'Petition' } });
    expect(node.history.map((h) => [h.fromState, h.toState, h.channel, h.creditedUserId])).toEqual([
      [null, 'COMMITTED', 'CALL', v1.userId], ['COMMITTED', 'NO_SHOW', 'STAFF', null], ['NO_SHOW', 'COMMITTED', 'CALL', v2.userId], ['COMMITTED', 'COMPLETED', 'EVENT', null],
    ]);
    const web = await gql<R>(organiser, q, { o: UNION_ID, f: { channel: ['WEB'] } });
    expect(web.body.data!.actionResponses.totalCount).toBe(3);
    const audit = await db.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'action_response.record'`);
    expect(audit.rows[0].n).toBe(24);
  });

  it('an illegal move is RESPONSE_TRANSITION_INVALID with from and to, and changes nothing', async () => {
    const res = await record(a2, m[7], 'NO_SHOW', 'STAFF');
    expect(res.body.errors![0]).toMatchObject({
      message: 'The response is completed, which is final: it cannot become no-show.',
      extensions: { code: 'RESPONSE_TRANSITION_INVALID', details: { from: 'COMPLETED', to: 'NO_SHOW' } },
    });
    const fresh = await record(a2, m[11], 'CANCELLED', 'CALL');
    expect(fresh.body.errors![0].extensions).toMatchObject({ code: 'RESPONSE_TRANSITION_INVALID', details: { from: null, to: 'CANCELLED' } });
    expect((await db.query(`SELECT count(*)::int AS n FROM action_response WHERE member_id = $1`, [m[11]])).rows[0].n).toBe(0);
  });

  it('sets last_contacted_at for calls, texts and emails only', async () => {
    const rows = await db.query(`SELECT id, last_contacted_at FROM member WHERE id = ANY($1::uuid[])`, [[m[5], m[7], m[9]]]);
    const at = new Map(rows.rows.map((r) => [r.id, r.last_contacted_at]));
    expect(at.get(m[5])).not.toBeNull(); // reminded by SMS
    expect(at.get(m[7])).toBeNull(); // web only
    expect(at.get(m[9])).not.toBeNull(); // email
  });

  it('a volunteer cannot read or record responses', async () => {
    const res = await gql(v1, `query($o: ID!) { actionResponses(organisationId: $o) { totalCount } }`, { o: UNION_ID });
    expect(res.body.errors![0].extensions.code).toBe('FORBIDDEN');
    const w = await gql(v1, `mutation($a: ID!, $m: ID!) { recordActionResponse(input: { actionId: $a, memberId: $m, state: ASKED, channel: CALL }) { id } }`, { a: a1, m: m[12] });
    expect(w.body.errors![0].extensions.code).toBe('FORBIDDEN');
  });
});

describe('client roles', () => {
  it('see the same numbers with suppression off, and no volunteers or activity', async () => {
    await db.query(`INSERT INTO insight_setting (organisation_id, suppression_threshold, updated_by) VALUES ($1, 0, 'test')
      ON CONFLICT (organisation_id) DO UPDATE SET suppression_threshold = 0`, [UNION_ID]);
    const res = await gql<{ campaignResults: Results }>(clientAdmin, RESULTS, { id: campaignId });
    const r = res.body.data!.campaignResults;
    expect(r.funnel).toEqual(ft(11, 8, 2, 6, 4, 1, 1, 1, 2, 4 / 6));
    expect(r.byVolunteer).toEqual([]);
    expect(r.activity).toEqual([]);
  });

  it('with the default threshold (5), every result here has a small count, so every one is suppressed whole (secondary suppression: campaign-results.spec.ts)', async () => {
    await db.query(`DELETE FROM insight_setting WHERE organisation_id = $1`, [UNION_ID]);
    const res = await gql<{ campaignResults: Results }>(clientAdmin, RESULTS, { id: campaignId });
    const r = res.body.data!.campaignResults;
    const hidden = { asked: null, committed: null, reminded: null, completed: null, completedAfterCommit: null, noShow: null, cancelled: null, declined: null, pending: null, rate: null, suppressed: true };
    expect(r.funnel).toEqual(hidden);
    expect(r.byAction.map((a) => a.followThrough)).toEqual([hidden, hidden]);
    // Staff still see everything.
    const staff = await gql<{ campaignResults: Results }>(organiser, RESULTS, { id: campaignId });
    expect(staff.body.data!.campaignResults.funnel.suppressed).toBe(false);
  });
});
