#!/usr/bin/env node
'use strict';
// The cost of row-level security (issue 3, item 9): the members page through the REAL API, signed in with a session
// token, with RLS on (as it ships: SET LOCAL ROLE muster_app + the organisation settings in the request's transaction)
// against the SAME API with RLS bypassed (MUSTER_BENCH_BYPASS_RLS=1: the settings are still set, the role switch is
// skipped, so the owner runs the page and no policy applies; honoured only when NODE_ENV !== 'production'), and the
// plain floor (floor.cjs: node:http + pg, START TRANSACTION / the same page SELECT / COMMIT, no auth, no RLS).
//
//   node bench/members-page/rls.cjs [--members 200000] [--runs 5] [--duration 10] [--warmup 3] [--database muster_bench_rls]
//
// Database: DATABASE_URL's server (required). The bench database is migrated and seeded with the API's CLI once and
// reused. Both APIs run with NODE_ENV=benchmark (identical settings apart from the switch) and rate limits raised out
// of the way (MUSTER_RATE_LIMIT_USER); 50 connections; interleaved rounds; medians. Goal: RLS on / RLS off ≥ 0.90.
const path = require('node:path');
const fs = require('node:fs');
const os = require('node:os');
const { createHash, randomBytes, randomUUID } = require('node:crypto');
const { execFileSync, spawn } = require('node:child_process');
const h = require('../lib/harness.cjs');
const { withDb, sql, apiCli } = h;

