/**
 * `npm start`: Muster on one machine. An embedded PostgreSQL whose data survives restarts in the git-ignored .muster/
 * folder (or the server in DATABASE_URL), migrations, demo data on the first run only, the API, and the admin and
 * portal apps, and the payment stand-in (a local Stripe: donations are paid on its page, its webhooks reach the API) unless
 * MUSTER_STRIPE_SECRET_KEY names a real provider. Ctrl-C stops all of it, the database last, and leaves no process behind.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEV_STANDIN_SECRET_KEY, DEV_STANDIN_WEBHOOK_SECRET, startPayments } from './payments';
import { ensureDatabase, findFreePort, startEmbeddedPostgres } from './postgres';
import { repoRoot, runApiCli, startApi } from './processes';
import { serveApp } from './static-server';

/** The seeded demo logins (apps/api/src/database/seed.ts, DEMO_LOGINS): one per role. */
const DEMO_LOGINS: string[] = [
  'admin@northpoint.example / muster-demo-admin               AGENCY_ADMIN   (Northpoint Campaigns, the agency)',
  'organiser@northpoint.example / muster-demo-organiser       ORGANISER      (agency)',
  'volunteer@northpoint.example / muster-demo-volunteer       VOLUNTEER      (agency; 25 union members assigned)',
  'officer@upsu.example / muster-demo-officer                 CLIENT_ADMIN   (United Public Services Union)',
  'viewer@upsu.example / muster-demo-viewer                   CLIENT_VIEWER  (United Public Services Union)',
  'campaigner@cleanairnow.example / muster-demo-campaigner    CLIENT_ADMIN   (Clean Air Now)',
];

function say(message: string) {
  process.stdout.write(`\x1b[2m[muster]\x1b[0m ${message}\n`);
}

export async function start(): Promise<void> {
  const stateDir = path.join(repoRoot, '.muster');
  fs.mkdirSync(stateDir, { recursive: true });
  const cleanups: Array<() => Promise<void>> = [];
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('stopping…');
    for (const cleanup of cleanups.reverse()) await cleanup().catch((e) => console.error(e));
    say('stopped.');
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(0));

  try {
    const host = process.env.MUSTER_HOST ?? '127.0.0.1';
    let databaseUrl = process.env.DATABASE_URL;
    let databaseNote = 'from DATABASE_URL';
    if (!databaseUrl) {
      say('starting the embedded PostgreSQL');
      const pg = await startEmbeddedPostgres({
        dataDir: path.join(stateDir, 'postgres'),
        port: Number(process.env.MUSTER_PG_PORT ?? 54329),
        logFile: path.join(stateDir, 'postgres.log'),
      });
      cleanups.push(() => pg.stop());
      await ensureDatabase(pg.url(), 'muster');
      databaseUrl = pg.url('muster');
      const relative = path.relative(repoRoot, pg.dataDir);
      databaseNote = `embedded PostgreSQL, data in ${relative.startsWith('..') ? pg.dataDir : relative}`;
    }
    const env = { DATABASE_URL: databaseUrl };
    say('migrating the database');
    await runApiCli(['migrate'], { env });
    say('loading demo data if the database is empty (the first run takes a little while)');
    await runApiCli(['seed', '--if-empty'], { env, inherit: true });

    const apiLog = fs.createWriteStream(path.join(stateDir, 'api.log'), { flags: 'a' });
    const apiPort = await findFreePort(Number(process.env.MUSTER_API_PORT ?? 4000));
    let paymentsNote = `Stripe at ${process.env.MUSTER_STRIPE_API_URL || 'https://api.stripe.com'} (MUSTER_STRIPE_SECRET_KEY is set)`;
    let apiEnv: Record<string, string> = {};
    if (!process.env.MUSTER_STRIPE_SECRET_KEY) {
      say('starting the payment stand-in');
      const payments = await startPayments({
        apiPort, port: await findFreePort(Number(process.env.MUSTER_STANDIN_PORT ?? 12111)), host,
        secretKey: DEV_STANDIN_SECRET_KEY, webhookSecret: DEV_STANDIN_WEBHOOK_SECRET, log: (line) => apiLog.write(`[payment-standin] ${line}\n`),
      });
      cleanups.push(() => payments.standin.close());
      apiEnv = payments.apiEnv;
      paymentsNote = `${payments.standin.url} (the local stand-in: no card, no money)`;
    }
    const api = await startApi({ databaseUrl, port: apiPort, env: apiEnv, onLog: (line) => apiLog.write(`${line}\n`) });
    cleanups.push(async () => {
      await api.stop();
      apiLog.end();
    });
    const adminServer = await serveApp({ distDir: path.join(repoRoot, 'apps', 'admin', 'dist'), apiUrl: api.url, port: await findFreePort(Number(process.env.MUSTER_ADMIN_PORT ?? 5173)), host });
    cleanups.push(() => adminServer.close());
    const portalServer = await serveApp({ distDir: path.join(repoRoot, 'apps', 'portal', 'dist'), apiUrl: api.url, port: await findFreePort(Number(process.env.MUSTER_PORTAL_PORT ?? 5174)), host });
    cleanups.push(() => portalServer.close());

    const lines = [
      '',
      'Muster is running.',
      `  Admin (agency CRM):  ${adminServer.url}`,
      `  Portal (clients):    ${portalServer.url}`,
      `  GraphQL API:         ${api.url}/graphql`,
      `  Health:              ${api.url}/health`,
      `  Payments:            ${paymentsNote}`,
      `  Database:            ${databaseUrl.replace(/:[^:@/]+@/, ':***@')} (${databaseNote})`,
      `  API log:             ${path.relative(repoRoot, path.join(stateDir, 'api.log'))}`,
      '',
      DEMO_LOGINS.length
        ? ['Demo logins:', ...DEMO_LOGINS.map((l) => `  ${l}`)].join('\n')
        : 'Demo logins: none yet. Sign-in arrives with the tenancy issue; until then Muster is for local development only.',
      '',
      'Press Ctrl-C to stop everything.',
      '',
    ];
    process.stdout.write(lines.join('\n') + '\n');
    await new Promise<never>(() => undefined);
  } catch (error) {
    console.error(`\n[muster] could not start: ${error instanceof Error ? error.message : String(error)}`);
    await shutdown(1);
  }
}
