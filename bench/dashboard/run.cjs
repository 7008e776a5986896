#!/usr/bin/env node
'use strict';
// The dashboard benchmark (issue 5): each insights panel at 1,000,000 members through the REAL API (signed in as a
// client viewer of the union, so row-level security is on), next to the direct SQL aggregate of the same figure
// (GROUP BY over member, as muster_app under the same RLS settings) in the same run.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node bench/dashboard/run.cjs [--runs 5] [--requests 200]
//       [--direct-requests 5] [--members 1000000] [--database muster_bench_dashboard] [--fresh]
//
// Database: `--database` on DATABASE_URL's server, migrated with the API's CLI and seeded once with `cli.js seed
// --union-members N` (like bench/members-page), then reused. Migrating an existing database backfills the rollups.
// Latency: requests are sent one at a time (a dashboard's panels are independent requests of one user), `--requests`
// per panel per run after a warm-up, runs interleaved across panels; p50/p95 per run, then the median over runs.
const path = require('node:path');
const fs = require('node:fs');
const os = require('node:os');
const { createHash, randomBytes, randomUUID } = require('node:crypto');
const { Client } = require('pg');
const h = require('../lib/harness.cjs');
const { withDb, sql, apiCli } = h;

const argv = process.argv.slice(2);
const opt = (name, dflt) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : dflt; };
const RUNS = Number(opt('runs', 5));
const REQUESTS = Number(opt('requests', 200));
const DIRECT_REQUESTS = Number(opt('direct-requests', 5));
const MEMBERS = Number(opt('members', 1000000));
const DB = opt('database', 'muster_bench_dashboard');
const FRESH = argv.includes('--fresh');
const API_DIST = path.join(h.root, 'apps', 'api', 'dist');
const GOAL_P95_MS = 50;
const log = (m) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${m}`);

const C = 'key count suppressed';
/** Each panel: the GraphQL field(s) the dashboard asks for, and the direct aggregate over member it replaces. */
function panels(commonRegion, commonBranch) {
  const M = `member m WHERE m.organisation_id = $1`;
  const MI = `member m, unnest(m.issues) i WHERE m.organisation_id = $1`;
  return [
    { key: 'total', field: `total { ${C} }`, direct: `SELECT count(*) FROM ${M}` },
    { key: 'status', field: `breakdown(dimension: STATUS) { rows { ${C} } otherCount { ${C} } total { ${C} } }`,
      direct: `SELECT status, count(*) FROM ${M} GROUP BY 1` },
    { key: 'region', field: `breakdown(dimension: REGION) { rows { ${C} } otherCount { ${C} } total { ${C} } }`,
      direct: `SELECT region, count(*) FROM ${M} GROUP BY 1` },
    { key: 'branch', field: `breakdown(dimension: BRANCH) { rows { ${C} } otherCount { ${C} } total { ${C} } }`,
      direct: `SELECT branch, count(*) FROM ${M} GROUP BY 1 ORDER BY 2 DESC LIMIT 50` },
    { key: 'workplace', field: `breakdown(dimension: WORKPLACE) { rows { ${C} } otherCount { ${C} } total { ${C} } }`,
      direct: `SELECT workplace, count(*) FROM ${M} GROUP BY 1 ORDER BY 2 DESC LIMIT 50` },
    { key: 'employer', field: `breakdown(dimension: EMPLOYER) { rows { ${C} } otherCount { ${C} } total { ${C} } }`,
      direct: `SELECT employer, count(*) FROM ${M} GROUP BY 1 ORDER BY 2 DESC LIMIT 50` },
    { key: 'membershipByMonth', field: `membershipByMonth(months: 24) { month total { ${C} } joiners { ${C} } leavers { ${C} } net { ${C} } }`,
      // One pass over the union's members: joiners and leavers by month (the month-end totals add up from these).
      direct: `SELECT to_char(d, 'YYYY-MM'), count(*) FILTER (WHERE k = 'j'), count(*) FILTER (WHERE k = 'l')
                 FROM member m CROSS JOIN LATERAL (VALUES ('j', m.joined_on), ('l', m.left_on)) v(k, d)
                WHERE m.organisation_id = $1 AND d IS NOT NULL GROUP BY 1` },
    { key: 'membershipByMonth·branch', scope: { branch: commonBranch },
      field: `membershipByMonth(months: 24) { month total { ${C} } joiners { ${C} } leavers { ${C} } net { ${C} } }`,
      direct: `SELECT to_char(joined_on, 'YYYY-MM'), count(*) FROM ${M} AND m.branch = '${commonBranch.replace(/'/g, "''")}' GROUP BY 1` },
    { key: 'topIssues', field: `topIssues(limit: 10) { ${C} }`,
      direct: `SELECT i, count(*) FROM ${MI} GROUP BY 1 ORDER BY 2 DESC LIMIT 10` },
    // What the dashboard itself asks: the top 3 issues of each region, and of each branch once a region is chosen.
    { key: 'topIssues·byRegion', field: `topIssues(limit: 3, by: REGION) { unit ${C} }`,
      direct: `SELECT m.region, i, count(*) FROM ${MI} GROUP BY 1, 2` },
    { key: 'topIssues·byBranch·inRegion', scope: { region: commonRegion }, field: `topIssues(limit: 3, by: BRANCH) { unit ${C} }`,
      direct: `SELECT m.branch, i, count(*) FROM ${MI} AND m.region = '${commonRegion.replace(/'/g, "''")}' GROUP BY 1, 2` },
    // Not asked by the dashboard: every branch of the organisation at once (315 branches × 5 rows), the extreme case.
    { key: 'topIssues·byBranch', field: `topIssues(limit: 5, by: BRANCH) { unit ${C} }`,
      direct: `SELECT m.branch, i, count(*) FROM ${MI} GROUP BY 1, 2` },
    { key: 'issueChanges', field: `issueChanges(limit: 10) { since rows { key change now { ${C} } before { ${C} } } }`,
      direct: `SELECT i, count(*) FROM ${MI} GROUP BY 1` },
    { key: 'reach', field: `reach { total { ${C} } smsReachable { ${C} } emailReachable { ${C} } smsConsent { ${C} } emailConsent { ${C} } }`,
      direct: `SELECT count(*), count(*) FILTER (WHERE m.has_mobile AND m.sms_consent = 'GRANTED'), count(*) FILTER (WHERE m.email IS NOT NULL AND m.email_consent = 'GRANTED'),
                      count(*) FILTER (WHERE m.sms_consent = 'GRANTED'), count(*) FILTER (WHERE m.sms_consent = 'WITHDRAWN'),
                      count(*) FILTER (WHERE m.email_consent = 'GRANTED'), count(*) FILTER (WHERE m.email_consent = 'WITHDRAWN') FROM ${M}` },
    { key: 'reach·region', scope: { region: commonRegion },
      field: `reach { total { ${C} } smsReachable { ${C} } emailReachable { ${C} } smsConsent { ${C} } emailConsent { ${C} } }`,
      direct: `SELECT count(*), count(*) FILTER (WHERE m.has_mobile AND m.sms_consent = 'GRANTED') FROM ${M} AND m.region = '${commonRegion.replace(/'/g, "''")}'` },
    { key: 'whole dashboard', field: null, direct: null },
  ];
}

