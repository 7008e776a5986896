// Issue 5: a client viewer's insight dashboard in a real browser against the real API (rollups) and a freshly seeded
// database. The numbers are computed here with SQL on the test database and the small-number rule (1 ≤ n < threshold
// reads "<threshold"); a tiny region is added so a suppressed cell is certain. It applies a unit filter (drill-down,
// kept in the URL), downloads a panel's CSV, prints, and a viewer of one client opening another client's dashboard
// sees the not-found state. Screenshots go to the git-ignored screenshots/ folder.
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { CsvParser, isBlankRecord } from '@muster/domain';
import { DEMO_USERS, launchBrowser, screenshotPath, signIn, startTestStack, type TestStack } from '@muster/devstack';
import { chartTable as chartTableOf, shownCount, sqlCounts as sqlCountsOf, sqlPartition as sqlPartitionOf } from './support';

let stack: TestStack | undefined;
let browser: Browser | null = null;
let page: Page;
let union: { id: string; name: string };
let other: { id: string; name: string };
let threshold = 5;
const TINY_REGION = 'Isle of Tiree';
const HAND_REGION = 'Isle of Skye';

const shown = (n: number) => shownCount(n, threshold);
const chartTable = (p: Page, id: string, series?: string) => chartTableOf(p, id, threshold, series);
const sqlCounts = (sql: string, params: unknown[]) => sqlCountsOf(stack!, threshold, sql, params);
const sqlPartition = (sql: string, params: unknown[]) => sqlPartitionOf(stack!, threshold, sql, params);

const statValue = async (p: Page, id: string) => Number(await p.getAttribute(`[data-testid="${id}"] [data-value]`, 'data-value'));

function parseCsv(text: string): string[][] {
  const parser = new CsvParser(',');
  return [...parser.push(text.replace(/^\uFEFF/, '')), ...parser.end()].filter((r) => !isBlankRecord(r)).map((r) => r.fields);
}

async function download(p: Page, testId: string): Promise<{ name: string; records: string[][]; raw: string }> {
  const [file] = await Promise.all([p.waitForEvent('download'), p.click(`[data-testid="${testId}"]`)]);
  const raw = fs.readFileSync((await file.path())!, 'utf8');
  return { name: file.suggestedFilename(), records: parseCsv(raw), raw };
}

async function openDashboard(p: Page, query = '') {
  await p.goto(`${stack!.portalUrl}/orgs/${union.id}${query}`);
  await p.waitForSelector('[data-testid="insights-dashboard"]:not([aria-busy]) [data-testid="chart-by-status-table"]');
}

