// The member import journey in a real browser against the real API (issue 4): upload a real CSV through the file
// picker → detected format and preview → map (suggestions, a saved mapping) → options → dry run (counts, samples,
// rejects download) → import with the live progress view until the report → the members are in the list and the
// database, with no duplicates; the same file again changes nothing; a big import is cancelled through the keyboard-
// usable confirmation; the history filters by status. Needs the import API (branch issue4-import): without it, says so
// and does nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_USERS, apiHasAuth, launchBrowser, screenshotPath, signIn, startTestStack, type TestStack } from '@muster/devstack';
import { apiHasField, parseCsv } from './support';

let stack: TestStack | undefined;
let browser: Browser | null = null;
let context: BrowserContext;
let page: Page;
let enabled = false;
let orgId = '';
let dir = '';
let existing: { id: string; membership_number: string; branch: string; first_name: string; last_name: string };

const BULK_ROWS = 20000;

const count = async (sql: string, params: unknown[] = []) => Number((await stack!.query<{ n: string }>(sql, params))[0].n);

async function downloadText(p: Page, selector: string): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([p.waitForEvent('download'), p.click(selector)]);
  const file = await download.path();
  return { name: download.suggestedFilename(), text: fs.readFileSync(file!, 'utf8') };
}

async function valueOf(p: Page, testId: string): Promise<number> {
  return Number(await p.getAttribute(`[data-testid="${testId}"]`, 'data-value'));
}

/** Uploads a file through the picker and waits for its import page. */
async function upload(p: Page, file: string): Promise<string> {
  await p.goto(`${stack!.adminUrl}/orgs/${orgId}/imports`);
  await p.setInputFiles('[data-testid="import-file-input"]', file);
  await p.waitForURL(new RegExp(`/orgs/${orgId}/imports/[^/?]+$`));
  await p.waitForSelector('[data-testid="mapping-editor"]');
  return p.url().split('/').pop()!;
}

/** Runs the dry run and waits for its counts (the page polls while it runs). */
async function dryRun(p: Page) {
  await p.click('[data-testid="start-dry-run"]');
  await p.waitForSelector('[data-testid="dry-run-counts"]', { timeout: 120000 });
}

/** The suggested field of every column, by header. */
async function mapping(p: Page): Promise<Record<string, string>> {
  const rows = await p.$$eval('[data-testid="mapping-row"]', (els) => els.map((e) => [e.getAttribute('data-header') ?? '', e.getAttribute('data-field') ?? '']));
  return Object.fromEntries(rows);
}

async function mapColumn(p: Page, header: string, field: string) {
  await p.selectOption(`[data-testid="mapping-row"][data-header="${header}"] select`, field);
  await p.waitForSelector(`[data-testid="mapping-row"][data-header="${header}"][data-field="${field}"]`);
}

