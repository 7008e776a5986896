/**
 * Campaigns and actions through the API against a real PostgreSQL: create/read/update/delete with their validation,
 * team and target segment, paging and filters, audit events, delete refused while there are responses; roles
 * (volunteers and clients read, do not write; clients see no team names); and another organisation's user or API
 * key getting NOT_FOUND / null / an empty list for every query and mutation, unable to infer anything.
 */
import type { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { createTestApiKey, createTestUser, type TestUser } from './support/auth';
import { connect } from './support/database';
import { buildFixture, loadFixture, OTHER_ID, UNION_ID } from './support/fixture';
import { startTestApp, type GqlResponse, type TestApp } from './support/test-app';

const fixture = buildFixture(10);
const union = fixture.members.filter((m) => m.organisationId === UNION_ID);
const other = fixture.members.filter((m) => m.organisationId === OTHER_ID);
let t: TestApp;
let db: Client;
let organiser: TestUser;
let volunteer: TestUser;
let clientViewer: TestUser;
let outsider: TestUser;
let outsiderKey: { headers: Record<string, string> };
let unionSegment: string;

const CAMPAIGN_FIELDS = `id organisationId name description goal goalCount startsOn endsOn status targetSegmentId targetSegment { id name }
  channels team { userId name email role } actionCount createdAt updatedAt`;
const ACTION_FIELDS = `id organisationId campaignId campaign { id name } type title description status goalCount startsAt endsAt dueAt
  reminderOffsetsMinutes publicSlug pageUrl page { headline body buttonLabel donationAmountsPence thankYou } consentWording createdAt updatedAt`;

function as(user: { headers: Record<string, string> }) {
  return <T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GqlResponse<T>> => t.gql<T>(query, variables, user.headers);
}
function codeOf(res: GqlResponse): string | undefined {
  return res.body.errors?.[0]?.extensions.code;
}

const CREATE_CAMPAIGN = `mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { ${CAMPAIGN_FIELDS} } }`;
const CREATE_ACTION = `mutation($input: CreateActionInput!) { createAction(input: $input) { ${ACTION_FIELDS} } }`;

beforeAll(async () => {
  t = await startTestApp();
  db = await connect(t.databaseUrl);
  await loadFixture(db, fixture);
  organiser = await createTestUser(t.databaseUrl, [{ organisationId: UNION_ID, role: 'ORGANISER' }]);
  volunteer = await createTestUser(t.databaseUrl, [{ organisationId: UNION_ID, role: 'VOLUNTEER' }]);
  clientViewer = await createTestUser(t.databaseUrl, [{ organisationId: UNION_ID, role: 'CLIENT_VIEWER' }]);
  outsider = await createTestUser(t.databaseUrl, [{ organisationId: OTHER_ID, role: 'ORGANISER' }]);
  outsiderKey = await createTestApiKey(t.databaseUrl, OTHER_ID, 'ORGANISER');
  unionSegment = uuidv7();
  await db.query(`INSERT INTO segment (organisation_id, id, name, definition, created_by) VALUES ($1, $2, 'Stewards', '{"version":1,"root":{"type":"group","op":"and","children":[]}}', 'test')`,
    [UNION_ID, unionSegment]);
});

afterAll(async () => {
  await db?.end();
  await t?.close();
});

describe('campaigns', () => {
  let campaignId: string;

  it('creates a campaign with team, segment and channels; audit-logged', async () => {
    const res = await as(organiser)(CREATE_CAMPAIGN, { input: {
      organisationId: UNION_ID, name: '  Spring   pay campaign ', description: 'Pay now', goal: 'Win the ballot', goalCount: 500,
      startsOn: '2026-03-01', endsOn: '2026-06-30', status: 'ACTIVE', targetSegmentId: unionSegment, channels: ['CALL', 'SMS', 'CALL'],
      team: [{ userId: organiser.userId, role: 'LEAD' }, { userId: volunteer.userId, role: 'CALLER' }],
    } });
    expect(res.body.errors).toBeUndefined();
    const c = (res.body.data as { createCampaign: Record<string, unknown> }).createCampaign;
    expect(c).toMatchObject({
      organisationId: UNION_ID, name: 'Spring pay campaign', goalCount: 500, startsOn: '2026-03-01', endsOn: '2026-06-30', status: 'ACTIVE',
      targetSegmentId: unionSegment, targetSegment: { id: unionSegment, name: 'Stewards' }, channels: ['CALL', 'SMS'], actionCount: 0,
    });
    expect((c.team as { userId: string; role: string; name: string }[]).map((m) => [m.userId, m.role, m.name])).toEqual([
      [organiser.userId, 'LEAD', 'Test User'], [volunteer.userId, 'CALLER', 'Test User'],
    ]);
    campaignId = c.id as string;
    const audit = await db.query(`SELECT action, actor_user_id FROM audit_event WHERE organisation_id = $1 AND $2 = ANY(target_ids)`, [UNION_ID, campaignId]);
    expect(audit.rows).toEqual([{ action: 'campaign.create', actor_user_id: organiser.userId }]);
  });

  it('validates: name required and unique (case-insensitively), dates ordered, segment and team of this organisation', async () => {
    const bad = await as(organiser)(CREATE_CAMPAIGN, { input: { organisationId: UNION_ID, name: ' ', startsOn: '2026-06-01', endsOn: '2026-05-01' } });
    expect(codeOf(bad)).toBe('VALIDATION_FAILED');
    expect(bad.body.errors![0].extensions.fields!.map((f) => f.path).sort()).toEqual(['input.endsOn', 'input.name']);
    const negative = await as(organiser)(CREATE_CAMPAIGN, { input: { organisationId: UNION_ID, name: 'Y', goalCount: -1 } });
    expect(negative.body.errors![0].extensions.fields!.map((f) => f.path)).toEqual(['input.goalCount']);
    const dup = await as(organiser)(CREATE_CAMPAIGN, { input: { organisationId: UNION_ID, name: 'SPRING PAY CAMPAIGN' } });
    expect(dup.body.errors![0].extensions.fields).toEqual([{ path: 'input.name', message: 'Another campaign already has this name.' }]);
    const otherSegment = uuidv7();
    await db.query(`INSERT INTO segment (organisation_id, id, name, definition, created_by) VALUES ($1, $2, 'Theirs', '{"version":1,"root":{"type":"group","op":"and","children":[]}}', 'test')`, [OTHER_ID, otherSegment]);
    const seg = await as(organiser)(CREATE_CAMPAIGN, { input: { organisationId: UNION_ID, name: 'X', targetSegmentId: otherSegment } });
    const missing = await as(organiser)(CREATE_CAMPAIGN, { input: { organisationId: UNION_ID, name: 'X', targetSegmentId: uuidv7() } });
    expect(seg.body.errors![0].extensions.fields).toEqual(missing.body.errors![0].extensions.fields);
    const team = await as(organiser)(CREATE_CAMPAIGN, { input: { organisationId: UNION_ID, name: 'X', team: [{ userId: outsider.userId, role: 'CALLER' }] } });
    const nobody = await as(organiser)(CREATE_CAMPAIGN, { input: { organisationId: UNION_ID, name: 'X', team: [{ userId: uuidv7(), role: 'CALLER' }] } });
    expect(team.body.errors![0].extensions.fields).toEqual([{ path: 'input.team.0.userId', message: 'This user does not work for the organisation.' }]);
    expect(nobody.body.errors![0].extensions.fields).toEqual(team.body.errors![0].extensions.fields);
    expect((await db.query(`SELECT count(*)::int AS n FROM campaign`)).rows[0].n).toBe(1);
  });

  it('updates (team replaced), lists with filters and paging', async () => {
    const res = await as(organiser)(`mutation($id: ID!, $input: UpdateCampaignInput!) { updateCampaign(id: $id, input: $input) { ${CAMPAIGN_FIELDS} } }`,
      { id: campaignId, input: { status: 'PAUSED', team: [{ userId: volunteer.userId, role: 'TEXTER' }], description: null } });
    expect(res.body.errors).toBeUndefined();
    expect((res.body.data as { updateCampaign: Record<string, unknown> }).updateCampaign).toMatchObject({
      status: 'PAUSED', description: null, goal: 'Win the ballot', team: [{ userId: volunteer.userId, role: 'TEXTER' }],
    });
    for (const name of ['Autumn rally', 'Winter pledge']) {
      await as(organiser)(CREATE_CAMPAIGN, { input: { organisationId: UNION_ID, name } });
    }
    const LIST = `query($org: ID!, $first: Int, $after: String, $filter: CampaignFilter) { campaigns(organisationId: $org, first: $first, after: $after, filter: $filter) {
      totalCount edges { cursor node { name status } } pageInfo { hasNextPage endCursor } } }`;
    type L = { campaigns: { totalCount: number; edges: { node: { name: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } };
    const p1 = await as(organiser)<L>(LIST, { org: UNION_ID, first: 2 });
    expect(p1.body.data!.campaigns.edges.map((e) => e.node.name)).toEqual(['Winter pledge', 'Autumn rally']);
    expect(p1.body.data!.campaigns).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    const p2 = await as(organiser)<L>(LIST, { org: UNION_ID, first: 2, after: p1.body.data!.campaigns.pageInfo.endCursor });
    expect(p2.body.data!.campaigns.edges.map((e) => e.node.name)).toEqual(['Spring pay campaign']);
    const paused = await as(organiser)<L>(LIST, { org: UNION_ID, filter: { status: ['PAUSED'] } });
    expect(paused.body.data!.campaigns.edges.map((e) => e.node.name)).toEqual(['Spring pay campaign']);
    const search = await as(organiser)<L>(LIST, { org: UNION_ID, filter: { search: 'RALL' } });
    expect(search.body.data!.campaigns).toMatchObject({ totalCount: 1, edges: [{ node: { name: 'Autumn rally' } }] });
  });

  it('client roles read campaigns without team names; volunteers and clients cannot write', async () => {
    const res = await as(clientViewer)<{ campaign: { team: { name: string | null; email: string | null }[] } }>(`query($id: ID!) { campaign(id: $id) { name team { userId name email } } }`, { id: campaignId });
    expect(res.body.data!.campaign.team).toEqual([{ userId: volunteer.userId, name: null, email: null }]);
    for (const user of [volunteer, clientViewer]) {
      const w = await as(user)(CREATE_CAMPAIGN, { input: { organisationId: UNION_ID, name: 'Nope' } });
      expect(codeOf(w)).toBe('FORBIDDEN');
    }
  });

  describe('actions', () => {
    let actionId: string;

    it('creates an action with a fresh unguessable slug, page and default reminders; audit-logged', async () => {
      const res = await as(organiser)(CREATE_ACTION, { input: {
        campaignId, type: 'EVENT', title: 'March rally', startsAt: '2026-05-01T10:00:00Z', endsAt: '2026-05-01T12:00:00Z', dueAt: '2026-05-01T10:00:00Z',
        page: { headline: 'Join us', donationAmountsPence: [1000, 500, 500] }, consentWording: 'I agree to be texted about the rally.', status: 'OPEN',
      } });
      expect(res.body.errors).toBeUndefined();
      const a = (res.body.data as { createAction: Record<string, unknown> }).createAction;
      expect(a).toMatchObject({
        campaignId, campaign: { id: campaignId }, type: 'EVENT', status: 'OPEN', reminderOffsetsMinutes: [1440, 120],
        page: { headline: 'Join us', body: null, donationAmountsPence: [500, 1000] }, consentWording: 'I agree to be texted about the rally.',
      });
      expect(a.publicSlug).toMatch(/^[0-9a-z]{10}$/);
      expect(a.pageUrl).toMatch(new RegExp(`^https?://[^/]+/a/${a.publicSlug as string}$`));
      actionId = a.id as string;
      const second = await as(organiser)(CREATE_ACTION, { input: { campaignId, type: 'PETITION', title: 'Sign it' } });
      expect((second.body.data as { createAction: { publicSlug: string } }).createAction.publicSlug).not.toBe(a.publicSlug);
      const audit = await db.query(`SELECT action FROM audit_event WHERE $1 = ANY(target_ids)`, [actionId]);
      expect(audit.rows).toEqual([{ action: 'action.create' }]);
    });

    it('validates reminders, amounts and dates', async () => {
      const res = await as(organiser)(CREATE_ACTION, { input: {
        campaignId, type: 'DONATION', title: 'Give', reminderOffsetsMinutes: [0, 60], page: { donationAmountsPence: [50] },
        startsAt: '2026-05-02T10:00:00Z', endsAt: '2026-05-01T10:00:00Z',
      } });
      expect(res.body.errors![0].extensions.fields!.map((f) => f.path).sort()).toEqual(['input.endsAt', 'input.page.donationAmountsPence.0', 'input.reminderOffsetsMinutes.1']);
    });

    it('lists, filters, reads, updates; the campaign counts its actions', async () => {
      type L = { actions: { totalCount: number; edges: { node: { title: string } }[] } };
      const all = await as(volunteer)<L>(`query($org: ID!, $c: ID) { actions(organisationId: $org, campaignId: $c) { totalCount edges { node { title } } } }`, { org: UNION_ID, c: campaignId });
      expect(all.body.data!.actions.edges.map((e) => e.node.title)).toEqual(['Sign it', 'March rally']);
      const events = await as(organiser)<L>(`query($org: ID!) { actions(organisationId: $org, filter: { type: [EVENT], search: "rally" }) { totalCount edges { node { title } } } }`, { org: UNION_ID });
      expect(events.body.data!.actions).toMatchObject({ totalCount: 1, edges: [{ node: { title: 'March rally' } }] });
      const upd = await as(organiser)(`mutation($id: ID!) { updateAction(id: $id, input: { title: "March rally (Leeds)", reminderOffsetsMinutes: [60, 2880] }) { title reminderOffsetsMinutes page { headline } } }`, { id: actionId });
      expect(upd.body.data).toEqual({ updateAction: { title: 'March rally (Leeds)', reminderOffsetsMinutes: [2880, 60], page: { headline: 'Join us' } } });
      const c = await as(organiser)(`query($id: ID!) { campaign(id: $id) { actionCount } action(id: "${actionId}") { title } }`, { id: campaignId });
      expect(c.body.data).toEqual({ campaign: { actionCount: 2 }, action: { title: 'March rally (Leeds)' } });
    });

    it('refuses to delete an action or its campaign while it has responses; deletes them when it has none', async () => {
      const rec = await as(organiser)(`mutation($a: ID!, $m: ID!) { recordActionResponse(input: { actionId: $a, memberId: $m, state: COMMITTED, channel: CALL }) { id state } }`,
        { a: actionId, m: union[0].id });
      expect(rec.body.errors).toBeUndefined();
      const del = await as(organiser)(`mutation($id: ID!) { deleteAction(id: $id) }`, { id: actionId });
      expect(del.body.errors![0].extensions).toMatchObject({ code: 'ACTION_HAS_RESPONSES', details: { responses: 1 } });
      const delC = await as(organiser)(`mutation($id: ID!) { deleteCampaign(id: $id) }`, { id: campaignId });
      expect(delC.body.errors![0].extensions).toMatchObject({ code: 'CAMPAIGN_HAS_RESPONSES', details: { responses: 1 } });
      const empty = await as(organiser)<{ createCampaign: { id: string } }>(CREATE_CAMPAIGN, { input: { organisationId: UNION_ID, name: 'Scratch' } });
      const scratch = empty.body.data!.createCampaign.id;
      const act = await as(organiser)<{ createAction: { id: string } }>(CREATE_ACTION, { input: { campaignId: scratch, type: 'SURVEY', title: 'Q' } });
      expect((await as(organiser)(`mutation($id: ID!) { deleteAction(id: $id) }`, { id: act.body.data!.createAction.id })).body.data).toEqual({ deleteAction: true });
      await as(organiser)(CREATE_ACTION, { input: { campaignId: scratch, type: 'SURVEY', title: 'Q2' } });
      expect((await as(organiser)(`mutation($id: ID!) { deleteCampaign(id: $id) }`, { id: scratch })).body.data).toEqual({ deleteCampaign: true });
      expect((await db.query(`SELECT count(*)::int AS n FROM action WHERE campaign_id = $1`, [scratch])).rows[0].n).toBe(0);
      const audit = await db.query(`SELECT action FROM audit_event WHERE $1 = ANY(target_ids) ORDER BY created_at, id`, [scratch]);
      expect(audit.rows.map((r) => r.action)).toEqual(['campaign.create', 'campaign.delete']);
    });

    it("another organisation's user or API key: NOT_FOUND, null or empty for every query and mutation", async () => {
      const otherCampaign = await as(outsider)<{ createCampaign: { id: string } }>(CREATE_CAMPAIGN, { input: { organisationId: OTHER_ID, name: 'Theirs' } });
      const otherCampaignId = otherCampaign.body.data!.createCampaign.id;
      const otherAction = await as(outsider)<{ createAction: { id: string } }>(CREATE_ACTION, { input: { campaignId: otherCampaignId, type: 'PETITION', title: 'Theirs' } });
      const otherActionId = otherAction.body.data!.createAction.id;
      const responseId = (await db.query(`SELECT id FROM action_response WHERE action_id = $1`, [actionId])).rows[0].id as string;
      for (const who of [outsider, outsiderKey]) {
        const q = as(who);
        expect(codeOf(await q(`query($o: ID!) { campaigns(organisationId: $o) { totalCount } }`, { o: UNION_ID }))).toBe('NOT_FOUND');
        expect((await q(`query($id: ID!) { campaign(id: $id) { id } }`, { id: campaignId })).body).toEqual({ data: { campaign: null } });
        expect(codeOf(await q(CREATE_CAMPAIGN, { input: { organisationId: UNION_ID, name: 'Sneaky' } }))).toBe('NOT_FOUND');
        expect(codeOf(await q(`mutation($id: ID!) { updateCampaign(id: $id, input: { name: "Mine" }) { id } }`, { id: campaignId }))).toBe('NOT_FOUND');
        expect(codeOf(await q(`mutation($id: ID!) { deleteCampaign(id: $id) }`, { id: campaignId }))).toBe('NOT_FOUND');
        expect(codeOf(await q(`query($o: ID!) { actions(organisationId: $o) { totalCount } }`, { o: UNION_ID }))).toBe('NOT_FOUND');
        // Their own organisation with our campaign's id: an empty list, exactly as for an unknown campaign.
        const own = await q(`query($o: ID!, $c: ID!) { actions(organisationId: $o, campaignId: $c) { totalCount edges { node { id } } } }`, { o: OTHER_ID, c: campaignId });
        expect(own.body).toEqual({ data: { actions: { totalCount: 0, edges: [] } } });
        expect((await q(`query($id: ID!) { action(id: $id) { id } }`, { id: actionId })).body).toEqual({ data: { action: null } });
        expect(codeOf(await q(CREATE_ACTION, { input: { campaignId, type: 'PETITION', title: 'Sneaky' } }))).toBe('NOT_FOUND');
        expect(codeOf(await q(`mutation($id: ID!) { updateAction(id: $id, input: { title: "Mine" }) { id } }`, { id: actionId }))).toBe('NOT_FOUND');
        expect(codeOf(await q(`mutation($id: ID!) { deleteAction(id: $id) }`, { id: actionId }))).toBe('NOT_FOUND');
        expect(codeOf(await q(`query($o: ID!) { actionResponses(organisationId: $o) { totalCount } }`, { o: UNION_ID }))).toBe('NOT_FOUND');
        const ownResponses = await q(`query($o: ID!, $c: ID!, $a: ID!, $m: ID!) {
          a: actionResponses(organisationId: $o, campaignId: $c) { totalCount } b: actionResponses(organisationId: $o, actionId: $a) { totalCount }
          c: actionResponses(organisationId: $o, memberId: $m) { totalCount } }`, { o: OTHER_ID, c: campaignId, a: actionId, m: union[0].id });
        expect(ownResponses.body).toEqual({ data: { a: { totalCount: 0 }, b: { totalCount: 0 }, c: { totalCount: 0 } } });
        const rec = `mutation($a: ID!, $m: ID!) { recordActionResponse(input: { actionId: $a, memberId: $m, state: COMPLETED, channel: STAFF }) { id } }`;
        expect(codeOf(await q(rec, { a: actionId, m: union[0].id }))).toBe('NOT_FOUND');
        expect(codeOf(await q(rec, { a: otherActionId, m: union[1].id }))).toBe('NOT_FOUND');
        expect((await q(`query($id: ID!) { campaignResults(campaignId: $id) { campaignId } }`, { id: campaignId })).body).toEqual({ data: { campaignResults: null } });
        // Unknown ids answer exactly the same.
        expect((await q(`query($id: ID!) { campaign(id: $id) { id } action(id: $id) { id } campaignResults(campaignId: $id) { campaignId } }`, { id: uuidv7() })).body)
          .toEqual({ data: { campaign: null, action: null, campaignResults: null } });
      }
      // Credit to a user of our organisation from theirs: refused exactly like an unknown user.
      const credit = `mutation($a: ID!, $m: ID!, $u: ID) { recordActionResponse(input: { actionId: $a, memberId: $m, state: COMMITTED, channel: CALL, creditedUserId: $u }) { id } }`;
      const ours = await as(outsider)(credit, { a: otherActionId, m: other[0].id, u: volunteer.userId });
      const unknown = await as(outsider)(credit, { a: otherActionId, m: other[0].id, u: uuidv7() });
      expect(ours.body.errors![0].extensions.fields).toEqual([{ path: 'input.creditedUserId', message: 'Credit a user who works for this organisation.' }]);
      expect(unknown.body.errors![0].extensions.fields).toEqual(ours.body.errors![0].extensions.fields);
      // Nothing of ours changed.
      const still = await db.query(`SELECT state FROM action_response WHERE id = $1`, [responseId]);
      expect(still.rows).toEqual([{ state: 'COMMITTED' }]);
      expect((await db.query(`SELECT name FROM campaign WHERE id = $1`, [campaignId])).rows[0].name).toBe('Spring pay campaign');
    });
  });
});
