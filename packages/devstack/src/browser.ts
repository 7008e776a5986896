/**
 * The real browser for end-to-end tests: Debian's Chromium driven by playwright-core (browser downloads do not work
 * on our machines, and we never want a test to pass against a browser nobody uses).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
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
