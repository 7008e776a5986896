/**
 * Segment conditions over members' history (issue 6): completed / committed actions (and their "not taken"
 * complements), donations, and last contacted — against expectations computed here from what the test recorded,
 * independently of the SQL (docs/segments.md). Responses go in through the API (recordActionResponse), so
 * last_contacted_at is set the way the product sets it. Another organisation's actions and campaigns in a definition
 * read as NOT_FOUND, and a definition never counts another organisation's responses or donations.
 */
import type { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { createTestApiKey, createTestUser, type TestUser } from './support/auth';
import { connect } from './support/database';
import { buildFixture, loadFixture, OTHER_ID, UNION_ID } from './support/fixture';
import { startTestApp, type GqlResponse, type TestApp } from './support/test-app';

const fixture = buildFixture(60);
const union = fixture.members.filter((m) => m.organisationId === UNION_ID);
const other = fixture.members.filter((m) => m.organisationId === OTHER_ID);
let t: TestApp;
let db: Client;
let organiser: TestUser;
let outsider: TestUser;
let outsiderKey: { headers: Record<string, string> };

type Cond = Record<string, unknown>;
const cond = (field: string, op: string, rest: Record<string, unknown> = {}): Cond => ({ type: 'condition', field, op, ...rest });
const group = (op: 'and' | 'or' | 'not', children: unknown[]) => ({ type: 'group', op, children });
const def = (...children: unknown[]) => ({ version: 1, root: group('and', children) });

async function gql<T = Record<string, unknown>>(query: string, variables: Record<string, unknown>, headers = organiser.headers): Promise<GqlResponse<T>> {
  return t.gql<T>(query, variables, headers);
}
function ok<T>(res: GqlResponse<T>): T {
  expect(res.body.errors).toBeUndefined();
  return res.body.data!;
}
async function previewCount(definition: unknown, organisationId = UNION_ID, headers = organiser.headers): Promise<GqlResponse<{ segmentPreview: { memberCount: number } }>> {
  return gql(`query($o: ID!, $d: SegmentDefinition!) { segmentPreview(organisationId: $o, definition: $d) { memberCount } }`, { o: organisationId, d: definition }, headers);
}
async function memberIds(definition: unknown): Promise<string[]> {
  const created = ok(await gql<{ createSegment: { id: string } }>(`mutation($i: CreateSegmentInput!) { createSegment(input: $i) { id } }`,
    { i: { organisationId: UNION_ID, name: `s-${uuidv7()}`, definition } }));
  const res = ok(await gql<{ members: { edges: { node: { id: string } }[] } }>(
    `query($o: ID!, $f: MemberFilter) { members(organisationId: $o, filter: $f, first: 200) { edges { node { id } } } }`,
    { o: UNION_ID, f: { segmentId: created.createSegment.id } }));
  return res.members.edges.map((e) => e.node.id).sort();
}
async function createCampaign(organisationId: string, name: string, headers = organiser.headers): Promise<string> {
  return ok(await gql<{ createCampaign: { id: string } }>(`mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }`,
    { i: { organisationId, name, status: 'ACTIVE' } }, headers)).createCampaign.id;
}
async function createAction(campaignId: string, type: string, title: string, headers = organiser.headers): Promise<string> {
  return ok(await gql<{ createAction: { id: string } }>(`mutation($i: CreateActionInput!) { createAction(input: $i) { id } }`,
    { i: { campaignId, type, title, status: 'OPEN' } }, headers)).createAction.id;
}
async function record(actionId: string, memberId: string, state: string, channel: string, headers = organiser.headers): Promise<void> {
  ok(await gql(`mutation($i: RecordActionResponseInput!) { recordActionResponse(input: $i) { id state } }`,
    { i: { actionId, memberId, state, channel } }, headers));
}

let petition: string;
let phoneBank: string;
let otherAction: string;
let otherCampaign: string;
let campaign: string;
let secondCampaign: string;
/** member id → their kept donations: [campaign, net pence, London day it succeeded]. */
const gifts = new Map<string, { campaign: string; net: number; day: string }[]>();
/** What the test recorded, by member: the source of every expectation. */
const completed = new Map<string, Set<string>>();
const committed = new Map<string, Set<string>>();
const contacted = new Set<string>();
const contactedLongAgo = new Set<string>();

function add(map: Map<string, Set<string>>, memberId: string, actionId: string): void {
  map.set(memberId, (map.get(memberId) ?? new Set()).add(actionId));
}
function expected(pred: (memberId: string) => boolean): string[] {
  return union.map((m) => m.id).filter(pred).sort();
}

beforeAll(async () => {
  t = await startTestApp();
  db = await connect(t.databaseUrl);
  await loadFixture(db, fixture);
  organiser = await createTestUser(t.databaseUrl, [{ organisationId: UNION_ID, role: 'ORGANISER' }]);
  outsider = await createTestUser(t.databaseUrl, [{ organisationId: OTHER_ID, role: 'ORGANISER' }]);
  outsiderKey = await createTestApiKey(t.databaseUrl, OTHER_ID, 'ORGANISER');

  campaign = await createCampaign(UNION_ID, 'Fair pay');
  secondCampaign = await createCampaign(UNION_ID, 'Strike fund');
  petition = await createAction(campaign, 'PETITION', 'Sign the petition');
  phoneBank = await createAction(campaign, 'PHONE_BANK_SIGNUP', 'Join the phone bank');
  otherCampaign = await createCampaign(OTHER_ID, 'Their campaign', outsider.headers);
  otherAction = await createAction(otherCampaign, 'PETITION', 'Their petition', outsider.headers);

  for (const [i, m] of union.entries()) {
    switch (i % 6) {
      case 0: // signed on the web: completed, not a contact
        await record(petition, m.id, 'COMPLETED', 'WEB');
        add(completed, m.id, petition);
        break;
      case 1: // asked by text, said no: contacted, took no action
        await record(petition, m.id, 'ASKED', 'SMS');
        await record(petition, m.id, 'DECLINED', 'SMS');
        contacted.add(m.id);
        break;
      case 2: // committed on a call and turned up
        await record(phoneBank, m.id, 'COMMITTED', 'CALL');
        await record(phoneBank, m.id, 'COMPLETED', 'CALL');
        add(committed, m.id, phoneBank);
        add(completed, m.id, phoneBank);
        contacted.add(m.id);
        break;
      case 3: // committed by email, did not turn up
        await record(phoneBank, m.id, 'COMMITTED', 'EMAIL');
        await record(phoneBank, m.id, 'NO_SHOW', 'EMAIL');
        add(committed, m.id, phoneBank);
        contacted.add(m.id);
        break;
      case 4: // both: signed by text after being asked, and still committed to the phone bank
        await record(petition, m.id, 'ASKED', 'SMS');
        await record(petition, m.id, 'COMPLETED', 'SMS');
        await record(phoneBank, m.id, 'COMMITTED', 'WEB');
        add(completed, m.id, petition);
        add(committed, m.id, phoneBank);
        contacted.add(m.id);
        break;
      default: // never responded
        break;
    }
  }
  // Donations, recorded by staff with the day they were received; refunds through refundDonation.
  const give = async (memberId: string, campaignId: string, pence: number, day: string, headers = organiser.headers, organisationId = UNION_ID) =>
    ok(await gql<{ recordDonation: { id: string } }>(`mutation($i: RecordDonationInput!) { recordDonation(input: $i) { id } }`,
      { i: { organisationId, memberId, campaignId, amountPence: pence, receivedAt: `${day}T12:00:00Z` } }, headers)).recordDonation.id;
  const refund = async (id: string, pence: number) =>
    ok(await gql(`mutation($id: ID!, $p: Int!) { refundDonation(id: $id, amountPence: $p, reason: "Asked for it back") { id status } }`, { id, p: pence }));
  const kept = (memberId: string, c: string, net: number, day: string) => gifts.set(memberId, [...(gifts.get(memberId) ?? []), { campaign: c, net, day }]);
  for (const [i, m] of union.entries()) {
    switch (i % 6) {
      case 0:
        await give(m.id, campaign, 1000, '2026-01-15');
        kept(m.id, campaign, 1000, '2026-01-15');
        break;
      case 2:
        await give(m.id, secondCampaign, 3000, '2026-03-01');
        await give(m.id, campaign, 500, '2026-02-01');
        kept(m.id, secondCampaign, 3000, '2026-03-01');
        kept(m.id, campaign, 500, '2026-02-01');
        break;
      case 3: // refunded in full: no longer a donation
        await refund(await give(m.id, campaign, 5000, '2026-02-10'), 5000);
        break;
      case 4: // half refunded: still a donor, for the half they kept
        await refund(await give(m.id, campaign, 4000, '2026-04-01'), 2000);
        kept(m.id, campaign, 2000, '2026-04-01');
        break;
      default:
        break;
    }
  }
  // The other organisation's members respond to their own action: never counted for the union.
  for (const m of other) await record(otherAction, m.id, 'COMPLETED', 'CALL', outsider.headers);
  // Some contacts were long ago (40 days): set directly, as an older record would be.
  for (const m of union.filter((_, i) => i % 6 === 1).slice(0, 3)) {
    await db.query(`UPDATE member SET last_contacted_at = now() - interval '40 days' WHERE organisation_id = $1 AND id = $2`, [UNION_ID, m.id]);
    contactedLongAgo.add(m.id);
  }
}, 120000);

afterAll(async () => {
  await db?.end();
  await t?.close();
});

const has = (map: Map<string, Set<string>>, actions: string[]) => (id: string) => actions.some((a) => map.get(id)?.has(a) ?? false);

describe('action conditions against what was recorded', () => {
  const cases: [string, () => unknown, () => string[]][] = [
    ['completed the petition', () => def(cond('actionCompleted', 'in', { values: [petition] })), () => expected(has(completed, [petition]))],
    ['did not complete the petition (never responded, declined, or only other actions)', () => def(cond('actionCompleted', 'notIn', { values: [petition] })),
      () => expected((id) => !has(completed, [petition])(id))],
    ['completed either action', () => def(cond('actionCompleted', 'in', { values: [petition, phoneBank] })), () => expected(has(completed, [petition, phoneBank]))],
    ['committed to the phone bank ever (pending, done or no-show)', () => def(cond('actionCommitted', 'in', { values: [phoneBank] })), () => expected(has(committed, [phoneBank]))],
    ['committed but did not complete (the chase list)', () => def(cond('actionCommitted', 'in', { values: [phoneBank] }), cond('actionCompleted', 'notIn', { values: [phoneBank] })),
      () => expected((id) => has(committed, [phoneBank])(id) && !has(completed, [phoneBank])(id))],
    ['NOT (completed the petition) equals notIn', () => def(group('not', [cond('actionCompleted', 'in', { values: [petition] })])), () => expected((id) => !has(completed, [petition])(id))],
    ['contacted within 7 days', () => def(cond('lastContacted', 'withinDays', { value: 7 })), () => expected((id) => contacted.has(id) && !contactedLongAgo.has(id))],
    ['not contacted within 30 days (includes never contacted)', () => def(cond('lastContacted', 'notWithinDays', { value: 30 })),
      () => expected((id) => !contacted.has(id) || contactedLongAgo.has(id))],
    ['never contacted (a web signature is not a contact)', () => def(cond('lastContacted', 'never')), () => expected((id) => !contacted.has(id))],
    ['NOT never contacted', () => def(group('not', [cond('lastContacted', 'never')])), () => expected((id) => contacted.has(id))],
  ];

  it.each(cases)('%s: preview count and member list match', async (_name, definition, want) => {
    const ids = want();
    expect(ok(await previewCount(definition())).segmentPreview.memberCount).toBe(ids.length);
    expect(await memberIds(definition())).toEqual(ids);
  });

  const donated = (pred: (g: { campaign: string; net: number; day: string }[]) => boolean) => (id: string) => pred(gifts.get(id) ?? []);
  const donationCases: [string, () => unknown, () => string[]][] = [
    ['donated ever (a full refund takes it back, a partial one does not)', () => def(cond('donated', 'ever')), () => expected(donated((g) => g.length > 0))],
    ['NOT donated ever', () => def(group('not', [cond('donated', 'ever')])), () => expected(donated((g) => g.length === 0))],
    ['donated at least £20 in total, net of refunds', () => def(cond('donated', 'totalAtLeast', { value: 2000 })), () => expected(donated((g) => g.reduce((n, x) => n + x.net, 0) >= 2000))],
    ['donated more than £20 (2001p)', () => def(cond('donated', 'totalAtLeast', { value: 2001 })), () => expected(donated((g) => g.reduce((n, x) => n + x.net, 0) >= 2001))],
    ['donated to the strike fund', () => def(cond('donated', 'inCampaign', { values: [secondCampaign] })), () => expected(donated((g) => g.some((x) => x.campaign === secondCampaign)))],
    ['donated in January (inclusive range)', () => def(cond('donated', 'between', { from: '2026-01-01', to: '2026-01-31' })), () => expected(donated((g) => g.some((x) => x.day >= '2026-01-01' && x.day <= '2026-01-31')))],
    ['donated after 15 February', () => def(cond('donated', 'after', { value: '2026-02-15' })), () => expected(donated((g) => g.some((x) => x.day > '2026-02-15')))],
    ['donated before 1 February', () => def(cond('donated', 'before', { value: '2026-02-01' })), () => expected(donated((g) => g.some((x) => x.day < '2026-02-01')))],
  ];

  it.each(donationCases)('%s: preview count and member list match', async (_name, definition, want) => {
    const ids = want();
    expect(ids.length).toBeGreaterThan(0);
    expect(ok(await previewCount(definition())).segmentPreview.memberCount).toBe(ids.length);
    expect(await memberIds(definition())).toEqual(ids);
  });

  it('member.lastContactedAt shows the contact (a call, text or email), and stays null for web-only responders', async () => {
    const web = union.find((_, i) => i % 6 === 0)!;
    const called = union.find((_, i) => i % 6 === 2)!;
    const read = async (id: string) => ok(await gql<{ member: { lastContactedAt: string | null } }>(`query($id: ID!) { member(id: $id) { lastContactedAt } }`, { id })).member.lastContactedAt;
    expect(await read(web.id)).toBeNull();
    expect(Date.now() - Date.parse((await read(called.id))!)).toBeLessThan(10 * 60_000);
  });

  it('the cases are not trivial', () => {
    expect(expected(has(completed, [petition])).length).toBeGreaterThan(3);
    expect(expected((id) => has(committed, [phoneBank])(id) && !has(completed, [phoneBank])(id)).length).toBeGreaterThan(3);
    expect(contactedLongAgo.size).toBe(3);
    // Web signers completed an action but were never contacted: "never contacted" is not "never responded".
    expect(expected((id) => has(completed, [petition])(id) && !contacted.has(id)).length).toBeGreaterThan(3);
  });
});

describe('another organisation', () => {
  const callers = () => [['a user', outsider.headers], ['an API key', outsiderKey.headers]] as const;

  it('cannot use the union’s actions or campaigns in a definition: NOT_FOUND as for a missing id', async () => {
    for (const [, headers] of callers()) {
      for (const id of [petition, uuidv7()]) {
        const res = await previewCount(def(cond('actionCompleted', 'in', { values: [id] })), OTHER_ID, headers);
        expect({ code: res.body.errors?.[0].extensions.code, message: res.body.errors?.[0].message }).toEqual({ code: 'NOT_FOUND', message: 'Action not found' });
      }
      const usingCampaign = await previewCount(def(cond('donated', 'inCampaign', { values: [campaign] })), OTHER_ID, headers);
      expect({ code: usingCampaign.body.errors?.[0].extensions.code, message: usingCampaign.body.errors?.[0].message }).toEqual({ code: 'NOT_FOUND', message: 'Campaign not found' });
      // Their own action counts only their members.
      expect(ok(await previewCount(def(cond('actionCompleted', 'in', { values: [otherAction] })), OTHER_ID, headers)).segmentPreview.memberCount).toBe(other.length);
    }
  });

  it('the union cannot use the other organisation’s action either, and its own counts ignore the other’s responses', async () => {
    const res = await previewCount(def(cond('actionCompleted', 'in', { values: [otherAction] })));
    expect(res.body.errors?.[0].message).toBe('Action not found');
    const union = await previewCount(def(cond('lastContacted', 'never')));
    expect(ok(union).segmentPreview.memberCount).toBe(expected((id) => !contacted.has(id)).length);
  });
});