function body(orgId, p, all) {
  const fields = p.field ?? all.filter((x) => x.field && !x.scope).map((x, i) => `p${i}: ${x.field}`).join('\n');
  return { query: `query($org: ID!, $scope: InsightsScopeInput) { insights(organisationId: $org, scope: $scope) { asOf ${fields} } }`,
    variables: { org: orgId, scope: p.scope ?? null } };
}

function pct(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

async function prepareDatabase(serverUrl) {
  if (FRESH) await sql(serverUrl, `DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  if ((await sql(serverUrl, 'SELECT 1 FROM pg_database WHERE datname = $1', [DB])).length === 0) await sql(serverUrl, `CREATE DATABASE ${DB}`);
  const url = withDb(serverUrl, DB);
  log(`migrating ${DB} (backfills the rollups the first time)`);
  const t0 = Date.now();
  await apiCli(['migrate'], url, 30 * 60 * 1000);
  log(`migrated in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  let u = (await sql(url, 'SELECT organisation_id AS id, count(*)::int AS n FROM member GROUP BY 1 ORDER BY 2 DESC LIMIT 1'))[0];
  if (!u || u.n < MEMBERS) {
    log(`seeding ${MEMBERS.toLocaleString('en-GB')} union members with the API's CLI (several minutes)`);
    await apiCli(['seed', '--union-members', String(MEMBERS), '--campaign-members', '5000'], url, 60 * 60 * 1000);
    await sql(url, 'ANALYZE');
    u = (await sql(url, 'SELECT organisation_id AS id, count(*)::int AS n FROM member GROUP BY 1 ORDER BY 2 DESC LIMIT 1'))[0];
  }
  return { url, orgId: u.id, members: u.n };
}

/** A client viewer of the union with a live session (as login stores it). */
async function signIn(url, orgId) {
  const token = `mst_s_${randomBytes(32).toString('base64url')}`;
  const userId = randomUUID();
  await sql(url, `INSERT INTO app_user (id, email, name) VALUES ($1, $2, 'Bench Viewer')`, [userId, `bench-${userId}@bench.example`]);
  await sql(url, `INSERT INTO membership (organisation_id, user_id, role) VALUES ($1, $2, 'CLIENT_VIEWER')`, [orgId, userId]);
  await sql(url, `INSERT INTO session (id, user_id, token_hash, expires_at, last_used_at) VALUES ($1, $2, $3, now() + interval '1 day', now())`,
    [randomUUID(), userId, createHash('sha256').update(token).digest('hex')]);
  return { userId, headers: { authorization: `Bearer ${token}` } };
}

async function signOut(url, who) {
  await sql(url, 'DELETE FROM session WHERE user_id = $1', [who.userId]);
  await sql(url, 'DELETE FROM membership WHERE user_id = $1', [who.userId]);
  await sql(url, 'DELETE FROM app_user WHERE id = $1', [who.userId]);
}

async function timeApi(url, b, headers, n) {
  const times = [];
  for (let i = 0; i < n; i += 1) {
    const t0 = process.hrtime.bigint();
    const res = await h.postJson(url, b, 30000, headers);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (res.status !== 200 || res.json?.errors) throw new Error(`API error: ${res.text.slice(0, 500)}`);
  }
  return times;
}

/** The direct aggregate as the API would run it: muster_app with the union as reach, in a transaction. */
async function timeDirect(client, orgId, text, n) {
  const times = [];
  for (let i = 0; i < n; i += 1) {
    const t0 = process.hrtime.bigint();
    await client.query('BEGIN');
    await client.query(`SELECT set_config('muster.organisation_ids', $1, true), set_config('role', 'muster_app', true)`, [orgId]);
    await client.query(text, [orgId]);
    await client.query('COMMIT');
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return times;
}

async function main() {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('set DATABASE_URL (any PostgreSQL ≥ 15 server; the bench database is created on it)');
  const db = await prepareDatabase(serverUrl);
  const load0 = os.loadavg()[0];
  const common = (await sql(db.url, `SELECT (SELECT region FROM member WHERE organisation_id = $1 AND region IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1) AS region,
    (SELECT branch FROM member WHERE organisation_id = $1 AND branch IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1) AS branch`, [db.orgId]))[0];
  const ps = panels(common.region, common.branch);
  const pending = (await sql(db.url, `SELECT count(*)::int AS n FROM insight_rollup_delta`))[0].n;
  const rollupRows = (await sql(db.url, `SELECT count(*)::int AS n FROM insight_rollup WHERE organisation_id = $1`, [db.orgId]))[0].n;
  log(`${db.members.toLocaleString('en-GB')} union members; ${rollupRows.toLocaleString('en-GB')} rollup rows for the union; ${pending} pending delta rows`);
  const who = await signIn(db.url, db.orgId);
  const port = await h.freePort();
  const apiLog = path.join(os.tmpdir(), `muster-bench-dashboard-api-${process.pid}.log`);
  const api = await h.startServer('API', [path.join(API_DIST, 'main.js')],
    { PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: db.url, NODE_ENV: 'production', MUSTER_RATE_LIMIT_USER: '1000000000' },
    async () => (await fetch(`http://127.0.0.1:${port}/health`)).ok, 60000, { logFile: apiLog, cwd: path.dirname(API_DIST) });
  const direct = new Client({ connectionString: db.url });
  await direct.connect();
  const url = `http://127.0.0.1:${port}/graphql`;
  const results = Object.fromEntries(ps.map((p) => [p.key, { api50: [], api95: [], direct50: [], direct95: [] }]));
  try {
    for (const p of ps) await timeApi(url, body(db.orgId, p, ps), who.headers, 20); // warm-up (jit, plans, caches)
    const first = await h.postJson(url, body(db.orgId, ps[0], ps), 10000, who.headers);
    log(`total through the API: ${first.text}`);
    for (let run = 0; run < RUNS; run += 1) {
      const order = ps.map((_, i) => ps[(i + run) % ps.length]);
      for (const p of order) {
        const a = await timeApi(url, body(db.orgId, p, ps), who.headers, REQUESTS);
        results[p.key].api50.push(pct(a, 50));
        results[p.key].api95.push(pct(a, 95));
        if (p.direct) {
          const d = await timeDirect(direct, db.orgId, p.direct, DIRECT_REQUESTS);
          results[p.key].direct50.push(pct(d, 50));
          results[p.key].direct95.push(pct(d, 95));
        }
      }
      log(`run ${run + 1}/${RUNS}: ${ps.map((p) => `${p.key} p95 ${pct(results[p.key].api95.slice(-1), 50).toFixed(1)}`).join(', ')}`);
    }
  } finally {
    await direct.end();
    await h.stopServer(api);
    await signOut(db.url, who);
  }
  const f = (x) => (x === undefined || Number.isNaN(x) ? '—' : x.toFixed(1));
  const lines = [
    `# Dashboard panels at ${db.members.toLocaleString('en-GB')} members`,
    '',
    `${new Date().toISOString()} · ${h.machine()} · PostgreSQL \`${(await sql(db.url, 'SHOW server_version'))[0].server_version}\` · database \`${DB}\` · load average (1 min) at start ${load0.toFixed(1)}, at end ${os.loadavg()[0].toFixed(1)} (other work on the machine shares its 2 cores)`,
    '',
    `Through the API: \`node apps/api/dist/main.js\` (NODE_ENV=production), signed in as a CLIENT_VIEWER of the union (bearer session, RLS on), one request`,
    `at a time, ${REQUESTS} requests per panel per run after 20 warm-up requests; ${RUNS} interleaved runs; figures are the median over runs of each`,
    `run's p50/p95 (ms, client side, including HTTP and authentication). Direct SQL: the GROUP BY over member that the panel replaces, as`,
    `muster_app with the same RLS settings, ${DIRECT_REQUESTS} per run. Goal: API p95 ≤ ${GOAL_P95_MS} ms for every panel.`,
    `Rollup rows of the union: ${rollupRows.toLocaleString('en-GB')}; pending delta rows at start: ${pending}. Common region \`${common.region}\`, branch \`${common.branch}\`.`,
    '',
    '| panel | API p50 | API p95 | direct SQL p50 | direct SQL p95 | goal |',
    '|---|---:|---:|---:|---:|---|',
    ...ps.map((p) => {
      const r = results[p.key];
      const p95 = h.median(r.api95);
      return `| ${p.key} | ${f(h.median(r.api50))} | ${f(p95)} | ${r.direct50.length ? f(h.median(r.direct50)) : '—'} | ${r.direct95.length ? f(h.median(r.direct95)) : '—'} | ${p95 <= GOAL_P95_MS ? 'met' : 'MISSED'} |`;
    }),
    '',
    '"whole dashboard" = every unscoped panel above in one GraphQL request.',
    '',
    'Command: `DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node bench/dashboard/run.cjs ' + argv.join(' ') + '`',
  ];
  const out = lines.join('\n') + '\n';
  process.stdout.write(out);
  const file = path.join(__dirname, '..', 'results', `dashboard${opt('label', null) ? `.${opt('label', null)}` : ''}.md`);
  fs.writeFileSync(file, out);
  log(`wrote ${path.relative(h.root, file)}`);
}

main().catch((err) => { console.error(err); process.exit(1); });
