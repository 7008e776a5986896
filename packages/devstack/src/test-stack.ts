/**
 * What an end-to-end test starts: a fresh database on DATABASE_URL's server (migrated and seeded with deterministic
 * demo data), the built API, and the built apps served with /graphql passed through. Everything is torn down by stop(),
 * the database included, so test files never see each other's data.
 */
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';
import type { PaymentStandin } from '@muster/payment-standin';
import { startPayments } from './payments';
import { findFreePort, withDatabase } from './postgres';
import { repoRoot, runApiCli, startApi } from './processes';
import { serveApp, type StaticAppServer } from './static-server';

export type AppName = 'admin' | 'portal';

export interface TestStackOptions {
  apps?: AppName[];
  unionMembers?: number;
  campaignMembers?: number;
  seed?: number;
  /** Seed the demo campaigns, responses and donations too (default false: browser tests start with no campaigns). */
  demoCampaigns?: boolean;
}

export interface TestStack {
  databaseUrl: string;
  apiUrl: string;
  /** The payment stand-in the API uses (its pay pages, events, and test hooks: hold/release/replay). */
  payments: PaymentStandin;
  adminUrl?: string;
  portalUrl?: string;
  /** Runs SQL on this stack's database (to compute expectations and check what was written). */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** The API's recent JSON log lines. */
  apiLogs(): string[];
  stop(): Promise<void>;
}

/** The seeded demo logins (CONTRACT.md, "Demo logins"): one per role, for tests that sign in as each. */
export const DEMO_USERS = {
  agencyAdmin: { email: 'admin@northpoint.example', password: 'muster-demo-admin', role: 'AGENCY_ADMIN', organisation: 'Northpoint' },
  organiser: { email: 'organiser@northpoint.example', password: 'muster-demo-organiser', role: 'ORGANISER', organisation: 'Northpoint' },
  volunteer: { email: 'volunteer@northpoint.example', password: 'muster-demo-volunteer', role: 'VOLUNTEER', organisation: 'Northpoint' },
  clientAdmin: { email: 'officer@upsu.example', password: 'muster-demo-officer', role: 'CLIENT_ADMIN', organisation: 'United Public Services Union' },
  clientViewer: { email: 'viewer@upsu.example', password: 'muster-demo-viewer', role: 'CLIENT_VIEWER', organisation: 'United Public Services Union' },
  otherClientAdmin: { email: 'campaigner@cleanairnow.example', password: 'muster-demo-campaigner', role: 'CLIENT_ADMIN', organisation: 'Clean Air Now' },
} as const;

export type DemoUser = (typeof DEMO_USERS)[keyof typeof DEMO_USERS];

/**
 * Whether the API at apiUrl requires sign-in: an API without `viewer` predates it (the apps then run open, and the
 * sign-in tests have nothing to test). Asks `viewer` without credentials: UNAUTHENTICATED means auth is on.
 */
export async function apiHasAuth(apiUrl: string): Promise<boolean> {
  const res = await fetch(`${apiUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ viewer { roles { role } } }' }),
  });
  const body = (await res.json().catch(() => ({}))) as { errors?: Array<{ message?: string }> };
  return !(body.errors ?? []).some((e) => /Cannot query field "viewer"/.test(e.message ?? ''));
}

export function serverUrlFromEnv(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run the tests through `npm test` (which starts an embedded PostgreSQL) or point DATABASE_URL at a PostgreSQL server.');
  return url;
}

async function admin<T>(serverUrl: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function startTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  const serverUrl = serverUrlFromEnv();
  const database = `muster_e2e_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin(serverUrl, (c) => c.query(`CREATE DATABASE ${database}`));
  const databaseUrl = withDatabase(serverUrl, database);
  const servers: StaticAppServer[] = [];
  let pool: Pool | null = null;
  let api: Awaited<ReturnType<typeof startApi>> | null = null;
  let payments: Awaited<ReturnType<typeof startPayments>> | null = null;

  const stop = async () => {
    await Promise.all(servers.map((s) => s.close()));
    await api?.stop();
    await payments?.standin.close();
    await pool?.end();
    await admin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  };

  try {
    const env = { DATABASE_URL: databaseUrl };
    await runApiCli(['migrate'], { env });
    await runApiCli(
      ['seed', '--union-members', String(options.unionMembers ?? 400), '--campaign-members', String(options.campaignMembers ?? 50), '--seed', String(options.seed ?? 1), ...(options.demoCampaigns ? [] : ['--no-campaigns'])],
      { env },
    );
    const apiPort = await findFreePort();
    payments = await startPayments({ apiPort });
    api = await startApi({ databaseUrl, port: apiPort, env: payments.apiEnv });
    const stack: TestStack = {
      databaseUrl,
      apiUrl: api.url,
      payments: payments.standin,
      query: async <T>(sql: string, params?: unknown[]) => {
        if (!pool) {
          pool = new Pool({ connectionString: databaseUrl, max: 2 });
          // An idle client cut off while the stack stops (DROP DATABASE … WITH (FORCE)) is expected, not a test failure.
          pool.on('error', () => undefined);
        }
        return (await pool.query(sql, params)).rows as T[];
      },
      apiLogs: () => api?.logs() ?? [],
      stop,
    };
    for (const app of options.apps ?? []) {
      const server = await serveApp({ distDir: path.join(repoRoot, 'apps', app, 'dist'), apiUrl: api.url, port: 0 });
      servers.push(server);
      if (app === 'admin') stack.adminUrl = server.url;
      else stack.portalUrl = server.url;
    }
    return stack;
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
