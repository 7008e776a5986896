// Sign-in and access in a real browser against the real API: each demo role lands on what the permission matrix
// allows, a wrong password is refused, sign-out ends the session, an API key created here works with fetch until it
// is revoked here, and an invited person can accept and sign in. Needs an API with sign-in: against one without, it
// says so and does nothing.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_USERS, apiHasAuth, launchBrowser, screenshotPath, signIn, startTestStack, type DemoUser, type TestStack } from '@muster/devstack';

let stack: TestStack | undefined;
let browser: Browser | null = null;
let enabled = false;
let agencyId = '';
let unionId = '';
const contexts: BrowserContext[] = [];

async function newPage(width = 1280): Promise<Page> {
  const context = await browser!.newContext({ viewport: { width, height: 900 }, locale: 'en-GB', reducedMotion: 'reduce' });
  context.setDefaultTimeout(60000);
  contexts.push(context);
  return context.newPage();
}

async function signedIn(user: DemoUser, width?: number): Promise<Page> {
  const page = await newPage(width);
  await signIn(page, stack!.adminUrl!, user.email, user.password);
  return page;
}

/** The main navigation once capabilities have arrived (the first item is always there for staff). */
async function navLabels(page: Page, first: string): Promise<string[]> {
  await page.waitForSelector(`nav[aria-label="Main"] a:has-text("${first}")`);
  return page.$$eval('nav[aria-label="Main"] a', (as) => as.map((a) => a.textContent?.trim() ?? ''));
}

