// Donations in a real browser against the real API and a freshly seeded database (issue 6): an organiser records
// cash gifts to a campaign (through the API, as the "record a donation" form of a later issue would), sees them listed
// with totals in pounds to the penny, filters by status, campaign and dates in the URL, refunds part of one after
// confirming (the amount checked against what is left, a reason required), and sees the refund in the list and the
// totals exactly as the database has it; a donor gives monthly on a donation action's public page (paying on the
// payment stand-in's page) and the organiser sees the plan and cancels it after confirming with a reason, the
// stand-in stopping the subscription. Screenshots go to the git-ignored screenshots/ folder.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_USERS, launchBrowser, pageGraphqlOk, screenshotPath, signIn, startTestStack, type TestStack } from '@muster/devstack';
import { apiHasField } from './support';

let stack: TestStack | undefined;
let browser: Browser | null = null;
let context: BrowserContext;
let page: Page;
let orgId = '';


async function waitFor(p: Page, selector: string) {
  try {
    // An <option> is never "visible" to Playwright: wait for it to be there.
    await p.waitForSelector(selector, { timeout: 60000, state: / option\b/.test(selector) ? 'attached' : 'visible' });
  } catch {
    const logs = stack!.apiLogs().filter((l) => !l.includes('"level":30')).slice(-5).join('\n');
    throw new Error(`waited for ${selector}; the page shows ${await p.textContent('main').catch(() => 'nothing')} (at ${p.url()})\nAPI warnings and errors:\n${logs}`);
  }
}

