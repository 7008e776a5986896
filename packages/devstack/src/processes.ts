/**
 * Child processes of the launcher and the test harness: the API's CLI (migrate, seed) and the API server itself.
 * Each is started from the built output (apps/api/dist), as it will run in production.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import fs from 'node:fs';

export const repoRoot = process.env.MUSTER_ROOT ?? path.resolve(__dirname, '..', '..', '..');
export const apiDir = path.join(repoRoot, 'apps', 'api');

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  /** Print the child's output (else it is kept and shown only on failure). */
  inherit?: boolean;
}

/** Runs `node apps/api/dist/cli.js …` to completion. */
export function runApiCli(args: string[], options: RunOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(apiDir, 'dist', 'cli.js'), ...args], {
      cwd: apiDir,
      env: { ...process.env, ...options.env },
      stdio: options.inherit ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve(output);
      else reject(new Error(`api cli ${args.join(' ')} failed (${signal ?? `exit ${code}`}):\n${output}`));
    });
  });
}

/**
 * The V8 heap settings the API runs with everywhere (apps/api/node-flags.json, also in its `start` script): a capped
 * old space and small young generation keep a 1M-row import under 300 MB resident (docs/imports.md, "Memory").
 */
export function apiNodeFlags(): string[] {
  return JSON.parse(fs.readFileSync(path.join(apiDir, 'node-flags.json'), 'utf8')) as string[];
}

export interface RunningApi {
  url: string;
  process: ChildProcess;
  /** The API's recent log lines (JSON), for diagnosing a failed test. */
  logs(): string[];
  stop(): Promise<void>;
}

export async function startApi(options: { databaseUrl: string; port: number; env?: NodeJS.ProcessEnv; onLog?: (line: string) => void }): Promise<RunningApi> {
  const child = spawn(process.execPath, [...apiNodeFlags(), path.join(apiDir, 'dist', 'main.js')], {
    cwd: apiDir,
    env: { ...process.env, ...options.env, DATABASE_URL: options.databaseUrl, PORT: String(options.port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const recent: string[] = [];
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      recent.push(line);
      if (recent.length > 200) recent.shift();
      options.onLog?.(line);
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${options.port}`;

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The API exited during start-up (code ${child.exitCode}):\n${recent.join('\n')}`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The API did not become healthy within 60 s:\n${recent.join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  let stopping: Promise<void> | null = null;
  return {
    url,
    process: child,
    logs: () => [...recent],
    stop: () => {
      stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          await exited;
          clearTimeout(timer);
        }
      })();
      return stopping;
    },
  };
}