async function graphqlWithKey(secret: string, query: string) {
  const res = await fetch(`${stack!.apiUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
    body: JSON.stringify({ query }),
  });
  return (await res.json()) as { data?: Record<string, { id: string; name: string } | null> | null; errors?: Array<{ extensions?: { code?: string } }> };
}

beforeAll(async () => {
  browser = await launchBrowser();
  if (!browser) {
    console.log('Chromium is not installed, so the admin sign-in tests did nothing (apt-get install -y chromium, or set CHROMIUM_PATH).');
    return;
  }
  stack = await startTestStack({ apps: ['admin'], unionMembers: 400, campaignMembers: 50 });
  enabled = await apiHasAuth(stack.apiUrl);
  // Sign-in is part of the API now: an API without it is a failure, not a reason to skip.
  if (!enabled) throw new Error('The built API has no sign-in: the admin sign-in tests cannot run.');
  [{ id: agencyId }] = await stack.query<{ id: string }>(`SELECT id FROM organisation WHERE kind = 'AGENCY' ORDER BY id LIMIT 1`);
  [{ id: unionId }] = await stack.query<{ id: string }>(`SELECT id FROM organisation WHERE name = $1`, [DEMO_USERS.clientAdmin.organisation]);
}, 300000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await stack?.stop();
});

describe('admin sign-in and access', () => {
  it('refuses a wrong password with a clear message', async () => {
    if (!enabled) return;
    const page = await newPage();
    await page.goto(`${stack!.adminUrl}/orgs/${unionId}/members`);
    // Signed out, the intended URL is kept.
    await page.waitForURL((u) => u.pathname === '/sign-in' && u.searchParams.get('next') === `/orgs/${unionId}/members`);
    await page.fill('[data-testid="sign-in-email"]', DEMO_USERS.agencyAdmin.email);
    await page.fill('[data-testid="sign-in-password"]', 'not-the-password');
    await page.click('[data-testid="sign-in-submit"]');
    const error = page.locator('[data-testid="sign-in-error"]');
    await error.waitFor();
    expect(await error.getAttribute('data-code')).toBe('INVALID_CREDENTIALS');
    expect(await error.textContent()).toMatch(/do not match/);
    await page.screenshot({ path: screenshotPath('admin-sign-in-wrong-password.png'), fullPage: true });
    // The right password then goes where the person was going.
    await page.fill('[data-testid="sign-in-password"]', DEMO_USERS.agencyAdmin.password);
    await page.click('[data-testid="sign-in-submit"]');
    await page.waitForURL(`${stack!.adminUrl}/orgs/${unionId}/members`);
  });

  it('agency admin: members, users, API keys, insights and the audit log', async () => {
    if (!enabled) return;
    const page = await signedIn(DEMO_USERS.agencyAdmin);
    await page.waitForURL(/\/orgs\/[^/]+\/members$/);
    expect(await navLabels(page, 'Audit log')).toEqual(['Members', 'Segments', 'Campaigns', 'Donations', 'Imports', 'Duplicates', 'Users', 'API keys', 'Insights', 'Audit log']);
    expect(await page.textContent('[data-testid="account-email"]')).toBe(DEMO_USERS.agencyAdmin.email);
    await page.screenshot({ path: screenshotPath('admin-signed-in-agency-admin.png'), fullPage: true });
  });

  it('organiser: members, imports, duplicates and insights, no user, key or audit screens', async () => {
    if (!enabled) return;
    const page = await signedIn(DEMO_USERS.organiser);
    await page.waitForURL(/\/orgs\/[^/]+\/members$/);
    expect(await navLabels(page, 'Members')).toEqual(['Members', 'Segments', 'Campaigns', 'Donations', 'Imports', 'Duplicates', 'Insights']);
  });

  it('volunteer: only "My contacts", exactly the members assigned to them', async () => {
    if (!enabled) return;
    const assigned = await stack!.query<{ member_id: string; organisation_id: string }>(
      `SELECT va.member_id, va.organisation_id FROM volunteer_assignment va JOIN app_user u ON u.id = va.user_id WHERE u.email = $1`,
      [DEMO_USERS.volunteer.email],
    );
    expect(assigned.length).toBeGreaterThan(0);
    const page = await signedIn(DEMO_USERS.volunteer);
    await page.waitForURL(/\/orgs\/[^/]+\/members$/);
    const orgId = page.url().split('/').at(-2)!;
    const expected = assigned.filter((a) => a.organisation_id === orgId).map((a) => a.member_id).sort();
    expect(await navLabels(page, 'My contacts')).toEqual(['My contacts']);
    await page.waitForSelector(`[data-testid="members-total"][data-value="${expected.length}"]`);
    expect(await page.textContent('h1')).toBe('My contacts');
    expect(await page.locator('[data-testid="add-member"]').count()).toBe(0);
    expect(await page.locator('[data-testid="org-switcher"]').count()).toBe(0);
    const shown = await page.$$eval('[data-testid="member-link"]', (as) => as.map((a) => (a.getAttribute('href') ?? '').split('/').pop() ?? ''));
    expect(shown.sort()).toEqual(expected.slice(0, 50));
    await page.screenshot({ path: screenshotPath('admin-signed-in-volunteer.png'), fullPage: true });
  });

  it('a client user is sent to the portal', async () => {
    if (!enabled) return;
    const page = await signedIn(DEMO_USERS.clientAdmin);
    await page.waitForSelector('[data-testid="wrong-app"]');
    expect(await page.textContent('[data-testid="wrong-app"]')).toMatch(/client organisation/);
    expect(await page.getAttribute('[data-testid="wrong-app-link"]', 'href')).toMatch(/^https?:\/\//);
    await page.screenshot({ path: screenshotPath('admin-wrong-app.png'), fullPage: true });
  });

  it('sign-out ends the session: a reload goes to sign-in', async () => {
    if (!enabled) return;
    const page = await signedIn(DEMO_USERS.organiser, 390);
    await page.waitForURL(/\/orgs\/[^/]+\/members$/);
    const where = new URL(page.url()).pathname;
    // On a phone the account menu sits inside the menu.
    await page.click('.mu-header__menu');
    await page.click('[data-testid="account-menu-button"]');
    await page.click('[data-testid="sign-out"]');
    await page.waitForURL((u) => u.pathname === '/sign-in');
    await page.goto(`${stack!.adminUrl}${where}`);
    await page.waitForURL((u) => u.pathname === '/sign-in' && u.searchParams.get('next') === where);
    await page.reload();
    await page.waitForSelector('[data-testid="sign-in-email"]');
  });

  it('creates an API key, which reads the organisation until it is revoked in the UI', async () => {
    if (!enabled) return;
    const page = await signedIn(DEMO_USERS.agencyAdmin);
    await page.goto(`${stack!.adminUrl}/orgs/${unionId}/api-keys`);
    await page.fill('[data-testid="api-key-name-input"]', 'E2E reporting script');
    await page.selectOption('[data-testid="api-key-role"]', 'CLIENT_VIEWER');
    await page.click('[data-testid="api-key-create"]');
    const secret = await page.locator('[data-testid="api-key-secret-value"]').inputValue();
    expect(secret).toMatch(/^mst_k_[A-Za-z0-9_-]{8}_[A-Za-z0-9_-]{43}$/);
    await page.screenshot({ path: screenshotPath('admin-api-key-created.png'), fullPage: true });

    const query = `{ organisation(id: "${unionId}") { id name } }`;
    const before = await graphqlWithKey(secret, query);
    expect(before.errors ?? []).toEqual([]);
    expect(before.data?.organisation?.id).toBe(unionId);

    const row = page.locator('[data-testid="api-key-row"]', { hasText: 'E2E reporting script' });
    await row.locator('[data-testid="revoke-api-key"]').click();
    await page.click('dialog[open] .mu-btn--danger');
    await row.locator('[data-testid="api-key-status"][data-value="revoked"]').waitFor();

    const after = await graphqlWithKey(secret, query);
    expect(after.data?.organisation ?? null).toBeNull();
    expect(after.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('invites a user; they accept in another browser and sign in', async () => {
    if (!enabled) return;
    const email = 'new.organiser@northpoint.example';
    const password = 'a-long-enough-password';
    const admin = await signedIn(DEMO_USERS.agencyAdmin);
    await admin.goto(`${stack!.adminUrl}/orgs/${agencyId}/users`);
    await admin.waitForSelector('[data-testid="user-row"]');
    await admin.fill('[data-testid="invite-email"]', email);
    await admin.selectOption('[data-testid="invite-role"]', 'ORGANISER');
    await admin.click('[data-testid="invite-submit"]');
    const link = await admin.locator('[data-testid="invitation-link-value"]').inputValue();
    expect(link).toMatch(/\/invitations\/accept\?token=/);
    await admin.screenshot({ path: screenshotPath('admin-invitation-link.png'), fullPage: true });

    const invitee = await newPage();
    await invitee.goto(link);
    await invitee.fill('[data-testid="invitation-name"]', 'New Organiser');
    await invitee.fill('[data-testid="invitation-password"]', password);
    await invitee.fill('[data-testid="invitation-confirm"]', password);
    await invitee.click('[data-testid="invitation-submit"]');
    await invitee.waitForURL(/\/orgs\/[^/]+\/members$/);
    expect(await invitee.textContent('[data-testid="account-email"]')).toBe(email);

    const later = await newPage();
    await signIn(later, stack!.adminUrl!, email, password);
    await later.waitForURL(/\/orgs\/[^/]+\/members$/);
    expect(await navLabels(later, 'Members')).toEqual(['Members', 'Segments', 'Campaigns', 'Donations', 'Imports', 'Duplicates', 'Insights']);

    // The admin's list now shows them with their role.
    await admin.reload();
    await admin.locator('[data-testid="user-row"]', { hasText: email }).waitFor();
  });

  it('audit log: filtered by action in the URL, matching the database', async () => {
    if (!enabled) return;
    const page = await signedIn(DEMO_USERS.agencyAdmin);
    await page.waitForURL(/\/orgs\/[^/]+\/members$/);
    await page.goto(`${stack!.adminUrl}/audit?action=auth.login`);
    await page.waitForSelector('[data-testid="audit-row"]');
    const [{ n }] = await stack!.query<{ n: string }>(`SELECT count(*) AS n FROM audit_event WHERE action LIKE 'auth.login%'`);
    await page.waitForSelector(`[data-testid="audit-total"][data-value="${n}"]`);
    const actions = await page.$$eval('[data-testid="audit-action"]', (els) => els.map((e) => e.getAttribute('data-value') ?? ''));
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.every((a) => a.startsWith('auth.login'))).toBe(true);
    expect(await page.inputValue('[data-testid="audit-filter-action"]')).toBe('auth.login');
    await page.screenshot({ path: screenshotPath('admin-audit-log.png'), fullPage: true });
  });
});
