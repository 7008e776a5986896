/**
 * The action page end to end in Chromium at a phone-sized viewport (docs/action-pages.md): a member taps a tracked
 * link from a text, lands on the sign-up page filled in for them, makes a mistake (the error summary takes focus and
 * names the field), corrects it, ticks consent, signs up, and the response shows up through the API for the
 * campaign (actionResponses and campaignResults), credited to the volunteer whose link it was. Real API over HTTP, real PostgreSQL, no script on the page.
 * Without Chromium (outside CI) the test says so and passes nothing off as checked.
 */
import type { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { launchBrowser, screenshotPath } from '@muster/devstack';
import { ActionPageService } from '../src/action-page/action-page.service';
import { createTestUser, type TestUser } from './support/auth';
import { connect } from './support/database';
import { buildFixture, loadFixture, UNION_ID } from './support/fixture';
import { startTestApp, type TestApp } from './support/test-app';

type Browser = NonNullable<Awaited<ReturnType<typeof launchBrowser>>>;

const fixture = buildFixture(10);
const member = fixture.members.find((m) => m.organisationId === UNION_ID && m.phones.some((p) => p.type === 'MOBILE'))!;
const WORDING = 'Yes, text me about the phone bank and the pay campaign. I can reply STOP at any time.';
const CAMPAIGN = uuidv7();
const ACTION = uuidv7();
const SLUG = 'phonebank00001';

let t: TestApp;
let db: Client;
let base: string;
let browser: Browser | null;
let organiser: TestUser;
let volunteer: TestUser;

jest.setTimeout(60_000);

beforeAll(async () => {
  t = await startTestApp();
  db = await connect(t.databaseUrl);
  await loadFixture(db, fixture);
  organiser = await createTestUser(t.databaseUrl, [{ organisationId: UNION_ID, role: 'ORGANISER' }]);
  volunteer = await createTestUser(t.databaseUrl, [{ organisationId: UNION_ID, role: 'VOLUNTEER' }]);
  await db.query(`INSERT INTO campaign (organisation_id, id, name, status, created_by) VALUES ($1, $2, 'Fair pay now', 'ACTIVE', 'test')`, [UNION_ID, CAMPAIGN]);
  await db.query(
    `INSERT INTO action (organisation_id, id, campaign_id, type, title, status, public_slug, consent_wording, page)
     VALUES ($1, $2, $3, 'PHONE_BANK_SIGNUP', 'Phone bank: Thursday', 'OPEN', $4, $5, $6)`,
    [UNION_ID, ACTION, CAMPAIGN, SLUG, WORDING, JSON.stringify({ headline: 'Join Thursday\'s phone bank', body: 'Two hours, from home, with a script.', buttonLabel: 'Count me in', thankYou: 'Thank you! We will text you the details.' })],
  );
  // A person takes seconds to fill the form; the test does not wait for that (the API test checks the minimum).
  (t.app.get(ActionPageService).config as { minFillMs: number }).minFillMs = 0;
  await t.app.listen(0, '127.0.0.1');
  const address = t.app.getHttpServer().address() as { port: number };
  base = `http://127.0.0.1:${address.port}`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await db?.end();
  await t?.close();
});

it('a member taps a tracked link on a phone, signs up, and the campaign\'s responses show it', async () => {
  if (!browser) {
    console.warn('Chromium not found (apt-get install chromium, or set CHROMIUM_PATH): the action-page browser test did not run.');
    return;
  }
  const created = await t.gql<{ createTrackedLink: { code: string; url: string } }>(
    `mutation($input: CreateTrackedLinkInput!) { createTrackedLink(input: $input) { code url } }`,
    { input: { actionId: ACTION, memberId: member.id, channel: 'SMS', creditedUserId: volunteer.userId } }, organiser.headers);
  expect(created.body.errors).toBeUndefined();
  const code = created.body.data!.createTrackedLink.code;

  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, javaScriptEnabled: false, locale: 'en-GB' });
  const page = await context.newPage();
  try {
    const response = await page.goto(`${base}/l/${code}`);
    expect(response!.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe(`/a/${SLUG}`);
    expect(Buffer.byteLength(await response!.text())).toBeLessThan(20_000);
    await page.waitForSelector('h1');
    expect(await page.textContent('h1')).toBe('Join Thursday\'s phone bank');
    expect(await page.textContent('.note')).toContain(`${member.firstName} ${member.lastName}`);
    expect(await page.inputValue('#f-firstName')).toBe(member.firstName);
    // Phone-first: nothing wider than the screen, the button is a comfortable tap target.
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    const button = await page.locator('button[type=submit]').boundingBox();
    expect(button!.height).toBeGreaterThanOrEqual(44);
    await page.screenshot({ path: screenshotPath('action-page-phone.png'), fullPage: true });

    // A mistake: the page comes back with the error summary focused and the field described by its error.
    await page.fill('#f-phone', '0770');
    await page.tap('button[type=submit]');
    await page.waitForSelector('.sum');
    expect(await page.evaluate('document.activeElement && document.activeElement.className')).toBe('sum');
    expect(await page.getAttribute('#f-phone', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('#f-phone', 'aria-describedby')).toBe('f-phone-error');
    expect(await page.textContent('.note')).toContain(member.firstName);
    await page.screenshot({ path: screenshotPath('action-page-phone-error.png'), fullPage: true });

    // Corrected, consent ticked by tapping its label (the whole sentence is the tap target), sent.
    await page.fill('#f-phone', '07700 900 456');
    await page.tap('label[for=f-consent]');
    expect(await page.isChecked('#f-consent')).toBe(true);
    await page.tap('button[type=submit]');
    await page.waitForURL(`${base}/a/${SLUG}/thanks`);
    expect(await page.textContent('main')).toContain('Thank you! We will text you the details.');
    await page.screenshot({ path: screenshotPath('action-page-phone-thanks.png'), fullPage: true });
  } finally {
    await context.close();
  }

  // Through the API: the campaign's responses hold the member's sign-up, by SMS, credited to the volunteer.
  const responses = await t.gql<{ actionResponses: { edges: { node: { memberId: string; state: string; channel: string; creditedUserId: string | null } }[] } }>(
    `query($org: ID!, $campaign: ID) { actionResponses(organisationId: $org, campaignId: $campaign, first: 10) { edges { node { memberId state channel creditedUserId } } } }`,
    { org: UNION_ID, campaign: CAMPAIGN }, organiser.headers);
  expect(responses.body.errors).toBeUndefined();
  expect(responses.body.data!.actionResponses.edges.map((e) => e.node)).toEqual([{ memberId: member.id, state: 'COMMITTED', channel: 'SMS', creditedUserId: volunteer.userId }]);
  // …and the campaign's results (the dashboard's query): one committed, by SMS, on the volunteer's tally.
  const results = await t.gql<{ campaignResults: { funnel: { committed: number; pending: number }; byChannel: { channel: string; followThrough: { committed: number } }[];
    byVolunteer: { user: { id: string }; followThrough: { committed: number } }[] } }>(
    `query($id: ID!) { campaignResults(campaignId: $id) { funnel { committed pending } byChannel { channel followThrough { committed } } byVolunteer { user { id } followThrough { committed } } } }`,
    { id: CAMPAIGN }, organiser.headers);
  expect(results.body.errors).toBeUndefined();
  expect(results.body.data!.campaignResults.funnel).toMatchObject({ committed: 1, pending: 1 });
  expect(results.body.data!.campaignResults.byChannel).toEqual([{ channel: 'SMS', followThrough: { committed: 1 } }]);
  expect(results.body.data!.campaignResults.byVolunteer).toEqual([{ user: { id: volunteer.userId }, followThrough: { committed: 1 } }]);
  // The consent sentence, word for word, for each channel the form carried (the pre-filled email too, if any).
  const consent = (await db.query(`SELECT channel::text, wording FROM consent_record WHERE member_id = $1 AND source = 'ACTION_PAGE' ORDER BY channel::text`, [member.id])).rows;
  expect(consent).toEqual([...(member.emails.length > 0 ? [{ channel: 'EMAIL', wording: WORDING }] : []), { channel: 'SMS', wording: WORDING }]);
  const stats = await t.gql<{ actionLinkStats: Record<string, number> }>(`query($id: ID!) { actionLinkStats(actionId: $id) { links clicks uniqueClickers submissions } }`, { id: ACTION }, organiser.headers);
  expect(stats.body.data!.actionLinkStats).toEqual({ links: 1, clicks: 1, uniqueClickers: 1, submissions: 1 });
});
