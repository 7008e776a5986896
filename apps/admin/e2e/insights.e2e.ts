// Issue 5, admin side: agency staff open any client's insight dashboard (the same components as the portal's) from
// /insights, switch client with the picker, and see each client's own numbers (SQL on the test database); the filters
// live in the URL. A volunteer has no Insights entry. Screenshots go to the git-ignored screenshots/ folder.
import type { Browser, Page } from 'playwright-core';
import { DEMO_USERS, launchBrowser, screenshotPath, signIn, startTestStack, type TestStack } from '@muster/devstack';

let stack: TestStack | undefined;
let browser: Browser | null = null;
let page: Page;
let union: { id: string; name: string };
let campaign: { id: string; name: string };

const total = async (orgId: string, where = 'true', params: unknown[] = []) =>
  (await stack!.query<{ n: number }>(`SELECT count(*)::int AS n FROM member WHERE organisation_id = $1 AND ${where}`, [orgId, ...params]))[0].n;

async function waitForTotal(p: Page, n: number) {
  await p.waitForSelector(`[data-testid="insights-dashboard"]:not([aria-busy]) [data-testid="stat-total"] [data-value="${n}"]`);
}

beforeAll(async () => {
  browser = await launchBrowser();
  if (!browser) {
    console.log('Chromium is not installed, so the admin insights tests did nothing (apt-get install -y chromium, or set CHROMIUM_PATH).');
    return;
  }
  stack = await startTestStack({ apps: ['admin'], unionMembers: 300, campaignMembers: 40 });
  [union] = await stack.query<{ id: string; name: string }>(`SELECT id, name FROM organisation WHERE name = $1`, [DEMO_USERS.clientViewer.organisation]);
  [campaign] = await stack.query<{ id: string; name: string }>(`SELECT id, name FROM organisation WHERE name = $1`, [DEMO_USERS.otherClientAdmin.organisation]);
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', reducedMotion: 'reduce' });
  page.setDefaultTimeout(60000);
  await signIn(page, stack.adminUrl!, DEMO_USERS.agencyAdmin.email, DEMO_USERS.agencyAdmin.password);
}, 300000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('admin insights (agency staff)', () => {
  it('lists the clients and opens a client dashboard with its numbers', async () => {
    if (!browser) return;
    await page.goto(`${stack!.adminUrl}/insights`);
    await page.waitForSelector('[data-testid="insights-clients"]');
    const names = await page.$$eval('[data-testid="insights-clients"] a', (as) => as.map((a) => a.textContent));
    expect(names).toEqual(expect.arrayContaining([union.name, campaign.name]));
    expect(await page.locator('nav >> text=Insights').count()).toBeGreaterThan(0);

    await page.click(`[data-testid="insights-clients"] a:text-is("${union.name}")`);
    await page.waitForURL(`**/insights/${union.id}`);
    await waitForTotal(page, await total(union.id));
    expect(await page.textContent('[data-testid="org-name"]')).toBe(union.name);
    // Staff navigation (seven sections with Insights) and the dashboard fit the page: nothing scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    await page.screenshot({ path: screenshotPath('admin-insights.png'), fullPage: true });
  });

  it('switches client with the picker, and keeps a unit filter in the URL', async () => {
    if (!browser) return;
    await page.goto(`${stack!.adminUrl}/insights/${union.id}`);
    await waitForTotal(page, await total(union.id));
    await page.selectOption('[data-testid="insights-org-picker"]', campaign.id);
    await page.waitForURL(`**/insights/${campaign.id}`);
    await waitForTotal(page, await total(campaign.id));
    expect(await page.textContent('[data-testid="org-name"]')).toBe(campaign.name);

    const [{ region }] = await stack!.query<{ region: string }>(
      `SELECT region FROM member WHERE organisation_id = $1 AND region IS NOT NULL GROUP BY region ORDER BY count(*) DESC, region LIMIT 1`, [campaign.id]);
    await page.selectOption('[data-testid="filter-region"]', region);
    await page.waitForURL((url) => url.searchParams.get('region') === region);
    await waitForTotal(page, await total(campaign.id, 'region = $2', [region]));
  });

  it('has no Insights entry for a volunteer', async () => {
    if (!browser) return;
    const context = await browser.newContext({ locale: 'en-GB' });
    const p = await context.newPage();
    p.setDefaultTimeout(60000);
    await signIn(p, stack!.adminUrl!, DEMO_USERS.volunteer.email, DEMO_USERS.volunteer.password);
    await p.waitForSelector('[data-testid="account-menu"]');
    expect(await p.locator('nav >> text=Insights').count()).toBe(0);
    await context.close();
  });
});