const argv = process.argv.slice(2);
const opt = (name, dflt) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : dflt; };
const RUNS = Number(opt('runs', 5));
const DURATION = Number(opt('duration', 10));
const WARMUP = Number(opt('warmup', 3));
const MEMBERS = Number(opt('members', 200000));
const DB = opt('database', 'muster_bench_rls');
const CONNECTIONS = 50;
const POOL_SIZE = 20;
const ROOT = h.root;
const API_DIST = path.join(ROOT, 'apps', 'api', 'dist');
const AUTOCANNON = require.resolve('autocannon/autocannon.js');
const log = (m) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${m}`);

const SELECTION = '{ edges { cursor node { id firstName lastName email phone status region branch } } pageInfo { hasNextPage endCursor } }';
const QUERY = `query MembersPage($org: ID!, $first: Int) { members(organisationId: $org, first: $first, orderBy: { field: LAST_NAME, direction: ASC }) ${SELECTION} }`;

/** autocannon with an Authorization header, in its own process. */
function load(url, body, headers, { connections, duration }) {
  return new Promise((resolve, reject) => {
    const args = [AUTOCANNON, '-c', String(connections), '-d', String(duration), '-m', 'POST', '-H', 'content-type=application/json',
      ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}=${v}`]), '-b', JSON.stringify(body), '--json', url];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = ''; let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited ${code}: ${err.slice(-1000)}`));
      const r = JSON.parse(out);
      resolve({ rps: r.requests.average, p99: r.latency.p99, bad: r.non2xx + r.errors + r.timeouts });
    });
  });
}

async function main() {
  if (!process.env.DATABASE_URL) throw new Error('Set DATABASE_URL to a PostgreSQL server (CREATEDB rights).');
  if (!fs.existsSync(path.join(API_DIST, 'main.js'))) throw new Error('Build the API first: pnpm --filter @muster/api build');
  const server = process.env.DATABASE_URL;
  if ((await sql(server, 'SELECT 1 FROM pg_database WHERE datname = $1', [DB])).length === 0) await sql(server, `CREATE DATABASE ${DB}`);
  const url = withDb(server, DB);
  await apiCli(['migrate'], url);
  let [u] = await sql(url, 'SELECT organisation_id AS id, count(*)::int AS n FROM member GROUP BY 1 ORDER BY 2 DESC LIMIT 1');
  if (!u) {
    log(`seeding ${MEMBERS} union members (once)`);
    await apiCli(['seed', '--union-members', String(MEMBERS), '--campaign-members', '5000'], url);
    [u] = await sql(url, 'SELECT organisation_id AS id, count(*)::int AS n FROM member GROUP BY 1 ORDER BY 2 DESC LIMIT 1');
  }
  log(`${DB}: ${u.n} members in the union`);
  // A signed-in agency admin (as login would store it: the SHA-256 of the token).
  const token = `mst_s_${randomBytes(32).toString('base64url')}`;
  const userId = randomUUID();
  await sql(url, `INSERT INTO app_user (id, email, name) VALUES ($1, $2, 'Bench Admin')`, [userId, `bench-${userId}@bench.example`]);
  await sql(url, `INSERT INTO membership (organisation_id, user_id, role) SELECT id, $1, 'AGENCY_ADMIN' FROM organisation WHERE parent_id IS NULL`, [userId]);
  await sql(url, `INSERT INTO session (id, user_id, token_hash, expires_at, last_used_at) VALUES ($1, $2, $3, now() + interval '1 day', now())`,
    [randomUUID(), userId, createHash('sha256').update(token).digest('hex')]);
  const auth = { authorization: `Bearer ${token}` };
  const body = { query: QUERY, variables: { org: u.id, first: 50 } };

  const common = { HOST: '127.0.0.1', DATABASE_URL: url, DATABASE_POOL_SIZE: String(POOL_SIZE), NODE_ENV: 'benchmark', LOG_LEVEL: 'warn', MUSTER_RATE_LIMIT_USER: '1000000000' };
  const ports = { on: await h.freePort(), off: await h.freePort(), floor: await h.freePort() };
  const started = [];
  try {
    started.push(await h.startServer('API RLS on', [path.join(API_DIST, 'main.js')], { ...common, PORT: String(ports.on) },
      async () => (await fetch(`http://127.0.0.1:${ports.on}/health`)).ok, 60000, { cwd: path.dirname(API_DIST) }));
    started.push(await h.startServer('API RLS off', [path.join(API_DIST, 'main.js')], { ...common, PORT: String(ports.off), MUSTER_BENCH_BYPASS_RLS: '1' },
      async () => (await fetch(`http://127.0.0.1:${ports.off}/health`)).ok, 60000, { cwd: path.dirname(API_DIST) }));
    started.push(await h.startServer('floor', [path.join(__dirname, 'floor.cjs')], { PORT: String(ports.floor), DATABASE_URL: url, DATABASE_POOL_SIZE: String(POOL_SIZE) },
      async () => (await h.postJson(`http://127.0.0.1:${ports.floor}/`, body, 2000)).status === 200));
    const targets = [
      { name: 'API, RLS on', url: `http://127.0.0.1:${ports.on}/graphql`, headers: auth },
      { name: 'API, RLS bypassed', url: `http://127.0.0.1:${ports.off}/graphql`, headers: auth },
      { name: 'floor', url: `http://127.0.0.1:${ports.floor}/`, headers: {} },
    ];
    // Same 50 rows from all three (the API pages are byte-identical with and without RLS).
    const bodies = await Promise.all(targets.map((t) => h.postJson(t.url, body, 60000, t.headers)));
    for (const [i, r] of bodies.entries()) if (r.json?.data?.members?.edges?.length !== 50) throw new Error(`${targets[i].name}: ${r.text.slice(0, 300)}`);
    if (bodies[0].text !== bodies[1].text) throw new Error('RLS on and off return different pages');
    for (const t of targets) for (let i = 0; i < 3; i++) await h.postJson(t.url, body, 60000, t.headers); // JIT compile
    for (const t of targets) await load(t.url, body, t.headers, { connections: CONNECTIONS, duration: WARMUP });
    const res = Object.fromEntries(targets.map((t) => [t.name, []]));
    for (let round = 0; round < RUNS; round++) {
      for (const t of targets.map((_, i) => targets[(i + round) % targets.length])) {
        const r = await load(t.url, body, t.headers, { connections: CONNECTIONS, duration: DURATION });
        res[t.name].push(r);
        log(`round ${round + 1}/${RUNS} ${t.name.padEnd(18)} ${r.rps.toFixed(0).padStart(6)} req/s  p99 ${r.p99} ms${r.bad ? `  ${r.bad} failed` : ''}`);
      }
    }
    const on = res['API, RLS on']; const off = res['API, RLS bypassed']; const fl = res.floor;
    const med = (xs) => h.median(xs);
    const pg = (await sql(url, 'SHOW server_version'))[0].server_version;
    let head = 'unknown';
    try { head = execFileSync('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim(); } catch { /* not a git checkout */ }
    const md = [
      '# Members page: the cost of row-level security',
      '',
      `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${h.machine()}; PostgreSQL ${pg}; commit ${head}; ${u.n.toLocaleString('en-GB')} union members.`,
      `Signed in as an agency admin (bearer session token); page = members(first: 50, orderBy LAST_NAME). ${CONNECTIONS} connections, pool ${POOL_SIZE},`,
      `${RUNS} interleaved rounds of ${DURATION} s per target after a ${WARMUP} s warm-up; medians; ratios are medians of per-round ratios.`,
      `Command: \`DATABASE_URL=… node bench/members-page/rls.cjs ${argv.join(' ')}\``,
      '',
      '| target | req/s | p99 ms | failed |',
      '|---|---:|---:|---:|',
      ...targets.map((t) => `| ${t.name} | ${med(res[t.name].map((r) => r.rps)).toFixed(0)} | ${med(res[t.name].map((r) => r.p99))} | ${res[t.name].reduce((n, r) => n + r.bad, 0)} |`),
      '',
      `RLS on / RLS bypassed: **${med(on.map((r, i) => r.rps / off[i].rps)).toFixed(3)}** (goal ≥ 0.90, i.e. overhead < 10%).`,
      `RLS on / floor: ${med(on.map((r, i) => r.rps / fl[i].rps)).toFixed(3)}; RLS bypassed / floor: ${med(off.map((r, i) => r.rps / fl[i].rps)).toFixed(3)}.`,
      '',
      'Per round (req/s): ' + targets.map((t) => `${t.name}: ${res[t.name].map((r) => Math.round(r.rps)).join(', ')}`).join('; ') + '.',
    ].join('\n');
    process.stdout.write(`${md}\n`);
    const out = path.join(__dirname, '..', 'results', 'members-page.rls.md');
    fs.writeFileSync(out, md + '\n');
    log(`wrote ${path.relative(process.cwd(), out)}`);
  } finally {
    for (const s of started) await h.stopServer(s);
  }
}

main().catch((err) => { console.error(err); process.exit(1); });
