// The admin members journey in a real browser against the real API and a freshly seeded database:
// list → filter (URL, every row, total = SQL) → back/forward → search → open → edit (inline error, then a saved change
// checked in the database) → phone width. Screenshots go to the git-ignored screenshots/ folder.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_USERS, launchBrowser, screenshotPath, signIn, startTestStack, type SignInOutcome, type TestStack } from '@muster/devstack';

let stack: TestStack | undefined;
let browser: Browser | null = null;
let context: BrowserContext;
let page: Page;
let orgId = '';
let signedIn: SignInOutcome = 'auth-unavailable';

const count = async (sql: string, params: unknown[]) => Number((await stack!.query<{ n: string }>(sql, params))[0].n);

/** Waits until the page header shows `expected` members; on timeout says what it showed instead. */
async function expectTotal(p: Page, expected: number) {
  try {
    await p.waitForSelector(`[data-testid="members-total"][data-value="${expected}"]`, { timeout: 60000 });
  } catch {
    const shown = await p.getAttribute('[data-testid="members-total"]', 'data-value').catch(() => 'nothing');
    const logs = stack!.apiLogs().filter((l) => !l.includes('"level":30')).slice(-5).join('\n');
    throw new Error(`expected the list to show ${expected} members, it shows ${shown} (at ${p.url()})\nAPI warnings and errors:\n${logs}`);
  }
  await p.waitForSelector('.mu-table-wrap:not([aria-busy])');
}

async function column(p: Page, name: string): Promise<string[]> {
  return p.$$eval(`[data-testid="member-row"] td[data-column="${name}"] [data-value]`, (els) => els.map((e) => e.getAttribute('data-value') ?? ''));
}

