// Campaigns in a real browser against the real API and a freshly seeded database (issue 6): an agency admin starts a
// campaign (team and target segment picked on the form), adds a petition action with its page text and consent
// wording, copies a tracked link, and then — once members have responded through several channels, credited to a
// volunteer — reads the funnel, the follow-through rate and the by-channel and by-volunteer tables against numbers
// worked out by hand. The responses list filters by state in the URL, a move is confirmed and recorded, and a move made
// stale by someone else is refused with the API's own error. A supporter then opens the copied tracked link on a
// phone-sized browser, signs the petition on the public page, and the dashboard counts it (text channel, credited to
// the person whose link it was) and the link's clicks and submissions; a response is recorded by hand (member found
// by name, at an event, credited to the volunteer). An organiser's team picker offers the people on the organisation's
// campaign teams. Campaigns list: filters, paging, empty states; a
// campaign with responses cannot be deleted but can be archived; another organisation's campaign reads as not found.
// Screenshots go to the git-ignored screenshots/ folder.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { emptySegmentDefinition } from '@muster/domain';
import { DEMO_USERS, launchBrowser, pageGraphqlOk, screenshotPath, signIn, startTestStack, type TestStack } from '@muster/devstack';
import { apiHasField } from './support';

let stack: TestStack | undefined;
let browser: Browser | null = null;
let context: BrowserContext;
let page: Page;
let orgId = '';
let otherOrgId = '';


async function waitFor(p: Page, selector: string, what?: () => Promise<string | null>) {
  try {
    // An <option> is never "visible" to Playwright: wait for it to be there.
    await p.waitForSelector(selector, { timeout: 60000, state: / option\b/.test(selector) ? 'attached' : 'visible' });
  } catch {
    const shown = what ? await what().catch(() => 'nothing') : await p.textContent('main').catch(() => 'nothing');
    const logs = stack!.apiLogs().filter((l) => !l.includes('"level":30')).slice(-5).join('\n');
    throw new Error(`waited for ${selector}; the page shows ${shown} (at ${p.url()})\nAPI warnings and errors:\n${logs}`);
  }
}

const RECORD = `mutation($input: RecordActionResponseInput!) { recordActionResponse(input: $input) { id state } }`;

