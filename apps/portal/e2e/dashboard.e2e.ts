// The client portal's dashboard in a real browser against the real API and a freshly seeded database: every chart
// renders, and the numbers in the tables beneath them equal aggregates computed with SQL on the test database, with
// small counts withheld as docs/insights.md says (see support.ts).
import type { Browser, Page } from 'playwright-core';
import { DEMO_USERS, launchBrowser, screenshotPath, signIn, startTestStack, type TestStack } from '@muster/devstack';
import { chartTable as chartTableOf, shownCount, sqlCounts, sqlPartition } from './support';

let stack: TestStack | undefined;
let browser: Browser | null = null;
let page: Page;
let org: { id: string; name: string };

/** The small-number threshold the dashboard applies (the organisation's setting, read from the page). */
let threshold = 5;
const chartTable = (p: Page, id: string, series?: string) => chartTableOf(p, id, threshold, series);

beforeAll(async () => {
  browser = await launchBrowser();
  if (!browser) {
    console.log('Chromium is not installed, so the portal browser tests did nothing (apt-get install -y chromium, or set CHROMIUM_PATH).');
    return;
  }
  stack = await startTestStack({ apps: ['portal'], unionMembers: 400, campaignMembers: 50 });
  [org] = await stack.query<{ id: string; name: string }>(
    `SELECT o.id, o.name FROM organisation o WHERE o.kind = 'CLIENT'
      ORDER BY (SELECT count(*) FROM member m WHERE m.organisation_id = o.id) DESC, o.id LIMIT 1`,
  );
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', reducedMotion: 'reduce' });
  // Generous: npm test runs two packages' tests at once on a two-core machine.
  page.setDefaultTimeout(60000);
  // The union's officer (a client admin) sees the union's dashboard; an API without sign-in lets anyone in.
  await signIn(page, stack.portalUrl!, DEMO_USERS.clientAdmin.email, DEMO_USERS.clientAdmin.password);
}, 300000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('portal dashboard', () => {
  it('opens on a client organisation', async () => {
    if (!browser) return;
    await page.goto(`${stack!.portalUrl}/`);
    await page.waitForURL(/\/orgs\/[^/]+$/);
    const id = page.url().split('/').pop();
    const [kind] = await stack!.query<{ kind: string }>('SELECT kind::text FROM organisation WHERE id = $1', [id]);
    expect(kind.kind).toBe('CLIENT');
  });

  it('renders every chart with the numbers SQL gives', async () => {
    if (!browser) return;
    await page.goto(`${stack!.portalUrl}/orgs/${org.id}`);
    await page.waitForSelector('[data-testid="chart-by-status-table"]');
    expect(await page.textContent('[data-testid="org-name"]')).toBe(org.name);
    threshold = Number(await page.getAttribute('[data-testid="insights-dashboard"]', 'data-threshold'));
    expect(threshold).toBe(5);

    // Each chart drew its picture, not only its table.
    for (const id of ['by-status', 'by-region', 'joiners-leavers', 'top-issues']) {
      await page.waitForSelector(`[data-testid="chart-${id}"] svg.recharts-surface`);
      expect(await page.getAttribute(`[data-testid="chart-${id}"] [role="img"]`, 'aria-label')).toBeTruthy();
    }

    const [{ n: total }] = await stack!.query<{ n: number }>('SELECT count(*)::int AS n FROM member WHERE organisation_id = $1', [org.id]);
    expect(Number(await page.getAttribute('[data-testid="stat-total"] [data-value]', 'data-value'))).toBe(total);

    // Breakdowns follow the small-number rule (docs/insights.md): withheld cells read "<5" and are not drawn.
    const status = await sqlPartition(stack!, threshold,
      'SELECT status::text AS key, count(*)::int AS n FROM member WHERE organisation_id = $1 GROUP BY status', [org.id]);
    expect(await chartTable(page, 'by-status')).toEqual(status);
    expect(Number(await page.getAttribute('[data-testid="chart-by-status-table"] [data-testid="chart-total"]', 'data-value'))).toBe(total);
    expect(await page.locator('[data-testid="chart-by-status"] .recharts-pie-sector').count()).toBe([...status.values()].filter((n) => n !== null && n > 0).length);

    // Every region, "" for members whose region is not known.
    const regions = await sqlPartition(stack!, threshold,
      `SELECT COALESCE(region, '') AS key, count(*)::int AS n FROM member WHERE organisation_id = $1 GROUP BY 1`, [org.id]);
    expect(await chartTable(page, 'by-region')).toEqual(regions);
    expect(await page.locator('[data-testid="chart-by-region"] .recharts-bar-rectangle').count()).toBe([...regions.values()].filter((n) => n !== null && n > 0).length);

    // Top issues: every issue shown has the number of members who named it, and nothing left out outranks them.
    const issueSql = `SELECT i AS key, (SELECT count(*)::int FROM member m WHERE m.organisation_id = $1 AND i = ANY(m.issues)) AS n
         FROM (SELECT DISTINCT unnest(issues) AS i FROM member WHERE organisation_id = $1) AS all_issues`;
    const bySql = await sqlCounts(stack!, threshold, issueSql, [org.id]);
    const exact = new Map((await stack!.query<{ key: string; n: number }>(issueSql, [org.id])).map((r) => [r.key, r.n]));
    const shown = await chartTable(page, 'top-issues');
    expect(shown.size).toBe(Math.min(10, bySql.size));
    for (const [key, n] of shown) expect([key, n]).toEqual([key, bySql.get(key)]);
    const lowestShown = Math.min(...[...shown.keys()].map((k) => exact.get(k)!));
    for (const [key, n] of exact) if (!shown.has(key)) expect(n).toBeLessThanOrEqual(lowestShown);

    // Joiners and leavers: 24 months ending this month; the busiest month's counts equal SQL's.
    const joiners = await chartTable(page, 'joiners-leavers', 'joiners');
    const leavers = await chartTable(page, 'joiners-leavers', 'leavers');
    expect(joiners.size).toBe(24);
    const [month, most] = [...joiners].sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))[0];
    const [sqlMonth] = await stack!.query<{ joiners: number; leavers: number }>(
      `SELECT (SELECT count(*)::int FROM member WHERE organisation_id = $1 AND to_char(joined_on, 'YYYY-MM') = $2) AS joiners,
              (SELECT count(*)::int FROM member WHERE organisation_id = $1 AND to_char(left_on, 'YYYY-MM') = $2) AS leavers`,
      [org.id, month],
    );
    expect(most).toBe(shownCount(sqlMonth.joiners, threshold));
    expect(leavers.get(month)).toBe(shownCount(sqlMonth.leavers, threshold));
    expect(most).toBeGreaterThan(0);

    await page.screenshot({ path: screenshotPath('portal-dashboard.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('.mu-header')).toBe(false);
    await page.screenshot({ path: screenshotPath('portal-dashboard-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
  });

  it("lets the union's admin change the small-number rule, which every panel then applies (audit-logged)", async () => {
    if (!browser) return;
    await page.goto(`${stack!.portalUrl}/orgs/${org.id}`);
    await page.waitForSelector('[data-testid="insights-dashboard"] [data-testid="chart-by-region-table"]');
    await page.click('[data-testid="insights-settings"] summary');
    await page.fill('[data-testid="insights-threshold"]', '2000');
    await page.click('[data-testid="insights-threshold-save"]');
    await page.waitForSelector('[data-testid="insights-settings"] .mu-field__error, [data-testid="insights-settings"] [role="alert"], [data-testid="insights-settings"] [aria-invalid="true"]');
    await page.fill('[data-testid="insights-threshold"]', '30');
    await page.click('[data-testid="insights-threshold-save"]');
    await page.waitForSelector('[data-testid="insights-rule"]:has-text("Counts from 1 to 29")');
    await page.waitForSelector('[data-testid="insights-dashboard"]:not([aria-busy]) [data-testid="chart-by-region-table"]');
    threshold = Number(await page.getAttribute('[data-testid="insights-dashboard"]', 'data-threshold'));
    expect(threshold).toBe(30);
    const regions = await sqlPartition(stack!, threshold,
      `SELECT COALESCE(region, '') AS key, count(*)::int AS n FROM member WHERE organisation_id = $1 GROUP BY 1`, [org.id]);
    expect([...regions.values()].some((n) => n === null)).toBe(true);
    expect(await chartTable(page, 'by-region')).toEqual(regions);
    const [audit] = await stack!.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_event WHERE organisation_id = $1 AND action = 'insights.settings.update'`, [org.id]);
    expect(audit.n).toBe(1);

    // Back to the default for the tests that follow.
    await page.fill('[data-testid="insights-threshold"]', '5');
    await page.click('[data-testid="insights-threshold-save"]');
    await page.waitForSelector('[data-testid="insights-rule"]:has-text("Counts from 1 to 4")');
    threshold = 5;
  });

  it('is usable at phone width (390px)', async () => {
    if (!browser) return;
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'en-GB', reducedMotion: 'reduce' });
    phone.setDefaultTimeout(60000);
    const p = await phone.newPage();
    // A new context has no session of its own.
    await signIn(p, stack!.portalUrl!, DEMO_USERS.clientAdmin.email, DEMO_USERS.clientAdmin.password, `/orgs/${org.id}`);
    await p.goto(`${stack!.portalUrl}/orgs/${org.id}`);
    await p.waitForSelector('[data-testid="chart-joiners-leavers"] svg.recharts-surface');
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await p.screenshot({ path: screenshotPath('portal-dashboard-phone.png'), fullPage: true });
    await phone.close();
  });
});