beforeAll(async () => {
  browser = await launchBrowser();
  if (!browser) {
    console.log('Chromium is not installed, so the admin browser tests did nothing (apt-get install -y chromium, or set CHROMIUM_PATH).');
    return;
  }
  stack = await startTestStack({ apps: ['admin'], unionMembers: 400, campaignMembers: 50 });
  const [org] = await stack.query<{ id: string }>(
    `SELECT o.id FROM organisation o WHERE o.kind = 'CLIENT'
      ORDER BY (SELECT count(*) FROM member m WHERE m.organisation_id = o.id) DESC, o.id LIMIT 1`,
  );
  orgId = org.id;
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', reducedMotion: 'reduce' });
  // Generous: npm test runs two packages' tests at once on a two-core machine.
  context.setDefaultTimeout(60000);
  page = await context.newPage();
  // An agency admin reaches every client; against an API without sign-in this finds the page says so and goes on.
  signedIn = await signIn(page, stack.adminUrl!, DEMO_USERS.agencyAdmin.email, DEMO_USERS.agencyAdmin.password);
}, 300000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('admin members', () => {
  let region = '';
  let filteredUrl = '';
  let member: { id: string; first_name: string; last_name: string };

  it('opens on a client organisation and lists its members with the right total', async () => {
    if (!browser) return;
    await page.goto(`${stack!.adminUrl}/`);
    await page.waitForURL(/\/orgs\/[^/]+\/members$/);
    await page.goto(`${stack!.adminUrl}/orgs/${orgId}/members`);
    await expectTotal(page, await count('SELECT count(*) AS n FROM member WHERE organisation_id = $1', [orgId]));
    expect(await page.locator('[data-testid="member-row"]').count()).toBe(50);
    if (signedIn === 'signed-in') {
      expect(await page.locator('[data-testid="dev-note"]').count()).toBe(0);
      expect(await page.textContent('[data-testid="account-email"]')).toBe(DEMO_USERS.agencyAdmin.email);
    } else {
      await expect(page.locator('[data-testid="dev-note"]').textContent()).resolves.toMatch(/no sign-in yet/);
    }
    await page.screenshot({ path: screenshotPath('admin-members-list.png'), fullPage: true });
  });

  it('filters by region and status: in the URL, on every row, and matching SQL', async () => {
    if (!browser) return;
    [{ region }] = await stack!.query<{ region: string }>(
      `SELECT region FROM member WHERE organisation_id = $1 AND status = 'ACTIVE' AND region IS NOT NULL
        GROUP BY region ORDER BY count(*) DESC, region LIMIT 1`,
      [orgId],
    );
    await page.waitForSelector(`[data-testid="filter-region"] option[value="${region}"]`, { state: 'attached' });
    await page.selectOption('[data-testid="filter-region"]', region);
    await page.waitForURL((u) => u.searchParams.get('region') === region);
    await expectTotal(page, await count('SELECT count(*) AS n FROM member WHERE organisation_id = $1 AND region = $2', [orgId, region]));

    await page.selectOption('[data-testid="filter-status"]', 'ACTIVE');
    await page.waitForURL((u) => u.searchParams.get('status') === 'ACTIVE' && u.searchParams.get('region') === region);
    const expected = await count(`SELECT count(*) AS n FROM member WHERE organisation_id = $1 AND region = $2 AND status = 'ACTIVE'`, [orgId, region]);
    expect(expected).toBeGreaterThan(0);
    await expectTotal(page, expected);

    const regions = await column(page, 'region');
    const statuses = await column(page, 'status');
    expect(regions.length).toBe(Math.min(expected, 50));
    expect(new Set(regions)).toEqual(new Set([region]));
    expect(new Set(statuses)).toEqual(new Set(['ACTIVE']));
    filteredUrl = page.url();
    await page.screenshot({ path: screenshotPath('admin-members-filtered.png'), fullPage: true });

    // Back undoes the last filter; forward restores it.
    await page.goBack();
    await page.waitForURL((u) => !u.searchParams.has('status') && u.searchParams.get('region') === region);
    await expectTotal(page, await count('SELECT count(*) AS n FROM member WHERE organisation_id = $1 AND region = $2', [orgId, region]));
    await page.goForward();
    await page.waitForURL(filteredUrl);
    await expectTotal(page, expected);

    // The link alone reproduces the view in a fresh tab.
    const other = await context.newPage();
    await other.goto(filteredUrl);
    await expectTotal(other, expected);
    expect(await other.inputValue('[data-testid="filter-status"]')).toBe('ACTIVE');
    await other.close();
  });

  it('searches by name within the filters', async () => {
    if (!browser) return;
    [member] = await stack!.query<{ id: string; first_name: string; last_name: string }>(
      `SELECT id, first_name, last_name FROM member
        WHERE organisation_id = $1 AND region = $2 AND status = 'ACTIVE' AND first_name !~ '[^A-Za-z]' AND last_name !~ '[^A-Za-z]'
        ORDER BY id LIMIT 1`,
      [orgId, region],
    );
    const term = `${member.first_name} ${member.last_name}`;
    await page.fill('input[type="search"]', term);
    await page.press('input[type="search"]', 'Enter');
    await page.waitForURL((u) => u.searchParams.get('q') === term && u.searchParams.get('region') === region);
    await expectTotal(
      page,
      await count(
        `SELECT count(*) AS n FROM member WHERE organisation_id = $1 AND region = $2 AND status = 'ACTIVE'
           AND lower(first_name) LIKE lower($3) || '%' AND lower(last_name) LIKE lower($4) || '%'`,
        [orgId, region, member.first_name, member.last_name],
      ),
    );
    const names = await page.$$eval('[data-testid="member-link"]', (els) => els.map((e) => e.textContent ?? ''));
    for (const name of names) expect(name.toLowerCase()).toContain(member.last_name.toLowerCase());
  });

  it('opens a member, rejects a bad phone inline, then saves a good one to the database', async () => {
    if (!browser) return;
    await page.click(`[data-testid="member-link"][href$="/members/${member.id}"]`);
    await page.waitForURL(`**/orgs/${orgId}/members/${member.id}`);
    await page.waitForSelector(`[data-testid="member-name"]:has-text("${member.first_name} ${member.last_name}")`);
    await page.screenshot({ path: screenshotPath('admin-member-detail.png'), fullPage: true });

    await page.click('[data-testid="edit-member"]');
    await page.waitForURL(`**/members/${member.id}/edit`);
    const phone = page.locator('[data-testid="field-phones-0"]');
    await phone.fill('12345');
    await page.click('[data-testid="save-member"]');
    await page.waitForSelector('[data-testid="field-phones-0"][aria-invalid="true"]');
    const errorId = (await phone.getAttribute('aria-describedby'))!.split(' ').find((id) => id.endsWith('-error'))!;
    expect(await page.locator(`[id="${errorId}"]`).textContent()).toMatch(/phone/i);
    expect(page.url()).toMatch(/\/edit$/);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: screenshotPath('admin-member-edit-error.png'), fullPage: true });

    await phone.fill('07700 900461');
    await page.waitForSelector('[data-testid="field-phones-0"]:not([aria-invalid])');
    await page.click('[data-testid="save-member"]');
    await page.waitForURL(`**/orgs/${orgId}/members/${member.id}`);
    const toast = await page.waitForSelector('[data-testid="toast"]');
    expect(await toast.textContent()).toMatch(/Saved .*Changed phone/);
    await page.waitForSelector('[data-testid="member-phone"][data-e164="+447700900461"]:has-text("07700 900461")');
    await page.screenshot({ path: screenshotPath('admin-member-saved.png'), fullPage: true });

    const phones = await stack!.query<{ e164: string; is_primary: boolean }>(
      'SELECT e164, is_primary FROM member_phone WHERE organisation_id = $1 AND member_id = $2 ORDER BY position',
      [orgId, member.id],
    );
    expect(phones[0]).toEqual({ e164: '+447700900461', is_primary: true });
  });

  it('is usable at phone width (390px): cards, no sideways scrolling, menu', async () => {
    if (!browser) return;
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'en-GB', reducedMotion: 'reduce' });
    phone.setDefaultTimeout(60000);
    const p = await phone.newPage();
    // A new context has no session: sign in there, straight back to the filtered list.
    const target = new URL(filteredUrl);
    await signIn(p, stack!.adminUrl!, DEMO_USERS.agencyAdmin.email, DEMO_USERS.agencyAdmin.password, `${target.pathname}${target.search}`);
    await p.goto(filteredUrl);
    await p.waitForSelector('[data-testid="member-row"]');
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // Rows are laid out as cards: the header row is hidden and each row is a grid.
    expect(await p.$eval('[data-testid="member-row"]', (tr) => getComputedStyle(tr).display)).toBe('grid');
    expect(await p.isVisible('button[aria-controls="mu-primary-nav"]')).toBe(true);
    await p.screenshot({ path: screenshotPath('admin-members-phone.png'), fullPage: false });
    await p.click('[data-testid="member-link"]');
    await p.waitForSelector('[data-testid="member-name"]');
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await p.screenshot({ path: screenshotPath('admin-member-detail-phone.png'), fullPage: true });
    await phone.close();
  });

  it('designs the empty and error states: clear filters, and the API error code with its request id', async () => {
    if (!browser) return;
    await page.goto(`${stack!.adminUrl}/orgs/${orgId}/members?region=${encodeURIComponent(region)}&q=zzzqqq`);
    await page.waitForSelector('[data-testid="empty-state"]:has-text("No members match these filters")');
    await page.click('[data-testid="empty-clear-filters"]');
    await page.waitForURL((u) => u.search === '');
    await expectTotal(page, await count('SELECT count(*) AS n FROM member WHERE organisation_id = $1', [orgId]));

    await page.goto(`${stack!.adminUrl}/orgs/${orgId}/members/00000000-0000-7000-8000-00000000dead`);
    await page.waitForSelector('[data-testid="error-state"]');
    expect(await page.textContent('[data-testid="error-code"]')).toBe('NOT_FOUND');
    expect(await page.textContent('[data-testid="error-request-id"]')).toMatch(/\S{8,}/);
    await page.screenshot({ path: screenshotPath('admin-member-not-found.png') });
  });
});
