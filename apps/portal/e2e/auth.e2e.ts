// Sign-in and access in the client portal, in a real browser against the real API: a client viewer sees the
// dashboard but nothing else; a client admin manages users and keys and never sees another client in the switcher;
// an agency user is sent to the admin app; a wrong password is refused. Needs an API with sign-in: against one
// without, it says so and does nothing.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_USERS, apiHasAuth, launchBrowser, screenshotPath, signIn, startTestStack, type DemoUser, type TestStack } from '@muster/devstack';

let stack: TestStack | undefined;
let browser: Browser | null = null;
let enabled = false;
const contexts: BrowserContext[] = [];

async function newPage(width = 1280): Promise<Page> {
  const context = await browser!.newContext({ viewport: { width, height: 900 }, locale: 'en-GB', reducedMotion: 'reduce' });
  context.setDefaultTimeout(60000);
  contexts.push(context);
  return context.newPage();
}

async function signedIn(user: DemoUser, width?: number): Promise<Page> {
  const page = await newPage(width);
  await signIn(page, stack!.portalUrl!, user.email, user.password);
  return page;
}

async function navLabels(page: Page, first: string): Promise<string[]> {
  await page.waitForSelector(`nav[aria-label="Main"] a:has-text("${first}")`);
  return page.$$eval('nav[aria-label="Main"] a', (as) => as.map((a) => a.textContent?.trim() ?? ''));
}

async function orgIdOf(name: string): Promise<string> {
  return (await stack!.query<{ id: string }>('SELECT id FROM organisation WHERE name = $1', [name]))[0].id;
}

beforeAll(async () => {
  browser = await launchBrowser();
  if (!browser) {
    console.log('Chromium is not installed, so the portal sign-in tests did nothing (apt-get install -y chromium, or set CHROMIUM_PATH).');
    return;
  }
  stack = await startTestStack({ apps: ['portal'], unionMembers: 400, campaignMembers: 50 });
  enabled = await apiHasAuth(stack.apiUrl);
  if (!enabled) console.log('The built API has no sign-in yet, so the portal sign-in tests did nothing.');
}, 300000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await stack?.stop();
});