beforeAll(async () => {
  browser = await launchBrowser();
  if (!browser) {
    console.log('Chromium is not installed, so the admin import tests did nothing (apt-get install -y chromium, or set CHROMIUM_PATH).');
    return;
  }
  stack = await startTestStack({ apps: ['admin'], unionMembers: 300, campaignMembers: 30 });
  enabled = (await apiHasAuth(stack.apiUrl)) && (await apiHasField(stack.apiUrl, '{ memberImport(id: "0") { id } }', 'memberImport'));
  if (!enabled) throw new Error('The built API has no member import: the admin import tests cannot run.');
  [{ id: orgId }] = await stack.query<{ id: string }>(`SELECT id FROM organisation WHERE name = $1`, [DEMO_USERS.clientAdmin.organisation]);
  [existing] = await stack.query<typeof existing>(
    `SELECT id, membership_number, branch, first_name, last_name FROM member
      WHERE organisation_id = $1 AND membership_number IS NOT NULL AND branch IS NOT NULL ORDER BY id LIMIT 1`,
    [orgId],
  );
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'muster-import-e2e-'));
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', reducedMotion: 'reduce', acceptDownloads: true });
  context.setDefaultTimeout(60000);
  page = await context.newPage();
  // An organiser: the role that runs imports day to day (member:import, not user management).
  await signIn(page, stack.adminUrl!, DEMO_USERS.organiser.email, DEMO_USERS.organiser.password);
}, 300000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('admin imports', () => {
  let file = '';
  const newcomers = [
    { no: 'E2E-0001', first: 'Siân', last: 'Dún', email: 'sian.dun@example.org', mobile: '07700 900001', postcode: 'cf10 1aa' },
    { no: 'E2E-0002', first: 'Grace', last: 'Hopper', email: 'GRACE.HOPPER@example.org', mobile: '+44 7700 900002', postcode: 'SW1A 2AA' },
    { no: 'E2E-0003', first: 'Kwame', last: 'Mensah', email: 'kwame@example.org', mobile: '0044 7700 900003', postcode: 'M1 1AE' },
    { no: 'E2E-0004', first: 'Ada', last: 'O’Neill, Jr', email: 'ada.oneill@example.org', mobile: 'not a phone', postcode: 'EH1 1YZ' },
  ];

  it('uploads a CSV through the file picker and shows what it detected, with a preview and suggested mapping', async () => {
    if (!enabled) return;
    const lines = ['Membership No,Forename,Surname,Email,Mobile Tel,Post Code,Branch,Notes'];
    for (const n of newcomers) lines.push([n.no, n.first, `"${n.last}"`, n.email, n.mobile, n.postcode, 'E2E Branch', '"said ""hello"", twice"'].join(','));
    // An existing member by membership number: updated, but its branch kept ("don't overwrite" below).
    lines.push([existing.membership_number, existing.first_name, existing.last_name, 'second.address@example.org', '', '', 'Overwritten Branch', ''].join(','));
    // Nothing that could be a member: rejected with a reason.
    lines.push(',,,,,,E2E Branch,orphan row');
    lines.push('');
    for (let i = 0; i < BULK_ROWS; i++) lines.push(`E2E-B${String(i).padStart(6, '0')},Bulk,Member${i},bulk${i}@example.org,,,,`);
    file = path.join(dir, 'members-export.csv');
    fs.writeFileSync(file, lines.join('\r\n') + '\r\n');

    const id = await upload(page, file);
    expect(id).toBeTruthy();
    expect(await page.getAttribute('[data-testid="detected-delimiter"]', 'data-value')).toBe(',');
    expect(await page.getAttribute('[data-testid="detected-header"]', 'data-value')).toBe('true');
    expect(await page.textContent('[data-testid="import-preview"]')).toContain('Siân');
    const suggested = await mapping(page);
    expect(suggested).toMatchObject({ 'Membership No': 'MEMBERSHIP_NUMBER', Forename: 'FIRST_NAME', Surname: 'LAST_NAME', Email: 'EMAIL', 'Post Code': 'POSTCODE', Branch: 'BRANCH' });
    expect(['MOBILE', 'PHONE']).toContain(suggested['Mobile Tel']);
    await page.screenshot({ path: screenshotPath('admin-import-mapping.png'), fullPage: true });
  });

  it('maps, saves the mapping, sets the options and dry-runs: counts, samples and the rejected rows file', async () => {
    if (!enabled) return;
    await mapColumn(page, 'Mobile Tel', 'MOBILE');
    await mapColumn(page, 'Notes', 'IGNORE');
    await page.fill('[data-testid="mapping-name"]', 'E2E union export');
    await page.click('[data-testid="save-mapping"]');
    await page.waitForSelector('[data-testid="saved-mapping-select"] option:has-text("E2E union export")', { state: 'attached' });
    await page.check('[data-testid="keep-existing-BRANCH"]');

    await dryRun(page);
    expect(await valueOf(page, 'dry-run-counts-created')).toBe(newcomers.length + BULK_ROWS);
    expect(await valueOf(page, 'dry-run-counts-updated')).toBe(1);
    expect(await valueOf(page, 'dry-run-counts-rejected')).toBe(1);
    await page.waitForSelector('[data-testid="samples-REJECTED"] [data-testid="sample-row"]');
    await page.waitForSelector('[data-testid="samples-CREATED"] [data-testid="sample-row"]');
    // Nothing written yet.
    expect(await count('SELECT count(*) AS n FROM member WHERE organisation_id = $1 AND membership_number LIKE $2', [orgId, 'E2E-%'])).toBe(0);

    const rejects = await downloadText(page, '[data-testid="dry-run-rejects-download"]');
    const records = parseCsv(rejects.text);
    expect(records[0]).toEqual(expect.arrayContaining(['row_number', 'reason']));
    expect(records).toHaveLength(2);
    expect(records[1].join(',')).toContain('orphan row');
    await page.screenshot({ path: screenshotPath('admin-import-dry-run.png'), fullPage: true });
  });

  it('imports with a live progress view until the report, and the members are in the list and the database once each', async () => {
    if (!enabled) return;
    await page.click('[data-testid="start-import"]');
    // The running view or (for a fast machine) straight to the report; the report must follow either way.
    await page.waitForSelector('[data-testid="import-progress"], [data-testid="import-report"]');
    const sawProgress = (await page.locator('[data-testid="import-progress"]').count()) > 0;
    if (sawProgress) {
      const max = Number(await page.getAttribute('[data-testid="import-progress-bar"] [role="progressbar"]', 'data-max').catch(() => '0'));
      // The total is the file's data rows (the blank line may or may not count); 0 while still counting.
      if (max) expect(max).toBeGreaterThanOrEqual(newcomers.length + BULK_ROWS + 2);
      await page.screenshot({ path: screenshotPath('admin-import-progress.png'), fullPage: true });
    }
    await page.waitForSelector('[data-testid="import-report"]', { timeout: 180000 });
    expect(await page.getAttribute('[data-testid="import-status"]', 'data-value')).toBe('COMPLETED');
    expect(await valueOf(page, 'report-counts-created')).toBe(newcomers.length + BULK_ROWS);
    expect(await valueOf(page, 'report-counts-updated')).toBe(1);
    expect(await valueOf(page, 'report-counts-rejected')).toBe(1);
    expect(await page.textContent('[data-testid="report-created-by"]')).toContain(DEMO_USERS.organiser.email);
    await page.screenshot({ path: screenshotPath('admin-import-report.png'), fullPage: true });

    // In the database: every newcomer once, normalised; the existing member updated in place with its branch kept.
    expect(await count('SELECT count(*) AS n FROM member WHERE organisation_id = $1 AND membership_number LIKE $2', [orgId, 'E2E-%'])).toBe(newcomers.length + BULK_ROWS);
    const [sian] = await stack!.query<{ id: string; first_name: string; postcode: string }>(
      `SELECT id, first_name, postcode FROM member WHERE organisation_id = $1 AND membership_number = 'E2E-0001'`,
      [orgId],
    );
    expect(sian).toMatchObject({ first_name: 'Siân', postcode: 'CF10 1AA' });
    expect(await count(`SELECT count(*) AS n FROM member_phone WHERE organisation_id = $1 AND member_id = $2 AND e164 = '+447700900001'`, [orgId, sian.id])).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM member_email WHERE organisation_id = $1 AND address = 'grace.hopper@example.org'`, [orgId])).toBe(1);
    const [kept] = await stack!.query<{ branch: string; n: string }>(
      `SELECT branch, (SELECT count(*) FROM member WHERE organisation_id = $1 AND membership_number = $2) AS n FROM member WHERE id = $3`,
      [orgId, existing.membership_number, existing.id],
    );
    expect(kept).toEqual({ branch: existing.branch, n: '1' });
    expect(await count(`SELECT count(*) AS n FROM member_email WHERE organisation_id = $1 AND member_id = $2 AND address = 'second.address@example.org'`, [orgId, existing.id])).toBe(1);

    // In the app: "View members", then the list finds them.
    await page.click('[data-testid="view-members"]');
    await page.waitForURL(`**/orgs/${orgId}/members`);
    await page.waitForSelector(`[data-testid="members-total"][data-value="${await count('SELECT count(*) AS n FROM member WHERE organisation_id = $1', [orgId])}"]`);
    await page.fill('input[type="search"]', 'sian.dun@example.org');
    await page.press('input[type="search"]', 'Enter');
    await page.waitForSelector(`[data-testid="member-link"][href$="/members/${sian.id}"]`);
  });

  it('imports the same file again, dropped onto the page, without changing anyone, using the saved mapping', async () => {
    if (!enabled) return;
    const before = await count('SELECT count(*) AS n FROM member WHERE organisation_id = $1', [orgId]);
    await page.goto(`${stack!.adminUrl}/orgs/${orgId}/imports`);
    // Drag and drop: the drop event carries the file as a browser DataTransfer, as a real drag from the desktop does.
    const dataTransfer = await page.evaluateHandle(
      ({ text, name }) => {
        const dt = new DataTransfer();
        dt.items.add(new File([text], name, { type: 'text/csv' }));
        return dt;
      },
      { text: fs.readFileSync(file, 'utf8'), name: path.basename(file) },
    );
    await page.dispatchEvent('[data-testid="import-drop-zone"]', 'dragenter', { dataTransfer });
    await page.dispatchEvent('[data-testid="import-drop-zone"]', 'drop', { dataTransfer });
    await page.waitForURL(new RegExp(`/orgs/${orgId}/imports/[^/?]+$`));
    await page.waitForSelector('[data-testid="mapping-editor"]');
    await page.selectOption('[data-testid="saved-mapping-select"]', { label: 'E2E union export' });
    await page.click('[data-testid="apply-mapping"]');
    await page.waitForSelector('[data-testid="mapping-row"][data-header="Notes"][data-field="IGNORE"]');
    expect((await mapping(page))['Mobile Tel']).toBe('MOBILE');
    // Options belong to each import, not to the saved mapping: the same as the first time.
    await page.check('[data-testid="keep-existing-BRANCH"]');
    await dryRun(page);
    expect(await valueOf(page, 'dry-run-counts-created')).toBe(0);
    expect(await valueOf(page, 'dry-run-counts-updated')).toBe(0);
    expect(await valueOf(page, 'dry-run-counts-unchanged')).toBe(newcomers.length + BULK_ROWS + 1);
    await page.click('[data-testid="start-import"]');
    await page.waitForSelector('[data-testid="import-report"]', { timeout: 180000 });
    expect(await valueOf(page, 'report-counts-created')).toBe(0);
    expect(await count('SELECT count(*) AS n FROM member WHERE organisation_id = $1', [orgId])).toBe(before);
  });

  it('cancels a running import after a confirmation that Escape dismisses', async () => {
    if (!enabled) return;
    const big = path.join(dir, 'big.csv');
    const out = fs.createWriteStream(big);
    out.write('Membership No;Forename;Surname;Email\n');
    for (let i = 0; i < 200000; i++) out.write(`E2E-C${String(i).padStart(7, '0')};Cancel;Member${i};cancel${i}@example.org\n`);
    await new Promise<void>((resolve) => out.end(resolve));

    await upload(page, big);
    expect(await page.getAttribute('[data-testid="detected-delimiter"]', 'data-value')).toBe(';');
    await dryRun(page);
    await page.click('[data-testid="start-import"]');
    await page.waitForSelector('[data-testid="import-progress"] [data-testid="cancel-import"]:not([disabled])');
    await page.click('[data-testid="cancel-import"]');
    await page.waitForSelector('dialog[open]');
    // The keyboard way out: Escape closes the question and the import goes on.
    await page.keyboard.press('Escape');
    await page.waitForSelector('dialog[open]', { state: 'detached' });
    expect(await page.getAttribute('[data-testid="import-status"]', 'data-value')).not.toBe('CANCELLING');
    await page.click('[data-testid="cancel-import"]');
    await page.waitForSelector('dialog[open]');
    await page.click('dialog[open] button:has-text("Cancel import")');
    await page.waitForSelector('[data-testid="import-report"]', { timeout: 180000 });
    expect(await page.getAttribute('[data-testid="import-status"]', 'data-value')).toBe('CANCELLED');
    const done = await count('SELECT count(*) AS n FROM member WHERE organisation_id = $1 AND membership_number LIKE $2', [orgId, 'E2E-C%']);
    expect(done).toBeLessThan(200000);
    await page.screenshot({ path: screenshotPath('admin-import-cancelled.png'), fullPage: true });
  });

  it('says why a file was not uploaded', async () => {
    if (!enabled) return;
    const empty = path.join(dir, 'empty.csv');
    fs.writeFileSync(empty, '');
    await page.goto(`${stack!.adminUrl}/orgs/${orgId}/imports`);
    await page.setInputFiles('[data-testid="import-file-input"]', empty);
    expect(await page.getAttribute('[data-testid="upload-error"]', 'data-code')).toBe('FILE_EMPTY');
    await page.screenshot({ path: screenshotPath('admin-import-upload-error.png'), fullPage: true });
  });

  it('lists the history, filters it by status, and opens an import’s report', async () => {
    if (!enabled) return;
    await page.goto(`${stack!.adminUrl}/orgs/${orgId}/imports`);
    await page.waitForSelector('[data-testid="import-row"]');
    expect(await page.locator('[data-testid="import-row"]').count()).toBe(3);
    await page.selectOption('[data-testid="imports-status-filter"]', 'completed');
    await page.waitForURL((u) => u.searchParams.get('status') === 'completed');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="import-row"]').length === 2);
    const statuses = await page.$$eval('[data-testid="import-row"] [data-testid="import-status"]', (els) => els.map((e) => e.getAttribute('data-value')));
    expect(new Set(statuses)).toEqual(new Set(['COMPLETED']));
    await page.click('[data-testid="import-link"] >> nth=0');
    await page.waitForSelector('[data-testid="import-report"]');
    await page.screenshot({ path: screenshotPath('admin-import-history.png'), fullPage: true });
  });

  it('shows imports only to roles that may import', async () => {
    if (!enabled) return;
    const other = await browser!.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    try {
      const p = await other.newPage();
      p.setDefaultTimeout(60000);
      await signIn(p, stack!.adminUrl!, DEMO_USERS.volunteer.email, DEMO_USERS.volunteer.password);
      // The navigation is built from the capabilities, so once it shows they have arrived.
      await p.waitForSelector('nav[aria-label="Main"] a:has-text("My contacts")');
      expect(await p.locator('nav[aria-label="Main"] a:has-text("Imports")').count()).toBe(0);
      await p.goto(`${stack!.adminUrl}/orgs/${orgId}/imports`);
      await p.waitForSelector('[data-testid="no-capability"]');
    } finally {
      await other.close();
    }
  });
});
