/**
 * `npm test`: every test of every package (unit, integration against a real PostgreSQL, end-to-end in Chromium),
 * plus type-checks and lint, through turbo. Without DATABASE_URL it starts a throwaway embedded PostgreSQL and hands its
 * superuser URL to the packages, which create and drop their own databases on it.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { findChromium } from './browser';
import { startEmbeddedPostgres, type RunningPostgres } from './postgres';
import { repoRoot } from './processes';

function say(message: string) {
  process.stdout.write(`[muster] ${message}\n`);
}

export async function runTests(extraArgs: string[]): Promise<number> {
  const chromium = findChromium();
  if (!chromium) {
    if (process.env.CI) {
      say('Chromium is not installed, and under CI the browser tests are required: apt-get install -y chromium (or set CHROMIUM_PATH).');
      return 1;
    }
    say('NOTE: Chromium is not installed, so the browser (end-to-end) tests will be SKIPPED. Install Debian\'s chromium (apt-get install chromium) or set CHROMIUM_PATH to run them.');
  } else {
    say(`browser tests use ${chromium}`);
  }

  const env: NodeJS.ProcessEnv = { ...process.env };
  let pg: RunningPostgres | null = null;
  if (!env.DATABASE_URL) {
    const dataDir = path.join(os.tmpdir(), `muster-test-${process.pid}-${randomBytes(3).toString('hex')}`, 'postgres');
    say('starting a throwaway embedded PostgreSQL for the tests');
    pg = await startEmbeddedPostgres({ dataDir, fast: true });
    env.DATABASE_URL = pg.url('postgres');
  } else {
    say('using the PostgreSQL server in DATABASE_URL (tests create and drop their own databases on it)');
  }

  const stopAll = async () => {
    await pg?.stop();
    if (pg) fs.rmSync(path.dirname(pg.dataDir), { recursive: true, force: true });
  };
  const pnpm = process.env.MUSTER_PNPM ?? 'pnpm';
  const child = spawn(pnpm, ['exec', 'turbo', 'run', 'typecheck', 'lint', 'test', '--continue', '--concurrency=2', ...extraArgs], {
    cwd: repoRoot,
    env,
    stdio: 'inherit',
  });
  let interrupted = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      interrupted = true;
      if (child.exitCode === null) child.kill(signal);
    });
  }
  const status = await new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
  await stopAll();
  if (interrupted) return 130;
  say(status === 0 ? 'all tests passed' : `tests FAILED (exit ${status})`);
  return status;
}
