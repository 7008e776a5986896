/**
 * Tracked links through the API and over HTTP against a real PostgreSQL: createTrackedLink (codes, audit, checks),
 * GET /l/:code (click counted, redirect to the page with a fresh member token; HEAD not counted; unknown → 404),
 * actionLinkStats, and another organisation's users unable to create links to, or read the numbers of, our actions.
 */
import type { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { ActionPageService } from '../src/action-page/action-page.service';
import { createTestUser, type TestUser } from './support/auth';
import { connect } from './support/database';
import { buildFixture, loadFixture, OTHER_ID, UNION_ID } from './support/fixture';
import { startTestApp, type TestApp } from './support/test-app';

const fixture = buildFixture(10);
const union = fixture.members.filter((m) => m.organisationId === UNION_ID);
const other = fixture.members.filter((m) => m.organisationId === OTHER_ID);
let t: TestApp;
let db: Client;
let pages: ActionPageService;
let organiser: TestUser;
let volunteer: TestUser;
let clientViewer: TestUser;
let stranger: TestUser;
const CAMPAIGN = uuidv7();
const ACTION = uuidv7();
const DRAFT_ACTION = uuidv7();
const SLUG = 'linkedslug0001';

const CREATE = `mutation($input: CreateTrackedLinkInput!) { createTrackedLink(input: $input) {
  id code url actionId memberId channel creditedUserId clickCount firstClickedAt lastClickedAt createdAt } }`;
const STATS = `query($actionId: ID!) { actionLinkStats(actionId: $actionId) { links clicks uniqueClickers submissions } }`;

type Link = { id: string; code: string; url: string; memberId: string | null; channel: string; clickCount: number };

async function create(input: Record<string, unknown>, user: TestUser = organiser) {
  return t.gql<{ createTrackedLink: Link }>(CREATE, { input }, user.headers);
}

beforeAll(async () => {
  t = await startTestApp();
  db = await connect(t.databaseUrl);
  await loadFixture(db, fixture);
  pages = t.app.get(ActionPageService);
  organiser = await createTestUser(t.databaseUrl, [{ organisationId: UNION_ID, role: 'ORGANISER' }]);
  volunteer = await createTestUser(t.databaseUrl, [{ organisationId: UNION_ID, role: 'VOLUNTEER' }]);
  clientViewer = await createTestUser(t.databaseUrl, [{ organisationId: UNION_ID, role: 'CLIENT_VIEWER' }]);
  stranger = await createTestUser(t.databaseUrl, [{ organisationId: OTHER_ID, role: 'AGENCY_ADMIN' }]);
  await db.query(`INSERT INTO campaign (organisation_id, id, name, created_by) VALUES ($1, $2, 'Pay', 'test')`, [UNION_ID, CAMPAIGN]);
  await db.query(`INSERT INTO action (organisation_id, id, campaign_id, type, title, status, public_slug) VALUES ($1, $2, $3, 'PETITION', 'Sign', 'OPEN', $4), ($1, $5, $3, 'PETITION', 'Draft', 'DRAFT', 'draftlinked001')`,
    [UNION_ID, ACTION, CAMPAIGN, SLUG, DRAFT_ACTION]);
});

afterAll(async () => {
  await db?.end();
  await t?.close();
});

describe('createTrackedLink', () => {
  it('makes an unguessable code and an absolute URL, credits a volunteer, and is audited', async () => {
    const res = await create({ actionId: ACTION, memberId: union[0].id, channel: 'SMS', creditedUserId: volunteer.userId });
    expect(res.body.errors).toBeUndefined();
    const link = res.body.data!.createTrackedLink;
    expect(link).toMatchObject({ memberId: union[0].id, channel: 'SMS', creditedUserId: volunteer.userId, clickCount: 0, firstClickedAt: null });
    expect(link.code).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(link.url).toMatch(new RegExp(`^https?://[^/]+/l/${link.code}$`));
    const codes = new Set<string>([link.code]);
    for (let i = 0; i < 10; i++) codes.add((await create({ actionId: ACTION, channel: 'EMAIL' })).body.data!.createTrackedLink.code);
    expect(codes.size).toBe(11);
    const audit = (await db.query(`SELECT action, organisation_id, target_ids FROM audit_event WHERE action = 'tracked_link.create' AND target_ids @> ARRAY[$1]::text[]`, [link.id])).rows;
    expect(audit).toEqual([{ action: 'tracked_link.create', organisation_id: UNION_ID, target_ids: [link.id] }]);
  });

  it('refuses another organisation\'s action, member or volunteer, and roles without campaign:write', async () => {
    const before = (await db.query(`SELECT count(*)::int AS n FROM tracked_link`)).rows[0].n;
    const foreign = await create({ actionId: ACTION, channel: 'SMS' }, stranger);
    expect(foreign.body.errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect((await create({ actionId: uuidv7(), channel: 'SMS' })).body.errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect((await create({ actionId: ACTION, memberId: other[0].id, channel: 'SMS' })).body.errors?.[0].extensions.code).toBe('NOT_FOUND');
    const credit = await create({ actionId: ACTION, channel: 'SMS', creditedUserId: stranger.userId });
    expect(credit.body.errors?.[0].extensions.code).toBe('VALIDATION_FAILED');
    expect((await create({ actionId: ACTION, channel: 'SMS' }, volunteer)).body.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await create({ actionId: ACTION, channel: 'NOPE' })).body.errors).toBeDefined();
    expect((await db.query(`SELECT count(*)::int AS n FROM tracked_link`)).rows[0].n).toBe(before);
  });
});

describe('GET /l/:code', () => {
  it('counts the click and redirects to the page with the link and a fresh member token; HEAD is not counted', async () => {
    const link = (await create({ actionId: ACTION, memberId: union[1].id, channel: 'EMAIL' })).body.data!.createTrackedLink;
    const res = await t.app.inject({ method: 'GET', url: `/l/${link.code}`, remoteAddress: '198.51.100.7' });
    expect(res.statusCode).toBe(302);
    const location = new URL(res.headers.location as string, 'http://x');
    expect(location.pathname).toBe(`/a/${SLUG}`);
    expect(location.searchParams.get('l')).toBe(link.code);
    expect(pages.signer.verifyMemberToken(UNION_ID, ACTION, location.searchParams.get('t'))).toBe(union[1].id);
    const page = await t.app.inject({ method: 'GET', url: res.headers.location as string });
    expect(page.body).toContain(`filled in for ${union[1].firstName} ${union[1].lastName}`);

    await t.app.inject({ method: 'HEAD', url: `/l/${link.code}` });
    await t.app.inject({ method: 'GET', url: `/l/${link.code}`, remoteAddress: '198.51.100.8' });
    const row = (await db.query(`SELECT click_count, first_clicked_at, last_clicked_at FROM tracked_link WHERE id = $1`, [link.id])).rows[0];
    expect(row.click_count).toBe(2);
    expect(row.first_clicked_at.getTime()).toBeLessThanOrEqual(row.last_clicked_at.getTime());
    const clicks = (await db.query(`SELECT member_id, ip_hash FROM link_click WHERE link_id = $1`, [link.id])).rows;
    expect(clicks).toHaveLength(2);
    expect(clicks.every((c) => c.member_id === union[1].id && /^[0-9a-f]{32}$/.test(c.ip_hash))).toBe(true);
    expect(JSON.stringify(clicks)).not.toContain('198.51.100');
  });

  it('answers an unknown code, and a link to a draft action, with the 404 page', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/l/doesnotexist0000' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/l/%3Cscript%3E' })).statusCode).toBe(404);
    const draft = (await create({ actionId: DRAFT_ACTION, channel: 'SMS' })).body.data!.createTrackedLink;
    const res = await t.app.inject({ method: 'GET', url: `/l/${draft.code}` });
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('Page not found');
  });
});