beforeAll(async () => {
  browser = await launchBrowser();
  if (!browser) {
    console.log('Chromium is not installed, so the admin donation tests did nothing (apt-get install -y chromium, or set CHROMIUM_PATH).');
    return;
  }
  stack = await startTestStack({ apps: ['admin'], unionMembers: 100, campaignMembers: 20 });
  if (!(await apiHasField(stack.apiUrl, '{ donations(organisationId: "x") { totalCount } }', 'donations'))) {
    throw new Error('The built API has no donations: the admin donation tests cannot run.');
  }
  [{ id: orgId }] = await stack.query<{ id: string }>(`SELECT id FROM organisation WHERE name = $1`, [DEMO_USERS.clientAdmin.organisation]);
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', reducedMotion: 'reduce' });
  context.setDefaultTimeout(60000);
  page = await context.newPage();
  await signIn(page, stack.adminUrl!, DEMO_USERS.organiser.email, DEMO_USERS.organiser.password);
}, 300000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('admin donations', () => {
  let campaignId = '';
  const donationIds: string[] = [];

  it('starts empty', async () => {
    if (!browser) return;
    await page.goto(`${stack!.adminUrl}/orgs/${orgId}/donations`);
    await waitFor(page, 'text=No donations yet');
    await page.screenshot({ path: screenshotPath('admin-donations-empty.png'), fullPage: true });
  });

  it('lists recorded gifts with totals to the penny, and filters them in the URL', async () => {
    if (!browser) return;
    campaignId = (await pageGraphqlOk<{ createCampaign: { id: string } }>(page, `mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }`,
      { input: { organisationId: orgId, name: 'Strike fund', status: 'ACTIVE' } })).createCampaign.id;
    const members = (await stack!.query<{ id: string }>(`SELECT id FROM member WHERE organisation_id = $1 ORDER BY id LIMIT 3`, [orgId])).map((m) => m.id);
    const record = async (memberId: string, amountPence: number, withCampaign: boolean) => {
      const d = await pageGraphqlOk<{ recordDonation: { id: string } }>(page, `mutation($input: RecordDonationInput!) { recordDonation(input: $input) { id } }`,
        { input: { organisationId: orgId, memberId, amountPence, giftAid: false, ...(withCampaign ? { campaignId } : {}), note: 'Collection at the branch meeting' } });
      donationIds.push(d.recordDonation.id);
    };
    await record(members[0], 2550, true);
    await record(members[1], 1000, true);

    // The third through the page's own form: a donor found by name, £7.99 in cash, no campaign.
    const [donor] = await stack!.query<{ id: string; first_name: string; last_name: string }>(`SELECT id, first_name, last_name FROM member WHERE id = $1`, [members[2]]);
    await page.goto(`${stack!.adminUrl}/orgs/${orgId}/donations`);
    await waitFor(page, '[data-testid="donations-total"][data-value="2"]');
    await page.click('[data-testid="record-donation"]');
    await waitFor(page, 'dialog[open] [data-testid="record-donation-dialog"]');
    await page.fill('dialog[open] [data-testid="member-search"]', `${donor.first_name} ${donor.last_name}`);
    await page.click('dialog[open] [data-testid="member-find"]');
    await waitFor(page, `dialog[open] [data-testid="member-choice"] option[value="${donor.id}"]`);
    await page.selectOption('dialog[open] [data-testid="member-choice"]', donor.id);
    await page.fill('dialog[open] [data-testid="donation-amount-input"]', '£7.99');
    await page.fill('dialog[open] [data-testid="donation-note-input"]', 'Cash, branch meeting');
    await page.click('dialog[open] button.mu-btn--primary');
    await waitFor(page, '[data-testid="donations-total"][data-value="3"]');
    const [manual] = await stack!.query<{ amount_pence: number; provider: string; status: string; campaign_id: string | null }>(
      `SELECT amount_pence, provider, status, campaign_id FROM donation WHERE organisation_id = $1 AND member_id = $2`, [orgId, donor.id]);
    expect(manual).toEqual({ amount_pence: 799, provider: 'MANUAL', status: 'SUCCEEDED', campaign_id: null });
    const [sql] = await stack!.query<{ n: number; total: number }>(
      `SELECT count(*)::int AS n, sum(amount_pence - refunded_pence)::int AS total FROM donation WHERE organisation_id = $1 AND status IN ('SUCCEEDED', 'PARTIALLY_REFUNDED')`, [orgId]);
    expect(sql).toEqual({ n: 3, total: 4349 });
    await waitFor(page, '[data-testid="donations-net"] [data-value="4349"]');
    expect(await page.textContent('[data-testid="donations-net"]')).toContain('£43.49');
    await page.screenshot({ path: screenshotPath('admin-donations.png'), fullPage: true });

    await page.selectOption('[data-testid="filter-campaign"]', campaignId);
    await page.waitForURL((u) => u.searchParams.get('campaign') === campaignId);
    await waitFor(page, '[data-testid="donations-total"][data-value="2"]');
    await waitFor(page, '[data-testid="donations-net"] [data-value="3550"]');

    const today = new Date();
    const iso = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    const tomorrow = new Date(today.getTime() + 86400000);
    await page.goto(`${stack!.adminUrl}/orgs/${orgId}/donations?from=${iso(tomorrow)}`);
    await waitFor(page, 'text=No donations match these filters');
    await page.goto(`${stack!.adminUrl}/orgs/${orgId}/donations?from=${iso(today)}&to=${iso(today)}&status=SUCCEEDED`);
    await waitFor(page, '[data-testid="donations-total"][data-value="3"]');
  });

  it('refunds part of a gift after confirming; the list and totals follow the database', async () => {
    if (!browser) return;
    await page.goto(`${stack!.adminUrl}/orgs/${orgId}/donations`);
    await waitFor(page, '[data-testid="donations-total"][data-value="3"]');
    const row = page.locator('[data-testid="donation-row"]', { has: page.locator('[data-testid="donation-amount"][data-value="2550"]') });
    await row.locator('[data-testid="refund-donation"]').click();
    await waitFor(page, 'dialog[open] [data-testid="refund-dialog"]');
    expect(await page.inputValue('[data-testid="refund-amount"]')).toBe('25.50');
    // More than the gift, and no reason: stopped on the page.
    await page.fill('[data-testid="refund-amount"]', '30');
    await page.click('dialog[open] button.mu-btn--danger');
    await waitFor(page, 'dialog[open] :text("At most 25.50 can be refunded.")');
    await waitFor(page, 'dialog[open] :text("Say why, for the record.")');
    await page.fill('[data-testid="refund-amount"]', '10.25');
    await page.fill('[data-testid="refund-reason"]', 'Gave twice by mistake');
    await page.screenshot({ path: screenshotPath('admin-donation-refund.png') });
    await page.click('dialog[open] button.mu-btn--danger');
    await waitFor(page, '[data-testid="donation-status"][data-value="PARTIALLY_REFUNDED"]');
    const [d] = await stack!.query<{ status: string; refunded_pence: number }>(`SELECT status, refunded_pence FROM donation WHERE amount_pence = 2550 AND organisation_id = $1`, [orgId]);
    expect(d).toEqual({ status: 'PARTIALLY_REFUNDED', refunded_pence: 1025 });
    await waitFor(page, '[data-testid="donations-net"] [data-value="3324"]');
    expect(await row.textContent()).toContain('£10.25 refunded');

    await page.goto(`${stack!.adminUrl}/orgs/${orgId}/donations?status=PARTIALLY_REFUNDED`);
    await waitFor(page, '[data-testid="donations-total"][data-value="1"]');

    // The campaign's dashboard: donated net of refunds (£35.50 − £10.25), and this month's gifts on its chart.
    await page.goto(`${stack!.adminUrl}/orgs/${orgId}/campaigns/${campaignId}`);
    await waitFor(page, '[data-testid="results-donations"] [data-value="2525"]');
    expect(await page.textContent('[data-testid="results-donations"]')).toContain('£25.25');
    const [{ month, pence }] = await stack!.query<{ month: string; pence: number }>(
      `SELECT to_char(succeeded_at AT TIME ZONE 'Europe/London', 'YYYY-MM') AS month, sum(amount_pence)::int AS pence FROM donation WHERE campaign_id = $1 GROUP BY 1`, [campaignId]);
    const cell = page.locator(`[data-testid="chart-results-donations-by-month-table"] tr[data-key="${month}"] td[data-series="pounds"]`);
    expect(Number(await cell.getAttribute('data-value'))).toBe(pence / 100);
    await page.screenshot({ path: screenshotPath('admin-campaign-donations.png'), fullPage: true });
  });
  it('lists monthly plans and cancels one after confirming with a reason; the stand-in stops the subscription', async () => {
    if (!browser) return;
    await page.goto(`${stack!.adminUrl}/orgs/${orgId}/donations`);
    await waitFor(page, '[data-testid="plans-empty"]:has-text("No monthly plans yet")');

    // A donor gives £8.50 a month on a donation action's public page and pays on the stand-in's page.
    const campaign = campaignId || (await pageGraphqlOk<{ createCampaign: { id: string } }>(page, `mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }`,
      { input: { organisationId: orgId, name: 'Hardship fund', status: 'ACTIVE' } })).createCampaign.id;
    const actionId = (await pageGraphqlOk<{ createAction: { id: string } }>(page, `mutation($input: CreateActionInput!) { createAction(input: $input) { id } }`,
      { input: { campaignId: campaign, type: 'DONATION', status: 'OPEN', title: 'Give monthly to the hardship fund' } })).createAction.id;
    const [{ public_slug: slug }] = await stack!.query<{ public_slug: string }>(`SELECT public_slug FROM action WHERE id = $1`, [actionId]);
    const donorContext = await browser.newContext({ locale: 'en-GB' });
    try {
      const donor = await donorContext.newPage();
      await donor.goto(`${stack!.apiUrl}/a/${slug}`);
      await donor.check('#f-amount-other');
      await donor.fill('#f-otherAmount', '8.50');
      await donor.check('#f-monthly');
      await donor.fill('#f-firstName', 'Morag');
      await donor.fill('#f-lastName', 'Monthly');
      await donor.fill('#f-email', 'morag.monthly@example.org');
      // The page refuses a form sent faster than a person fills it in.
      await donor.waitForTimeout(2500);
      await donor.click('form button[type="submit"]');
      await donor.waitForURL((u) => u.href.startsWith(stack!.payments.url));
      await donor.click('button.pay');
      await donor.waitForURL((u) => !u.href.startsWith(stack!.payments.url));
    } finally {
      await donorContext.close();
    }
    const plan = async () => (await stack!.query<{ id: string; status: string; cancelled_at: Date | null; provider_subscription_id: string | null; amount_pence: number }>(
      `SELECT id, status, cancelled_at, provider_subscription_id, amount_pence FROM donation_plan WHERE organisation_id = $1 AND action_id = $2`, [orgId, actionId]))[0];
    for (let i = 0; i < 200 && (await plan())?.status !== 'ACTIVE'; i++) await new Promise((r) => setTimeout(r, 50));
    const active = await plan();
    expect(active).toMatchObject({ status: 'ACTIVE', amount_pence: 850 });
    expect(active.provider_subscription_id).toMatch(/^sub_/);

    await page.goto(`${stack!.adminUrl}/orgs/${orgId}/donations`);
    await waitFor(page, '[data-testid="plans-total"][data-value="1"]');
    const row = page.locator('[data-testid="plan-row"]', { has: page.locator('[data-testid="plan-amount"][data-value="850"]') });
    expect(await row.locator('[data-testid="plan-member"]').textContent()).toContain('Morag Monthly');
    expect(await row.locator('[data-testid="plan-status"]').getAttribute('data-value')).toBe('ACTIVE');
    await row.locator('[data-testid="cancel-plan"]').click();
    await waitFor(page, 'dialog[open] [data-testid="cancel-plan-dialog"]');
    // No reason: stopped on the page, nothing sent.
    await page.click('dialog[open] button.mu-btn--danger');
    await waitFor(page, 'dialog[open] :text("Say why, for the record.")');
    expect((await plan()).status).toBe('ACTIVE');
    await page.fill('[data-testid="cancel-plan-reason"]', 'Donor asked by phone to stop');
    await page.screenshot({ path: screenshotPath('admin-donation-plan-cancel.png') });
    await page.click('dialog[open] button.mu-btn--danger');
    await waitFor(page, '[data-testid="plan-status"][data-value="CANCELLED"]');
    expect(await row.locator('[data-testid="cancel-plan"]').count()).toBe(0);
    const cancelled = await plan();
    expect(cancelled.status).toBe('CANCELLED');
    expect(cancelled.cancelled_at).not.toBeNull();
    expect(stack!.payments.subscriptions.get(active.provider_subscription_id!)!.status).toBe('canceled');
    const [audit] = await stack!.query<{ details: { reason: string; providerCancelled: boolean } }>(
      `SELECT details FROM audit_event WHERE action = 'donation_plan.cancel' AND $1 = ANY(target_ids)`, [cancelled.id]);
    expect(audit.details).toMatchObject({ reason: 'Donor asked by phone to stop', providerCancelled: true });
    await page.screenshot({ path: screenshotPath('admin-donation-plans.png'), fullPage: true });

    // The status filter lives in the URL: no active plans are left.
    // click, not check: the box follows the URL, so its state changes a render later (the URL is what is asserted).
    await page.click('[data-testid="filter-plan-status"] input[value="ACTIVE"]');
    await page.waitForURL((u) => u.searchParams.get('planStatus') === 'ACTIVE');
    await waitFor(page, '[data-testid="plans-empty"]:has-text("No plans match this filter")');
    await page.goto(`${stack!.adminUrl}/orgs/${orgId}/donations?planStatus=CANCELLED`);
    await waitFor(page, '[data-testid="plans-total"][data-value="1"]');
  });
});
