/**
 * The real browser for end-to-end tests: Debian's Chromium driven by playwright-core (browser downloads do not work
 * on our machines, and we never want a test to pass against a browser nobody uses).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { repoRoot } from './processes';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export function findChromium(): string | null {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) return fs.existsSync(configured) ? configured : null;
  return CANDIDATES.find((candidate) => fs.existsSync(candidate)) ?? null;
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * A launched Chromium, or null when none is installed outside CI (the caller then says so and runs nothing).
 * Under CI a missing browser is an error: browser tests are required there.
 */
export async function launchBrowser(): Promise<Browser | null> {
  const executablePath = findChromium();
  if (!executablePath) {
    if (process.env.CI) throw new Error('Chromium is required under CI (apt-get install -y chromium, or set CHROMIUM_PATH).');
    return null;
  }
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
}

/** Where a test saves a screenshot: the git-ignored screenshots/ folder at the repository root. */
export function screenshotPath(name: string): string {
  const dir = path.join(repoRoot, 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}

export type SignInOutcome = 'signed-in' | 'auth-unavailable';

/**
 * Signs in through the app's own sign-in page (so the session and CSRF cookies are the ones a person gets), then
 * waits until the app has left the sign-in page. Against an API without sign-in the page says so and this returns
 * 'auth-unavailable', so tests written for sign-in also run against the open development API. A refused sign-in
 * throws with the message the page showed.
 */
export async function signIn(page: Page, baseUrl: string, email: string, password: string, next = '/'): Promise<SignInOutcome> {
  await page.goto(`${baseUrl}/sign-in${next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`);
  await page.waitForSelector('[data-testid="sign-in-email"], [data-testid="auth-unavailable"], [data-testid="account-menu"], [data-testid="wrong-app"]');
  if (await page.locator('[data-testid="auth-unavailable"]').count()) return 'auth-unavailable';
  if (!(await page.locator('[data-testid="sign-in-email"]').count())) throw new Error(`signIn(${email}): already signed in at ${page.url()}; sign out first or use a new browser context`);
  await page.fill('[data-testid="sign-in-email"]', email);
  await page.fill('[data-testid="sign-in-password"]', password);
  await page.click('[data-testid="sign-in-submit"]');
  // A string: this package compiles without the DOM types the function runs with.
  await page.waitForFunction(`!location.pathname.startsWith('/sign-in') || document.querySelector('[data-testid="sign-in-error"]')`);
  const error = page.locator('[data-testid="sign-in-error"]');
  if (new URL(page.url()).pathname.startsWith('/sign-in') && (await error.count())) {
    throw new Error(`signIn(${email}) was refused (${await error.getAttribute('data-code')}): ${await error.textContent()}`);
  }
  return 'signed-in';
}

export interface PageGraphqlResult<T> {
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

/** GraphQL as the signed-in page sends it (session cookie and CSRF header): the same path the app's own requests take. */
export async function pageGraphql<T = Record<string, unknown>>(page: Page, query: string, variables: Record<string, unknown> = {}): Promise<PageGraphqlResult<T>> {
  return page.evaluate(async ({ query, variables }) => {
    // Runs in the page; this package is compiled without the DOM types, hence the cast.
    const cookie = (globalThis as unknown as { document: { cookie: string } }).document.cookie;
    const csrf = /(?:^|; )muster_csrf=([^;]*)/.exec(cookie)?.[1];
    const res = await fetch('/graphql', {
      method: 'POST', credentials: 'same-origin',
      headers: { 'content-type': 'application/json', ...(csrf ? { 'x-csrf-token': decodeURIComponent(csrf) } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return res.json();
  }, { query, variables }) as Promise<PageGraphqlResult<T>>;
}

/** pageGraphql that must succeed: its data, or an error naming what the API said. */
export async function pageGraphqlOk<T>(page: Page, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await pageGraphql<T>(page, query, variables);
  if (res.errors?.length || !res.data) throw new Error(`GraphQL failed: ${JSON.stringify(res.errors)}`);
  return res.data;
}