describe('actionLinkStats', () => {
  it('counts links, clicks, unique clickers and submissions; only within reach and with response:read', async () => {
    const anon = (await create({ actionId: ACTION, channel: 'WEB' })).body.data!.createTrackedLink;
    await t.app.inject({ method: 'GET', url: `/l/${anon.code}`, remoteAddress: '192.0.2.1' });
    await t.app.inject({ method: 'GET', url: `/l/${anon.code}`, remoteAddress: '192.0.2.1' });
    await t.app.inject({ method: 'GET', url: `/l/${anon.code}`, remoteAddress: '192.0.2.2' });
    const form = new URLSearchParams({ nonce: pages.signer.nonce(UNION_ID, ACTION, null, Date.now() - 5000), l: anon.code, firstName: 'Stat', lastName: 'Person', email: 'stat@example.org' });
    const posted = await t.app.inject({ method: 'POST', url: `/a/${SLUG}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form.toString() });
    expect(posted.statusCode).toBe(303);

    const expected = (await db.query(`SELECT (SELECT count(*)::int FROM tracked_link WHERE action_id = $1) AS links,
        (SELECT count(*)::int FROM link_click WHERE action_id = $1) AS clicks,
        (SELECT count(DISTINCT COALESCE(member_id::text, ip_hash))::int FROM link_click WHERE action_id = $1) AS "uniqueClickers",
        (SELECT count(*)::int FROM action_page_submission WHERE action_id = $1) AS submissions`, [ACTION])).rows[0];
    const res = await t.gql<{ actionLinkStats: Record<string, number> }>(STATS, { actionId: ACTION }, organiser.headers);
    expect(res.body.data!.actionLinkStats).toEqual(expected);
    expect(expected).toMatchObject({ clicks: 5, uniqueClickers: 3, submissions: 1 });

    expect((await t.gql(STATS, { actionId: ACTION }, stranger.headers)).body.errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect((await t.gql(STATS, { actionId: ACTION }, clientViewer.headers)).body.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await t.gql(STATS, { actionId: ACTION }, { authorization: '' })).body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('member merges', () => {
  it('move links, clicks and page submissions to the survivor, and unmerge moves them back', async () => {
    const merged = union[7].id;
    const survivor = union[8].id;
    const link = (await create({ actionId: ACTION, memberId: merged, channel: 'SMS' })).body.data!.createTrackedLink;
    const go = await t.app.inject({ method: 'GET', url: `/l/${link.code}` });
    const token = new URL(go.headers.location as string, 'http://x').searchParams.get('t')!;
    const form = new URLSearchParams({ nonce: pages.signer.nonce(UNION_ID, ACTION, null, Date.now() - 5000), l: link.code, t: token, firstName: 'M', lastName: 'N', email: 'merge.me@example.org' });
    expect((await t.app.inject({ method: 'POST', url: `/a/${SLUG}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form.toString() })).statusCode).toBe(303);
    const owners = async (memberId: string) => (await db.query(`SELECT (SELECT count(*)::int FROM tracked_link WHERE member_id = $1) AS links,
      (SELECT count(*)::int FROM link_click WHERE member_id = $1) AS clicks, (SELECT count(*)::int FROM action_page_submission WHERE member_id = $1) AS submissions`, [memberId])).rows[0];
    expect(await owners(merged)).toEqual({ links: 1, clicks: 1, submissions: 1 });

    const res = await t.gql<{ mergeMembers: { id: string } }>(`mutation($input: MergeMembersInput!) { mergeMembers(input: $input) { id } }`,
      { input: { organisationId: UNION_ID, survivorId: survivor, mergedIds: [merged] } }, organiser.headers);
    expect(res.body.errors).toBeUndefined();
    expect(await owners(merged)).toEqual({ links: 0, clicks: 0, submissions: 0 });
    expect(await owners(survivor)).toEqual({ links: 1, clicks: 1, submissions: 1 });

    const undo = await t.gql(`mutation($id: ID!) { unmergeMembers(mergeId: $id) { id } }`, { id: res.body.data!.mergeMembers.id }, organiser.headers);
    expect(undo.body.errors).toBeUndefined();
    expect(await owners(merged)).toEqual({ links: 1, clicks: 1, submissions: 1 });
    expect(await owners(survivor)).toEqual({ links: 0, clicks: 0, submissions: 0 });
  });
});