beforeAll(async () => {
  browser = await launchBrowser();
  if (!browser) {
    console.log('Chromium is not installed, so the admin campaign tests did nothing (apt-get install -y chromium, or set CHROMIUM_PATH).');
    return;
  }
  stack = await startTestStack({ apps: ['admin'], unionMembers: 200, campaignMembers: 30 });
  if (!(await apiHasField(stack.apiUrl, '{ campaigns(organisationId: "x") { totalCount } }', 'campaigns'))) {
    throw new Error('The built API has no campaigns: the admin campaign tests cannot run.');
  }
  [{ id: orgId }] = await stack.query<{ id: string }>(`SELECT id FROM organisation WHERE name = $1`, [DEMO_USERS.clientAdmin.organisation]);
  [{ id: otherOrgId }] = await stack.query<{ id: string }>(`SELECT id FROM organisation WHERE name = $1`, [DEMO_USERS.otherClientAdmin.organisation]);
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', reducedMotion: 'reduce' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  context.setDefaultTimeout(60000);
  page = await context.newPage();
  await signIn(page, stack.adminUrl!, DEMO_USERS.agencyAdmin.email, DEMO_USERS.agencyAdmin.password);
}, 300000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('admin campaigns', () => {
  let campaignId = '';
  let actionId = '';
  let volunteer: { id: string; name: string };
  let members: string[] = [];
  let segment: { id: string; name: string };
  let trackedUrl = '';

  it('starts with an empty list that offers to start one; the navigation has Campaigns and Donations', async () => {
    if (!browser) return;
    await page.goto(`${stack!.adminUrl}/orgs/${orgId}/campaigns`);
    await waitFor(page, 'text=No campaigns yet');
    const nav = await page.$$eval('nav[aria-label="Main"] a', (as) => as.map((a) => a.textContent?.trim() ?? ''));
    expect(nav.slice(0, 4)).toEqual(['Members', 'Segments', 'Campaigns', 'Donations']);
    await page.screenshot({ path: screenshotPath('admin-campaigns-empty.png'), fullPage: true });
  });

  it('creates a campaign with a target segment and a team picked on the form', async () => {
    if (!browser) return;
    const def = emptySegmentDefinition();
    segment = (await pageGraphqlOk<{ createSegment: { id: string; name: string } }>(page,
      `mutation($input: CreateSegmentInput!) { createSegment(input: $input) { id name } }`,
      { input: { organisationId: orgId, name: 'Everyone for the pay campaign', definition: def } })).createSegment;
    [volunteer] = await stack!.query<{ id: string; name: string }>(`SELECT id, name FROM app_user WHERE email = $1`, [DEMO_USERS.volunteer.email]);

    await page.click('[data-testid="new-campaign"]');
    await page.waitForURL(/\/campaigns\/new$/);
    // Saving without a name is stopped on the page, next to the field.
    await page.click('[data-testid="save-campaign"]');
    await waitFor(page, 'text=Give the campaign a name.');
    await page.fill('[data-testid="campaign-name"]', 'Fair pay 2027');
    expect(await page.locator('text=Give the campaign a name.').count()).toBe(0); // corrected: the message goes
    await page.fill('[data-testid="campaign-goal"]', 'Win the pay ballot');
    await page.fill('[data-testid="campaign-goal-count"]', '500');
    await page.fill('[data-testid="campaign-starts-on"]', '2026-11-01');
    await page.fill('[data-testid="campaign-ends-on"]', '2027-03-31');
    await page.selectOption('[data-testid="campaign-status-select"]', 'ACTIVE');
    await waitFor(page, `[data-testid="campaign-segment"] option[value="${segment.id}"]`);
    await page.selectOption('[data-testid="campaign-segment"]', segment.id);
    for (const ch of ['CALL', 'SMS', 'WEB']) await page.check(`[data-testid="campaign-channels"] input[value="${ch}"]`);
    await waitFor(page, `[data-testid="team-add-user"] option[value="${volunteer.id}"]`);
    await page.selectOption('[data-testid="team-add-user"]', volunteer.id);
    await page.selectOption('[data-testid="team-add-role"]', 'CALLER');
    await page.click('[data-testid="team-add"]');
    await waitFor(page, `[data-testid="team-member"][data-user="${volunteer.id}"]`);
    await page.screenshot({ path: screenshotPath('admin-campaign-form.png'), fullPage: true });
    await page.click('[data-testid="save-campaign"]');
    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
    campaignId = page.url().split('/').pop()!;

    const [row] = await stack!.query<{ name: string; status: string; goal_count: number; target_segment_id: string; channels: string[]; starts_on: string }>(
      `SELECT name, status, goal_count, target_segment_id, channels, to_char(starts_on, 'YYYY-MM-DD') AS starts_on FROM campaign WHERE id = $1 AND organisation_id = $2`, [campaignId, orgId]);
    expect(row).toMatchObject({ name: 'Fair pay 2027', status: 'ACTIVE', goal_count: 500, target_segment_id: segment.id, starts_on: '2026-11-01' });
    expect([...row.channels].sort()).toEqual(['CALL', 'SMS', 'WEB']);
    expect(await stack!.query(`SELECT user_id, role FROM campaign_team WHERE campaign_id = $1`, [campaignId])).toEqual([{ user_id: volunteer.id, role: 'CALLER' }]);

    await waitFor(page, '[data-testid="campaign-title"]:has-text("Fair pay 2027")');
    expect(await page.textContent('[data-testid="campaign-target-segment"]')).toContain(segment.name);
    expect(await page.textContent('[data-testid="campaign-team"]')).toContain(volunteer.name);
    await waitFor(page, '[data-testid="actions-empty"]');
    await waitFor(page, '[data-testid="results-empty"]');
  });

  it('adds a petition action with its page text and exact consent wording; copies a tracked link', async () => {
    if (!browser) return;
    await page.click('[data-testid="new-action"]');
    await page.waitForURL(/\/actions\/new$/);
    await page.selectOption('[data-testid="action-type"]', 'PETITION');
    await page.selectOption('[data-testid="action-status-select"]', 'OPEN');
    await page.fill('[data-testid="action-title"]', 'Sign the pay petition');
    await page.fill('[data-testid="action-due-at"]', '2027-01-15T18:00');
    await page.uncheck('[data-testid="action-reminders"] input[value="120"]');
    await page.check('[data-testid="action-reminders"] input[value="2880"]');
    await page.fill('[data-testid="action-headline"]', 'Fair pay now');
    await page.fill('[data-testid="action-body"]', 'Add your name: 2,000 signatures and the council must debate it.');
    await page.fill('[data-testid="action-button-label"]', 'Sign');
    await page.fill('[data-testid="action-thank-you"]', 'Thank you — share it with a colleague.');
    const wording = 'Yes, UPSU may text and email me about the pay campaign. I can stop at any time.';
    await page.fill('[data-testid="action-consent"]', wording);
    await page.screenshot({ path: screenshotPath('admin-action-form.png'), fullPage: true });
    await page.click('[data-testid="save-action"]');
    await page.waitForURL(/\/actions\/[0-9a-f-]{36}$/);
    actionId = page.url().split('/').pop()!;

    const [row] = await stack!.query<{ type: string; status: string; consent_wording: string; page: Record<string, unknown>; reminder_offsets_minutes: number[]; public_slug: string }>(
      `SELECT type, status, consent_wording, page, reminder_offsets_minutes, public_slug FROM action WHERE id = $1 AND organisation_id = $2`, [actionId, orgId]);
    expect(row).toMatchObject({ type: 'PETITION', status: 'OPEN', consent_wording: wording });
    expect(row.reminder_offsets_minutes).toEqual([2880, 1440]);
    expect(JSON.stringify(row.page)).toContain('Fair pay now');

    await waitFor(page, '[data-testid="action-page-url"]');
    expect(await page.textContent('[data-testid="action-page-url"]')).toContain(row.public_slug);
    expect(await page.textContent('[data-testid="action-consent-wording"]')).toContain(wording);
    expect(await page.textContent('[data-testid="action-reminders"]')).toBe('Reminders2 days before, 1 day before');

    if (await apiHasField(stack!.apiUrl, 'mutation { createTrackedLink(input: {}) { id } }', 'createTrackedLink')) {
      await page.selectOption('[data-testid="link-channel"]', 'SMS');
      await page.click('[data-testid="copy-tracked-link"]');
      await waitFor(page, '[data-testid="tracked-link-url"]');
      const url = (await page.textContent('[data-testid="tracked-link-url"]'))!;
      trackedUrl = url;
      const links = await stack!.query<{ code: string; channel: string }>(`SELECT code, channel FROM tracked_link WHERE action_id = $1`, [actionId]);
      expect(links).toHaveLength(1);
      expect(links[0].channel).toBe('SMS');
      expect(url).toContain(links[0].code);
      if ((await page.getAttribute('[data-testid="tracked-link"]', 'data-copied')) === 'true') {
        expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
      }
      await waitFor(page, '[data-testid="link-stats-links"][data-value="1"]');
    } else {
      console.log('The built API has no tracked links yet (issue6-pages not merged): "copy tracked link" was not exercised.');
    }
    await page.screenshot({ path: screenshotPath('admin-action-detail.png'), fullPage: true });
  });

  it('shows the funnel, follow-through and results by channel and volunteer exactly as worked out by hand', async () => {
    if (!browser) return;
    members = (await stack!.query<{ id: string }>(`SELECT id FROM member WHERE organisation_id = $1 ORDER BY id LIMIT 12`, [orgId])).map((m) => m.id);
    const record = (i: number, state: string, channel: string, credited = false) =>
      pageGraphqlOk(page, RECORD, { input: { actionId, memberId: members[i], state, channel, ...(credited ? { creditedUserId: volunteer.id } : {}) } });
    // 0–2 asked by call and nothing more; 3–4 declined on the call.
    for (const i of [0, 1, 2, 3, 4]) await record(i, 'ASKED', 'CALL');
    for (const i of [3, 4]) await record(i, 'DECLINED', 'CALL');
    // 5–8 committed by text, credited to the volunteer; 5–7 then did it, 8 did not show.
    for (const i of [5, 6, 7, 8]) { await record(i, 'ASKED', 'SMS'); await record(i, 'COMMITTED', 'SMS', true); }
    for (const i of [5, 6, 7]) await record(i, 'COMPLETED', 'SMS');
    await record(8, 'NO_SHOW', 'STAFF');
    // 9–10 committed on the web page; 10 cancelled. 11 signed straight away on the page (no commitment first).
    for (const i of [9, 10]) await record(i, 'COMMITTED', 'WEB');
    await record(10, 'CANCELLED', 'WEB');
    await record(11, 'COMPLETED', 'WEB');
    // By hand: 12 asked; 6 ever committed (5–10); 4 completed (5, 6, 7, 11); follow-through among those who committed:
    // 3 completed ÷ (3 completed + 1 no-show + 1 cancelled) = 60%; 1 still pending (9).

    await page.goto(`${stack!.adminUrl}/orgs/${orgId}/campaigns/${campaignId}`);
    await waitFor(page, '[data-testid="results-asked"] [data-value="12"]', () => page.textContent('[data-testid="campaign-results-card"]'));
    await waitFor(page, '[data-testid="results-committed"] [data-value="6"]');
    await waitFor(page, '[data-testid="results-completed"] [data-value="4"]');
    await waitFor(page, '[data-testid="results-rate"] [data-value="0.6"]', () => page.textContent('[data-testid="results-rate"]'));
    expect(await page.textContent('[data-testid="results-rate"]')).toContain('60%');
    expect(await page.textContent('[data-testid="results-pending"]')).toBe('1');
    const sms = page.locator('[data-testid="results-by-channel-table"] tr[data-key="SMS"]');
    expect(await sms.locator('td').nth(1).getAttribute('data-value')).toBe('4'); // committed by text
    expect(await sms.locator('td[data-testid="rate"]').getAttribute('data-value')).toBe('0.75'); // 3 of 4
    const vol = page.locator(`[data-testid="results-by-volunteer-table"] tr[data-key="${volunteer.id}"]`);
    expect(await vol.locator('th').textContent()).toBe(volunteer.name);
    expect(await vol.locator('td[data-testid="rate"]').getAttribute('data-value')).toBe('0.75');
    expect(await page.locator('[data-testid="results-activity"] [data-testid="activity-item"]').count()).toBeGreaterThan(0);
    // The newest event is member 11's signature on the page: the feed names them, linked to their record.
    const [newest] = await stack!.query<{ name: string }>(`SELECT first_name || ' ' || last_name AS name FROM member WHERE id = $1`, [members[11]]);
    const firstMember = page.locator('[data-testid="results-activity"] [data-testid="activity-item"]').first().locator('[data-testid="activity-member"]');
    expect((await firstMember.textContent())?.trim()).toBe(newest.name);
    expect(await firstMember.getAttribute('href')).toBe(`/orgs/${orgId}/members/${members[11]}`);
    await page.waitForSelector('[data-testid="chart-results-funnel"] svg.recharts-surface');
    await page.screenshot({ path: screenshotPath('admin-campaign-dashboard.png'), fullPage: true });
  });

  it('lists responses with a state filter in the URL and moves one after confirming', async () => {
    if (!browser) return;
    await page.click('[data-testid="campaign-responses"]');
    await page.waitForURL(/\/responses$/);
    await waitFor(page, '[data-testid="responses-total"][data-value="12"]');
    // A click, not check(): the box follows the URL, which changes a moment after the click.
    await page.click('[data-testid="filter-state"] input[value="ASKED"]');
    await page.waitForURL(/state=ASKED/);
    await waitFor(page, '[data-testid="responses-total"][data-value="3"]');
    await page.waitForSelector('.mu-table-wrap:not([aria-busy])');
    const states = await page.$$eval('[data-testid="response-row"] [data-testid="response-state"]', (els) => els.map((e) => e.getAttribute('data-value')));
    expect(states).toEqual(['ASKED', 'ASKED', 'ASKED']);
    await page.screenshot({ path: screenshotPath('admin-campaign-responses.png'), fullPage: true });

    const first = page.locator('[data-testid="response-row"]').first();
    const memberId = (await first.locator('[data-testid="response-member"]').getAttribute('href'))!.split('/').pop()!;
    await first.locator('[data-testid="move-response"]').click();
    await waitFor(page, 'dialog[open] [data-testid="move-dialog"]');
    await page.selectOption('dialog[open] [data-testid="move-to"]', 'COMMITTED');
    await page.fill('dialog[open] [data-testid="move-note"]', 'Said yes when I rang back');
    await page.screenshot({ path: screenshotPath('admin-response-move.png') });
    await page.click('dialog[open] button.mu-btn--primary');
    await page.waitForSelector('dialog[open]', { state: 'detached' }).catch(() => page.waitForSelector('dialog:not([open])'));
    await waitFor(page, '[data-testid="responses-total"][data-value="2"]');
    const [moved] = await stack!.query<{ state: string; channel: string }>(`SELECT state, channel FROM action_response WHERE action_id = $1 AND member_id = $2`, [actionId, memberId]);
    expect(moved).toEqual({ state: 'COMMITTED', channel: 'STAFF' });
    const [event] = await stack!.query<{ from_state: string; to_state: string; note: string }>(
      `SELECT from_state, to_state, note FROM action_response_event WHERE action_id = $1 AND member_id = $2 ORDER BY at DESC LIMIT 1`, [actionId, memberId]);
    expect(event).toEqual({ from_state: 'ASKED', to_state: 'COMMITTED', note: 'Said yes when I rang back' });
  });

  it('shows the API’s refusal when the response moved meanwhile (an illegal move)', async () => {
    if (!browser) return;
    const first = page.locator('[data-testid="response-row"]').first();
    const memberId = (await first.locator('[data-testid="response-member"]').getAttribute('href'))!.split('/').pop()!;
    await first.locator('[data-testid="move-response"]').click();
    await waitFor(page, 'dialog[open] [data-testid="move-dialog"]');
    await page.selectOption('dialog[open] [data-testid="move-to"]', 'DECLINED');
    // Someone else completes it first; ASKED → DECLINED was legal on screen, COMPLETED → DECLINED is not.
    await pageGraphqlOk(page, RECORD, { input: { actionId, memberId, state: 'COMPLETED', channel: 'CALL' } });
    await page.click('dialog[open] button.mu-btn--primary');
    await waitFor(page, 'dialog[open] [data-testid="move-error"]');
    expect(await page.getAttribute('[data-testid="move-error"]', 'data-code')).toBe('RESPONSE_TRANSITION_INVALID');
    expect(await page.textContent('[data-testid="move-error"]')).toMatch(/completed/i);
    await page.screenshot({ path: screenshotPath('admin-response-move-refused.png') });
    await page.click('dialog[open] button:has-text("Cancel")');
    // The list behind was refreshed: the completed response is no longer among the asked ones.
    await waitFor(page, '[data-testid="responses-total"][data-value="1"]');
    expect(await page.locator(`[data-testid="response-member"][href$="${memberId}"]`).count()).toBe(0);
    const [still] = await stack!.query<{ state: string }>(`SELECT state FROM action_response WHERE action_id = $1 AND member_id = $2`, [actionId, memberId]);
    expect(still.state).toBe('COMPLETED');
  });

  it('a supporter taps the tracked link on a phone, signs the petition, and the dashboard shows it with its credit', async () => {
    if (!browser) return;
    if (!trackedUrl) {
      console.log('No tracked link (the action pages are not in this API): the page sign-up was not exercised.');
      return;
    }
    const [admin] = await stack!.query<{ id: string }>(`SELECT id FROM app_user WHERE email = $1`, [DEMO_USERS.agencyAdmin.email]);
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'en-GB' });
    try {
      const p = await phone.newPage();
      await p.goto(trackedUrl);
      await p.waitForSelector('h1:has-text("Fair pay now")');
      const servedAt = Date.now();
      await p.fill('#f-firstName', 'Nia');
      await p.fill('#f-lastName', 'Petitioner');
      await p.fill('#f-email', 'nia.petitioner@example.org');
      await p.tap('label[for=f-consent]');
      // The page refuses a form sent within 2 s of being served (a bot's speed): a person takes at least that long.
      await p.waitForTimeout(Math.max(0, 2100 - (Date.now() - servedAt)));
      await p.tap('button[type=submit]');
      await p.waitForURL(/\/thanks$/);
      expect(await p.textContent('main')).toContain('Thank you — share it with a colleague.');
      await p.screenshot({ path: screenshotPath('admin-e2e-action-page-phone-thanks.png'), fullPage: true });
    } finally {
      await phone.close();
    }
    const [signed] = await stack!.query<{ state: string; channel: string; credited_user_id: string }>(
      `SELECT r.state, r.channel, r.credited_user_id FROM action_response r JOIN member_email e ON e.member_id = r.member_id AND e.organisation_id = r.organisation_id
        WHERE r.action_id = $1 AND e.address = 'nia.petitioner@example.org'`, [actionId]);
    expect(signed).toEqual({ state: 'COMPLETED', channel: 'SMS', credited_user_id: admin.id });

    // On the dashboard: 13 asked, 6 completed (4 before, one completed by the refused move's other party, this one);
    // the text channel has the new completion, and the person whose link it was has a row of their own.
    await page.goto(`${stack!.adminUrl}/orgs/${orgId}/campaigns/${campaignId}`);
    await waitFor(page, '[data-testid="results-asked"] [data-value="13"]', () => page.textContent('[data-testid="results-asked"]'));
    await waitFor(page, '[data-testid="results-completed"] [data-value="6"]');
    const sms = page.locator('[data-testid="results-by-channel-table"] tr[data-key="SMS"]');
    expect(await sms.locator('td').nth(2).getAttribute('data-value')).toBe('4'); // completed by text: 3 + the page
    const mine = page.locator(`[data-testid="results-by-volunteer-table"] tr[data-key="${admin.id}"]`);
    expect(await mine.locator('td').nth(2).getAttribute('data-value')).toBe('1');
    await page.goto(`${stack!.adminUrl}/orgs/${orgId}/actions/${actionId}`);
    await waitFor(page, '[data-testid="link-stats-clicks"][data-value="1"]');
    await waitFor(page, '[data-testid="link-stats-submissions"][data-value="1"]');
  });

  it('records a response by hand: a member found by name, at an event, credited to the volunteer', async () => {
    if (!browser) return;
    const [m] = await stack!.query<{ id: string; first_name: string; last_name: string }>(
      `SELECT id, first_name, last_name FROM member m WHERE organisation_id = $1
          AND NOT EXISTS (SELECT 1 FROM action_response r WHERE r.member_id = m.id AND r.action_id = $2)
        ORDER BY id LIMIT 1`, [orgId, actionId]);
    await page.goto(`${stack!.adminUrl}/orgs/${orgId}/actions/${actionId}`);
    const before = Number(await (await page.waitForSelector('[data-testid="responses-total"]')).getAttribute('data-value'));
    await page.click('[data-testid="record-response"]');
    await waitFor(page, 'dialog[open] [data-testid="record-dialog"]');
    // Recording without a member is stopped in the dialog.
    await page.click('dialog[open] button.mu-btn--primary');
    await waitFor(page, 'dialog[open] :text("Find and choose the member first.")');
    await page.fill('dialog[open] [data-testid="member-search"]', `${m.first_name} ${m.last_name}`);
    await page.click('dialog[open] [data-testid="member-find"]');
    await waitFor(page, `dialog[open] [data-testid="member-choice"] option[value="${m.id}"]`);
    await page.selectOption('dialog[open] [data-testid="member-choice"]', m.id);
    await page.selectOption('dialog[open] [data-testid="record-state"]', 'COMMITTED');
    await page.selectOption('dialog[open] [data-testid="record-channel"]', 'EVENT');
    await page.selectOption('dialog[open] [data-testid="record-credit"]', volunteer.id);
    await page.fill('dialog[open] [data-testid="record-note"]', 'Signed the sheet at the branch meeting');
    await page.screenshot({ path: screenshotPath('admin-response-record.png') });
    await page.click('dialog[open] button.mu-btn--primary');
    await waitFor(page, `[data-testid="responses-total"][data-value="${before + 1}"]`);
    const [row] = await stack!.query<{ state: string; channel: string; credited_user_id: string }>(
      `SELECT state, channel, credited_user_id FROM action_response WHERE action_id = $1 AND member_id = $2`, [actionId, m.id]);
    expect(row).toEqual({ state: 'COMMITTED', channel: 'EVENT', credited_user_id: volunteer.id });
  });

  it('filters and pages the campaigns list in the URL', async () => {
    if (!browser) return;
    for (let i = 1; i <= 21; i++) {
      await pageGraphqlOk(page, `mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }`,
        { input: { organisationId: orgId, name: `Branch drive ${String(i).padStart(2, '0')}`, status: i % 2 ? 'DRAFT' : 'PAUSED' } });
    }
    await page.goto(`${stack!.adminUrl}/orgs/${orgId}/campaigns`);
    await waitFor(page, '[data-testid="campaigns-total"][data-value="22"]');
    expect(await page.locator('[data-testid="campaign-row"]').count()).toBe(20);
    await page.click('[data-testid="page-next"]');
    await page.waitForURL(/page=2/);
    await page.waitForSelector('.mu-table-wrap:not([aria-busy])');
    await waitFor(page, '[data-testid="campaigns-total"]:has-text("page 2")');
    // The page-2 label follows the URL at once; the rows follow when the page has loaded.
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="campaign-row"]').length === 2, undefined, { timeout: 30000 }).catch(() => undefined);
    expect(await page.locator('[data-testid="campaign-row"]').count()).toBe(2);

    await page.click('[data-testid="filter-status"] input[value="ACTIVE"]');
    await page.waitForURL((u) => u.searchParams.get('status') === 'ACTIVE' && !u.searchParams.has('page'));
    await waitFor(page, '[data-testid="campaigns-total"][data-value="1"]');
    expect(await page.textContent('[data-testid="campaign-row"]')).toContain('Fair pay 2027');

    await page.goto(`${stack!.adminUrl}/orgs/${orgId}/campaigns?q=drive&status=PAUSED`);
    await waitFor(page, '[data-testid="campaigns-total"][data-value="10"]');
    await page.goto(`${stack!.adminUrl}/orgs/${orgId}/campaigns?q=nothing-like-this`);
    await waitFor(page, 'text=No campaigns match these filters');
    await page.screenshot({ path: screenshotPath('admin-campaigns-no-match.png'), fullPage: true });
  });

  it('refuses to delete a campaign with responses, archives it instead', async () => {
    if (!browser) return;
    await page.goto(`${stack!.adminUrl}/orgs/${orgId}/campaigns/${campaignId}`);
    await page.click('[data-testid="delete-campaign"]');
    await page.click('dialog[open] button.mu-btn--danger');
    await waitFor(page, 'text=Archive it instead');
    expect(await stack!.query(`SELECT id FROM campaign WHERE id = $1`, [campaignId])).toHaveLength(1);
    await page.click('[data-testid="archive-campaign"]');
    await page.click('dialog[open] button.mu-btn--primary');
    await waitFor(page, '[data-testid="campaign-status"][data-value="ARCHIVED"]');
    expect((await stack!.query<{ status: string }>(`SELECT status FROM campaign WHERE id = $1`, [campaignId]))[0].status).toBe('ARCHIVED');
  });

  it('reads at phone width: the campaign dashboard fits the screen', async () => {
    if (!browser) return;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${stack!.adminUrl}/orgs/${orgId}/campaigns/${campaignId}`);
    await waitFor(page, '[data-testid="results-asked"] [data-value]');
    await page.waitForSelector('[data-testid="chart-results-funnel"] svg.recharts-surface');
    // Wide tables scroll inside their own box; the page itself never scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await page.screenshot({ path: screenshotPath('admin-campaign-phone.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('offers an organiser (who may not list users) everyone who works for the organisation: its own users and the agency’s', async () => {
    if (!browser) return;
    const organiserContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', reducedMotion: 'reduce' });
    organiserContext.setDefaultTimeout(60000);
    try {
      const p = await organiserContext.newPage();
      await signIn(p, stack!.adminUrl!, DEMO_USERS.organiser.email, DEMO_USERS.organiser.password);
      await p.goto(`${stack!.adminUrl}/orgs/${orgId}/campaigns/new`);
      // Worked out from the database: a role in the union or in its parent (the agency).
      const expected = (await stack!.query<{ user_id: string }>(
        `SELECT DISTINCT m.user_id FROM membership m JOIN organisation o ON o.id = $1 WHERE m.organisation_id IN (o.id, o.parent_id)`, [orgId])).map((r) => r.user_id);
      expect(expected.length).toBeGreaterThanOrEqual(5); // the agency's three staff and the union's two
      await waitFor(p, `[data-testid="team-add-user"] option[value="${volunteer.id}"]`);
      const offered = await p.$$eval('[data-testid="team-add-user"] option', (os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
      expect(offered.sort()).toEqual(expected.sort());
      expect(await p.locator('[data-testid="team-partial"]').count()).toBe(0);
      // Another client's users are never offered.
      const others = await stack!.query<{ user_id: string }>(`SELECT user_id FROM membership WHERE organisation_id = $1`, [otherOrgId]);
      expect(others.length).toBeGreaterThan(0);
      expect(offered.filter((id) => others.some((o) => o.user_id === id))).toEqual([]);
    } finally {
      await organiserContext.close();
    }
  });

  it('reads another organisation’s campaign as not found', async () => {
    if (!browser) return;
    const other = (await pageGraphqlOk<{ createCampaign: { id: string } }>(page, `mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }`,
      { input: { organisationId: otherOrgId, name: 'Clean air week' } })).createCampaign;
    // The other campaign's id under this organisation's URL: the API answers as for an id that does not exist.
    // (The agency admin reaches both clients; the page still shows only the organisation in its URL.)
    await page.goto(`${stack!.adminUrl}/orgs/${orgId}/campaigns/${other.id}`);
    await waitFor(page, '[data-testid="campaign-not-found"]');
    expect(await page.locator('text=Clean air week').count()).toBe(0);
    await page.goto(`${stack!.adminUrl}/orgs/${orgId}/campaigns?q=Clean`);
    await waitFor(page, 'text=No campaigns match these filters');
  });
});