describe('portal sign-in and access', () => {
  it('refuses a wrong password with a clear message', async () => {
    if (!enabled) return;
    const page = await newPage(390);
    await page.goto(`${stack!.portalUrl}/`);
    await page.waitForURL((u) => u.pathname === '/sign-in');
    await page.fill('[data-testid="sign-in-email"]', DEMO_USERS.clientViewer.email);
    await page.fill('[data-testid="sign-in-password"]', 'wrong-password-here');
    await page.click('[data-testid="sign-in-submit"]');
    await page.waitForSelector('[data-testid="sign-in-error"][data-code="INVALID_CREDENTIALS"]');
    await page.screenshot({ path: screenshotPath('portal-sign-in-wrong-password-phone.png'), fullPage: true });
  });

  it('client viewer: the dashboard, and no users, keys or members', async () => {
    if (!enabled) return;
    const unionId = await orgIdOf(DEMO_USERS.clientViewer.organisation);
    const page = await signedIn(DEMO_USERS.clientViewer);
    await page.waitForURL(`${stack!.portalUrl}/orgs/${unionId}`);
    await page.waitForSelector('[data-testid="chart-by-status-table"]');
    expect(await navLabels(page, 'Membership')).toEqual(['Membership']);
    expect(await page.locator('a[href*="/members"]').count()).toBe(0);
    // Screens the role cannot use are refused by the API even when typed in.
    await page.goto(`${stack!.portalUrl}/orgs/${unionId}/api-keys`);
    await page.waitForSelector('[data-testid="error-code"]');
    expect(await page.textContent('[data-testid="error-code"]')).toMatch(/FORBIDDEN|NOT_FOUND/);
    await page.screenshot({ path: screenshotPath('portal-client-viewer.png'), fullPage: true });
  });

  it('client admin: users and API keys, and only their own organisation in the switcher', async () => {
    if (!enabled) return;
    const unionId = await orgIdOf(DEMO_USERS.clientAdmin.organisation);
    const otherId = await orgIdOf(DEMO_USERS.otherClientAdmin.organisation);
    const page = await signedIn(DEMO_USERS.clientAdmin);
    await page.waitForURL(`${stack!.portalUrl}/orgs/${unionId}`);
    expect(await navLabels(page, 'API keys')).toEqual(['Membership', 'Users', 'API keys']);
    const options = await page.$$eval('[data-testid="org-switcher"] option', (os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(options).toContain(unionId);
    expect(options).not.toContain(otherId);
    // Another client's dashboard does not exist for them.
    await page.goto(`${stack!.portalUrl}/orgs/${otherId}`);
    await page.waitForSelector('[data-testid="error-code"]');
    expect(await page.textContent('[data-testid="error-code"]')).toBe('NOT_FOUND');

    // Users: the people of the union, with client roles only on offer.
    await page.goto(`${stack!.portalUrl}/orgs/${unionId}/users`);
    await page.locator('[data-testid="user-row"]', { hasText: DEMO_USERS.clientViewer.email }).waitFor();
    const roles = await page.$$eval('[data-testid="invite-role"] option', (os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(roles.sort()).toEqual(['CLIENT_ADMIN', 'CLIENT_VIEWER']);
    await page.screenshot({ path: screenshotPath('portal-users.png'), fullPage: true });
  });

  it('an agency user is sent to the admin app', async () => {
    if (!enabled) return;
    const page = await signedIn(DEMO_USERS.agencyAdmin);
    await page.waitForSelector('[data-testid="wrong-app"]');
    expect(await page.textContent('[data-testid="wrong-app"]')).toMatch(/agency account/);
    await page.screenshot({ path: screenshotPath('portal-wrong-app.png'), fullPage: true });
  });

  it('sign out everywhere ends every session of the user', async () => {
    if (!enabled) return;
    const first = await signedIn(DEMO_USERS.otherClientAdmin);
    const second = await signedIn(DEMO_USERS.otherClientAdmin);
    await second.waitForURL(/\/orgs\/[^/]+$/);
    await second.goto(`${stack!.portalUrl}/account/sessions`);
    await second.waitForSelector('[data-testid="session-row"]');
    expect(await second.locator('[data-testid="session-row"]').count()).toBeGreaterThanOrEqual(2);
    await second.click('[data-testid="sessions-sign-out-everywhere"]');
    await second.waitForURL((u) => u.pathname === '/sign-in');
    await first.reload();
    await first.waitForURL((u) => u.pathname === '/sign-in');
  });

  // Last on purpose: it uses up this address's anonymous allowance, so nothing after it could sign in.
  it('says how long to wait when sign-in is rate limited', async () => {
    if (!enabled) return;
    const page = await newPage(390);
    await page.goto(`${stack!.portalUrl}/sign-in`);
    await page.waitForSelector('[data-testid="sign-in-email"]');
    let limited = false;
    for (let i = 0; i < 5000 && !limited; i++) {
      const res = await fetch(`${stack!.apiUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
      await res.arrayBuffer();
      limited = res.status === 429;
    }
    expect(limited).toBe(true);
    await page.fill('[data-testid="sign-in-email"]', DEMO_USERS.clientViewer.email);
    await page.fill('[data-testid="sign-in-password"]', DEMO_USERS.clientViewer.password);
    await page.click('[data-testid="sign-in-submit"]');
    const error = page.locator('[data-testid="sign-in-error"][data-code="RATE_LIMITED"]');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/Try again in \d+ (seconds?|minutes)/);
    await page.screenshot({ path: screenshotPath('portal-sign-in-rate-limited-phone.png'), fullPage: true });
  });
});