beforeAll(async () => {
  browser = await launchBrowser();
  if (!browser) {
    console.log('Chromium is not installed, so the portal insights tests did nothing (apt-get install -y chromium, or set CHROMIUM_PATH).');
    return;
  }
  stack = await startTestStack({ apps: ['portal'], unionMembers: 400, campaignMembers: 50 });
  [union] = await stack.query<{ id: string; name: string }>(`SELECT id, name FROM organisation WHERE name = $1`, [DEMO_USERS.clientViewer.organisation]);
  [other] = await stack.query<{ id: string; name: string }>(`SELECT id, name FROM organisation WHERE name = $1`, [DEMO_USERS.otherClientAdmin.organisation]);
  // Three members in a region of their own: a count that must never be shown.
  await stack.query(
    `INSERT INTO member (organisation_id, id, first_name, last_name, region, branch, status, joined_on, issues)
     SELECT $1, gen_random_uuid(), 'Tiny', 'Region ' || g, $2, 'Tiree', 'ACTIVE', current_date, '{}' FROM generate_series(1, 3) g`,
    [union.id, TINY_REGION],
  );
  // A region made by hand: 12 members who all joined this month, 6 active, 4 lapsed, 2 left this month.
  await stack.query(
    `INSERT INTO member (organisation_id, id, first_name, last_name, region, branch, status, joined_on, left_on, issues)
     SELECT $1, gen_random_uuid(), 'Skye', 'Member ' || g, $2, 'Portree',
            (CASE WHEN g <= 6 THEN 'ACTIVE' WHEN g <= 10 THEN 'LAPSED' ELSE 'LEFT' END)::member_status,
            current_date, CASE WHEN g > 10 THEN current_date END, ARRAY['ferries']
       FROM generate_series(1, 12) g`,
    [union.id, HAND_REGION],
  );
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', reducedMotion: 'reduce', acceptDownloads: true });
  page.setDefaultTimeout(60000);
  await signIn(page, stack.portalUrl!, DEMO_USERS.clientViewer.email, DEMO_USERS.clientViewer.password);
}, 300000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('portal insights (client viewer)', () => {
  it('shows its own organisation with the numbers SQL gives, small ones as "<threshold"', async () => {
    if (!browser) return;
    await openDashboard(page);
    threshold = Number(await page.getAttribute('[data-testid="insights-dashboard"]', 'data-threshold'));
    expect(threshold).toBe(5);
    expect(await page.textContent('[data-testid="org-name"]')).toBe(union.name);
    // A viewer reads the rule but cannot change it (insights:configure is for the client's admin and the agency).
    expect(await page.textContent('[data-testid="insights-rule"]')).toBe('Counts from 1 to 4 are shown as “<5” so no one can be identified.');
    expect(await page.locator('[data-testid="insights-settings"]').count()).toBe(0);

    const [{ n: total }] = await stack!.query<{ n: number }>('SELECT count(*)::int AS n FROM member WHERE organisation_id = $1', [union.id]);
    expect(await statValue(page, 'stat-total')).toBe(total);

    expect(await chartTable(page, 'by-status')).toEqual(
      await sqlPartition('SELECT status::text AS key, count(*)::int AS n FROM member WHERE organisation_id = $1 GROUP BY 1', [union.id]));

    // Every region ("" = not known) as SQL counts it, the tiny one withheld.
    const regions = await chartTable(page, 'by-region');
    expect(regions).toEqual(await sqlPartition(`SELECT COALESCE(region, '') AS key, count(*)::int AS n FROM member WHERE organisation_id = $1 GROUP BY 1`, [union.id]));
    expect(regions.get(TINY_REGION)).toBeNull();
    const tinyRow = page.locator(`[data-testid="chart-by-region-table"] tr[data-key="${TINY_REGION}"]`);
    expect((await tinyRow.locator('[data-testid="chart-value"]').textContent())?.trim()).toBe('<5');
    expect(await tinyRow.innerHTML()).not.toMatch(/data-value="3"|>3</);

    // Reach: a mobile with SMS consent; an email address with email consent.
    const [reach] = await stack!.query<{ sms: number; email: number }>(
      `SELECT count(*) FILTER (WHERE has_mobile AND sms_consent = 'GRANTED')::int AS sms,
              count(*) FILTER (WHERE email IS NOT NULL AND email_consent = 'GRANTED')::int AS email
         FROM member WHERE organisation_id = $1`, [union.id]);
    expect(await statValue(page, 'stat-sms')).toBe(reach.sms);
    expect(await statValue(page, 'stat-email')).toBe(reach.email);

    // Top issues: each shown as SQL counts it; nothing left out outranks them.
    const issues = await sqlCounts(
      `SELECT i AS key, count(*)::int AS n FROM member m, unnest(m.issues) AS i WHERE m.organisation_id = $1 GROUP BY i`, [union.id]);
    const top = await chartTable(page, 'top-issues');
    expect(top.size).toBe(Math.min(10, issues.size));
    for (const [key, n] of top) expect([key, n]).toEqual([key, issues.get(key)]);

    // Joiners and leavers: 24 months ending this month; the busiest month as SQL counts it.
    const joiners = await chartTable(page, 'joiners-leavers', 'joiners');
    expect(joiners.size).toBe(24);
    const [month, most] = [...joiners].sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))[0];
    const [sqlMonth] = await stack!.query<{ joiners: number; leavers: number }>(
      `SELECT (SELECT count(*)::int FROM member WHERE organisation_id = $1 AND to_char(joined_on, 'YYYY-MM') = $2) AS joiners,
              (SELECT count(*)::int FROM member WHERE organisation_id = $1 AND to_char(left_on, 'YYYY-MM') = $2) AS leavers`,
      [union.id, month]);
    expect(most).toBe(shown(sqlMonth.joiners));
    expect((await chartTable(page, 'joiners-leavers', 'leavers')).get(month)).toBe(shown(sqlMonth.leavers));

    for (const id of ['by-status', 'by-region', 'by-branch', 'membership-total', 'joiners-leavers', 'top-issues', 'sms-consent']) {
      await page.waitForSelector(`[data-testid="chart-${id}"] svg.recharts-surface`);
    }
    // Campaigns and actions: the campaign panel (campaigns.e2e.ts tests its figures), or its empty state.
    await page.waitForSelector('[data-testid="panel-campaigns"] [data-testid="campaigns-empty"], [data-testid="panel-campaigns"] [data-testid="campaigns-panel"]');
    await page.screenshot({ path: screenshotPath('portal-insights.png'), fullPage: true });
  });

  it('drills into a region: the filter is in the URL and every panel counts only that region', async () => {
    if (!browser) return;
    await openDashboard(page);
    const [{ region }] = await stack!.query<{ region: string }>(
      `SELECT region FROM member WHERE organisation_id = $1 AND region IS NOT NULL GROUP BY region ORDER BY count(*) DESC, region LIMIT 1`, [union.id]);
    await page.click(`[data-testid="chart-by-region-table"] tr[data-key="${region}"] [data-testid="chart-drill"]`);
    await page.waitForURL((url) => url.searchParams.get('region') === region);
    const [{ n }] = await stack!.query<{ n: number }>('SELECT count(*)::int AS n FROM member WHERE organisation_id = $1 AND region = $2', [union.id, region]);
    await page.waitForSelector(`[data-testid="insights-dashboard"]:not([aria-busy]) [data-testid="stat-total"] [data-value="${n}"]`);
    expect(await page.inputValue('[data-testid="filter-region"]')).toBe(region);
    expect(await chartTable(page, 'by-branch')).toEqual(await sqlPartition(
      `SELECT COALESCE(branch, '') AS key, count(*)::int AS n FROM member WHERE organisation_id = $1 AND region = $2 GROUP BY 1`,
      [union.id, region]));
    expect(await chartTable(page, 'by-status')).toEqual(await sqlPartition(
      'SELECT status::text AS key, count(*)::int AS n FROM member WHERE organisation_id = $1 AND region = $2 GROUP BY 1', [union.id, region]));

    // The URL alone brings the same view back (a bookmark, a link sent to a colleague).
    await openDashboard(page, `?region=${encodeURIComponent(region)}`);
    expect(await statValue(page, 'stat-total')).toBe(n);
    expect(await page.textContent('[data-testid="insights-scope"]')).toContain(region);
    await page.screenshot({ path: screenshotPath('portal-insights-region.png'), fullPage: true });

    // Clearing the filter goes back to everyone.
    await page.click('[data-testid="clear-filters"]');
    await page.waitForURL((url) => !url.searchParams.has('region'));

    // "Unknown" drills too: members with no region recorded (?region= with nothing after it).
    await page.waitForSelector('[data-testid="insights-dashboard"]:not([aria-busy]) [data-testid="chart-by-region-table"] tr[data-key=""] [data-testid="chart-drill"]');
    await page.click('[data-testid="chart-by-region-table"] tr[data-key=""] [data-testid="chart-drill"]');
    await page.waitForURL((url) => url.searchParams.get('region') === '');
    await page.waitForSelector('[data-testid="insights-dashboard"]:not([aria-busy]) [data-testid="insights-scope"]:has-text("no region recorded")');
    const [{ n: unknown }] = await stack!.query<{ n: number }>('SELECT count(*)::int AS n FROM member WHERE organisation_id = $1 AND region IS NULL', [union.id]);
    expect(unknown).toBeGreaterThan(0);
    if (shown(unknown) === null) expect(await page.textContent('[data-testid="stat-total"] [data-suppressed="true"]')).toBe('<5');
    else expect(await statValue(page, 'stat-total')).toBe(unknown);
    expect(await page.inputValue('[data-testid="filter-region"]')).toBe('__unknown__');
  });

  it('applies a date range from the filters: the months of the range, each as SQL counts it', async () => {
    if (!browser) return;
    await openDashboard(page);
    const [{ from, to, months }] = await stack!.query<{ from: string; to: string; months: string[] }>(
      `SELECT to_char(date_trunc('month', current_date) - interval '6 months', 'YYYY-MM-DD') AS from,
              to_char(date_trunc('month', current_date) - interval '1 day', 'YYYY-MM-DD') AS to,
              ARRAY(SELECT to_char(m, 'YYYY-MM') FROM generate_series(date_trunc('month', current_date) - interval '6 months',
                    date_trunc('month', current_date) - interval '1 month', interval '1 month') m) AS months`);
    await page.fill('[data-testid="filter-from"]', from);
    await page.fill('[data-testid="filter-to"]', to);
    await page.click('[data-testid="filter-apply"]');
    await page.waitForURL((url) => url.searchParams.get('from') === from && url.searchParams.get('to') === to);
    await page.waitForSelector('[data-testid="insights-dashboard"]:not([aria-busy]) [data-testid="chart-joiners-leavers-table"]');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="chart-joiners-leavers-table"] tbody tr').length === n, months.length);
    const joiners = await chartTable(page, 'joiners-leavers', 'joiners');
    const leavers = await chartTable(page, 'joiners-leavers', 'leavers');
    expect([...joiners.keys()]).toEqual(months);
    const sql = await stack!.query<{ month: string; joiners: number; leavers: number }>(
      `SELECT m AS month,
              (SELECT count(*)::int FROM member WHERE organisation_id = $1 AND to_char(joined_on, 'YYYY-MM') = m) AS joiners,
              (SELECT count(*)::int FROM member WHERE organisation_id = $1 AND to_char(left_on, 'YYYY-MM') = m) AS leavers
         FROM unnest($2::text[]) AS m`, [union.id, months]);
    for (const r of sql) {
      expect([r.month, joiners.get(r.month), leavers.get(r.month)]).toEqual([r.month, shown(r.joiners), shown(r.leavers)]);
    }
    expect(await page.textContent('[data-testid="insights-scope"]')).toBe(`${from} to ${to}`);

    // A start after the end: the API refuses it, and the page says so with a way out.
    await page.goto(`${stack!.portalUrl}/orgs/${union.id}?from=${to}&to=${from}`);
    await page.waitForSelector('[data-testid="error-state"]');
    expect(await page.textContent('[data-testid="error-code"]')).toBe('VALIDATION_FAILED');
    await page.click('[data-testid="clear-filters"]');
    await page.waitForSelector('[data-testid="insights-dashboard"] [data-testid="chart-by-status-table"]');
    expect(new URL(page.url()).search).toBe('');
  });

  it('shows exactly the figures of a region made by hand', async () => {
    if (!browser) return;
    await openDashboard(page, `?region=${encodeURIComponent(HAND_REGION)}`);
    expect(await statValue(page, 'stat-total')).toBe(12);
    expect(await statValue(page, 'stat-active')).toBe(6);
    // Lapsed (4) and left (2) are both small: withheld; two withheld cells cannot be told apart, so active stays shown.
    expect(await chartTable(page, 'by-status')).toEqual(new Map([['ACTIVE', 6], ['LAPSED', null], ['LEFT', null]]));
    expect(await chartTable(page, 'by-branch')).toEqual(new Map([['Portree', 12]]));
    const month = new Date().toISOString().slice(0, 7);
    expect((await chartTable(page, 'joiners-leavers', 'joiners')).get(month)).toBe(12);
    expect((await chartTable(page, 'joiners-leavers', 'leavers')).get(month)).toBeNull();
    expect((await chartTable(page, 'joiners-leavers', 'net')).get(month)).toBeNull();
    expect(await chartTable(page, 'top-issues')).toEqual(new Map([['ferries', 12]]));

    // A change shows at once (rollups, not a nightly batch): one more active member, and the page reloaded.
    await stack!.query(
      `INSERT INTO member (organisation_id, id, first_name, last_name, region, branch, status, joined_on, issues)
       VALUES ($1, gen_random_uuid(), 'Skye', 'Member 13', $2, 'Portree', 'ACTIVE', current_date, ARRAY['ferries'])`, [union.id, HAND_REGION]);
    await openDashboard(page, `?region=${encodeURIComponent(HAND_REGION)}`);
    expect(await statValue(page, 'stat-total')).toBe(13);
    expect(await chartTable(page, 'by-status')).toEqual(new Map([['ACTIVE', 7], ['LAPSED', null], ['LEFT', null]]));
    expect((await chartTable(page, 'joiners-leavers', 'joiners')).get(month)).toBe(13);

    // The tiny region: even its total is withheld.
    await openDashboard(page, `?region=${encodeURIComponent(TINY_REGION)}`);
    expect(await page.textContent('[data-testid="stat-total"] [data-suppressed="true"]')).toBe('<5');
    expect(await page.locator('[data-testid="stat-total"] [data-value]').count()).toBe(0);
  });

  it('downloads a panel as CSV with the numbers on screen and "<5" for the small cell', async () => {
    if (!browser) return;
    await openDashboard(page);
    const regions = await download(page, 'csv-region');
    expect(regions.name).toMatch(/members-by-region\.csv$/);
    expect(regions.raw).toMatch(/\r\n$/);
    expect(regions.records[0]).toEqual(['Region', 'Members']);
    const byName = new Map(regions.records.slice(1).map((r) => [r[0], r[1]]));
    expect(byName.get(TINY_REGION)).toBe('<5');
    const sqlRegions = await sqlPartition(`SELECT region AS key, count(*)::int AS n FROM member WHERE organisation_id = $1 AND region IS NOT NULL GROUP BY 1`, [union.id]);
    const onScreen = await chartTable(page, 'by-region');
    for (const [key, n] of onScreen) if (key !== '') expect([key, byName.get(key)]).toEqual([key, n === null ? '<5' : String(n)]);
    for (const key of sqlRegions.keys()) expect(byName.has(key)).toBe(true);

    const status = await download(page, 'csv-status');
    const sqlStatus = await sqlPartition('SELECT status::text AS key, count(*)::int AS n FROM member WHERE organisation_id = $1 GROUP BY 1', [union.id]);
    const shownStatus = await chartTable(page, 'by-status');
    expect(shownStatus).toEqual(sqlStatus);
    const csvCells = status.records.slice(1).filter((r) => r[0] !== 'Total').map((r) => r[1]).sort();
    expect(csvCells).toEqual([...shownStatus.values()].map((n) => (n === null ? '<5' : String(n))).sort());
    const [{ n: total }] = await stack!.query<{ n: number }>('SELECT count(*)::int AS n FROM member WHERE organisation_id = $1', [union.id]);
    expect(status.records.find((r) => r[0] === 'Total')).toEqual(['Total', String(total)]);
  });

  it('prints in one column without navigation, charts kept', async () => {
    if (!browser) return;
    await openDashboard(page);
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('.mu-header')).toBe(false);
    expect(await page.isVisible('[data-testid="csv-region"]')).toBe(false);
    expect(await page.isVisible('[data-testid="chart-by-region"] svg.recharts-surface')).toBe(true);
    const [a, b] = await Promise.all([page.locator('[data-testid="panel-status"]').boundingBox(), page.locator('[data-testid="panel-region"]').boundingBox()]);
    expect(b!.y).toBeGreaterThanOrEqual(a!.y + a!.height - 1);
    await page.screenshot({ path: screenshotPath('portal-insights-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
  });

  it("shows the not-found state for another client's dashboard, with no numbers", async () => {
    if (!browser) return;
    await page.goto(`${stack!.portalUrl}/orgs/${other.id}?region=${encodeURIComponent(TINY_REGION)}`);
    await page.waitForSelector('[data-testid="error-state"]');
    expect(await page.textContent('[data-testid="error-code"]')).toBe('NOT_FOUND');
    expect(await page.locator('[data-testid="insights-dashboard"]').count()).toBe(0);
    expect(await page.textContent('body')).not.toContain(other.name);
    await page.screenshot({ path: screenshotPath('portal-insights-not-found.png'), fullPage: true });
  });
});
