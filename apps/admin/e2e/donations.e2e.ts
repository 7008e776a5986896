// Donations in a real browser against the real API and a freshly seeded database (issue 6): an organiser records
// cash gifts to a campaign (through the API, as the "record a donation" form of a later issue would), sees them listed
// with totals in pounds to the penny, filters by status, campaign and dates in the URL, refunds part of one after
// confirming (the amount checked against what is left, a reason required), and sees the refund in the list and the
// totals exactly as the database has it. Screenshots go to the git-ignored screenshots/ folder.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_USERS, launchBrowser, screenshotPath, signIn, startTestStack, type TestStack } from '@muster/devstack';
import { apiHasField } from './support';

let stack: TestStack | undefined;
let browser: Browser | null = null;
let context: BrowserContext;
let page: Page;
let orgId = '';

async function gql<T>(p: Page, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await p.evaluate(async ({ query, variables }) => {
    const csrf = /(?:^|; )muster_csrf=([^;]*)/.exec(document.cookie)?.[1];
    const r = await fetch('/graphql', {
      method: 'POST', credentials: 'same-origin',
      headers: { 'content-type': 'application/json', ...(csrf ? { 'x-csrf-token': decodeURIComponent(csrf) } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return r.json();
  }, { query, variables }) as { data?: T; errors?: unknown[] };
  if (res.errors?.length || !res.data) throw new Error(`GraphQL failed: ${JSON.stringify(res.errors)}`);
  return res.data;
}

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
    campaignId = (await gql<{ createCampaign: { id: string } }>(page, `mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }`,
      { input: { organisationId: orgId, name: 'Strike fund', status: 'ACTIVE' } })).createCampaign.id;
    const members = (await stack!.query<{ id: string }>(`SELECT id FROM member WHERE organisation_id = $1 ORDER BY id LIMIT 3`, [orgId])).map((m) => m.id);
    const record = async (memberId: string, amountPence: number, withCampaign: boolean) => {
      const d = await gql<{ recordDonation: { id: string } }>(page, `mutation($input: RecordDonationInput!) { recordDonation(input: $input) { id } }`,
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
});
