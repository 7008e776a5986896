#!/usr/bin/env node
'use strict';
// The members page benchmark (issue 2, item 10): the REAL API (apps/api/dist/main.js) against a plain node:http
// handler running exactly the same SQL (floor.cjs), over the same 1,000,000 union members, in the same run.
//
//   node bench/members-page/run.cjs [--fresh] [--runs 5] [--duration 10] [--warmup 5] [--members 1000000]
//   pnpm --filter @muster/bench members-page
//
// Database: DATABASE_URL's server if set, else an embedded PostgreSQL from @muster/devstack (data in .muster/bench-postgres).
// The bench database `muster_bench_members` is migrated and seeded once with the API's CLI and reused; --fresh rebuilds it.
//
// Signed in: every API request carries `Authorization: Bearer <session token>` of an agency admin created for the run
// (as rls.cjs does it), and the API runs with its per-user rate limit raised out of the way (MUSTER_RATE_LIMIT_USER). The
// floor opens its transactions with the same RLS settings statement for that fixed principal but does no authentication
// lookup, so API/floor includes the cost of authenticating each request (rls.cjs isolates the cost of RLS itself).
const path = require('node:path');
const fs = require('node:fs');
const os = require('node:os');
const { execFileSync, spawn } = require('node:child_process');
const { createHash, randomBytes, randomUUID } = require('node:crypto');
const { Client } = require('pg');
const h = require('../lib/harness.cjs');
const { withDb, sql, apiCli } = h;
const floor = require('./floor.cjs');

const argv = process.argv.slice(2);
const opt = (name, dflt) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : dflt; };
const RUNS = Number(opt('runs', 5));
const DURATION = Number(opt('duration', 10));
const WARMUP = Number(opt('warmup', 5));
const MEMBERS = Number(opt('members', 1000000));
const CAMPAIGN_MEMBERS = 5000;
const FRESH = argv.includes('--fresh');
const CONNECTIONS = 50;
const POOL_SIZE = 20; // the API's default DATABASE_POOL_SIZE; the floor gets the same
const DB = opt('database', 'muster_bench_members');
// Diagnostics: --only page,filter limits the requests; --api-env K=V (repeatable) adds env to the measured API (e.g.
// LOG_LEVEL=warn to see what request logging costs). Results of a diagnostic run go to members-page.<label>.md.
const ONLY = opt('only', null)?.split(',') ?? null;
const API_ENV = Object.fromEntries(argv.flatMap((a, i) => (a === '--api-env' ? [argv[i + 1].split(/=(.*)/s).slice(0, 2)] : [])));
const OUT_LABEL = opt('label', null);
const RATE_LIMIT_USER = '1000000000'; // as rls.cjs: the per-user limit (1200/min by default) must not answer 429s
const SLOW_SQL_MS = 1000; // a page SELECT slower than this is a query-plan problem, not something load can measure
const ROOT = h.root;
const API_DIST = path.join(ROOT, 'apps', 'api', 'dist');
const STATE = path.join(ROOT, '.muster');
const log = (m) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${m}`);

const SELECTION = '{ edges { cursor node { id firstName lastName email phone status region branch } } pageInfo { hasNextPage endCursor } }';
// The plain page declares no filter variable; the filtered ones pass the filter as a `MemberFilter` variable, as the
// admin app does (and as any client building filters at run time would).
const QUERY_PAGE = `query MembersPage($org: ID!, $first: Int) { members(organisationId: $org, first: $first, orderBy: { field: LAST_NAME, direction: ASC }) ${SELECTION} }`;
const QUERY_FILTERED = `query MembersPage($org: ID!, $first: Int, $filter: MemberFilter) { members(organisationId: $org, first: $first, filter: $filter, orderBy: { field: LAST_NAME, direction: ASC }) ${SELECTION} }`;

function ensureBuilt() {
  if (fs.existsSync(path.join(API_DIST, 'main.js')) && fs.existsSync(path.join(API_DIST, 'cli.js'))) return;
  log('apps/api is not built: building it (turbo)');
  execFileSync(path.join(ROOT, 'node_modules', '.bin', 'turbo'), ['run', 'build', '--filter=@muster/api...', '--output-logs=errors-only'], { cwd: ROOT, stdio: 'inherit' });
}

/** The server to use: DATABASE_URL, else the embedded PostgreSQL of @muster/devstack. */
async function databaseServer() {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, note: 'DATABASE_URL', stop: async () => undefined };
  let devstack;
  try { devstack = require('@muster/devstack'); } catch (err) {
    throw new Error(`DATABASE_URL is not set and @muster/devstack cannot be loaded (${err.message.split('\n')[0]}); build it (pnpm build) or set DATABASE_URL.`);
  }
  log('starting an embedded PostgreSQL (@muster/devstack), data in .muster/bench-postgres');
  fs.mkdirSync(STATE, { recursive: true });
  const pg = await devstack.startEmbeddedPostgres({ dataDir: path.join(STATE, 'bench-postgres'), port: 54339, fast: true, logFile: path.join(STATE, 'bench-postgres.log') });
  return { url: pg.url('postgres'), note: `embedded PostgreSQL on port ${pg.port}`, stop: () => pg.stop() };
}

/** The union: the organisation with the most members, and how many it has. */
async function union(url) {
  const rows = await sql(url, 'SELECT organisation_id AS id, count(*)::int AS n FROM member GROUP BY 1 ORDER BY 2 DESC LIMIT 1').catch(() => []);
  return rows[0] ?? null;
}

async function prepareDatabase(serverUrl) {
  if (FRESH) { log(`--fresh: dropping ${DB}`); await sql(serverUrl, `DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`); }
  const exists = (await sql(serverUrl, 'SELECT 1 FROM pg_database WHERE datname = $1', [DB])).length > 0;
  if (!exists) await sql(serverUrl, `CREATE DATABASE ${DB}`);
  const url = withDb(serverUrl, DB);
  await apiCli(['migrate'], url, 120000);
  let u = await union(url);
  if (u && u.n >= MEMBERS) { log(`${DB} already holds ${u.n.toLocaleString('en-GB')} union members: reusing it (--fresh to rebuild)`); return { url, orgId: u.id, members: u.n }; }
  if (u) {
    log(`${DB} holds ${u.n} union members, not ${MEMBERS}: rebuilding it`);
    await sql(serverUrl, `DROP DATABASE ${DB} WITH (FORCE)`);
    await sql(serverUrl, `CREATE DATABASE ${DB}`);
    await apiCli(['migrate'], url, 120000);
  }
  log(`seeding ${MEMBERS.toLocaleString('en-GB')} union members with the API's CLI (once; several minutes)`);
  const t0 = Date.now();
  await apiCli(['seed', '--union-members', String(MEMBERS), '--campaign-members', String(CAMPAIGN_MEMBERS)], url, 60 * 60 * 1000);
  log(`seeded in ${((Date.now() - t0) / 1000).toFixed(0)} s; ANALYZE`);
  await sql(url, 'ANALYZE');
  u = await union(url);
  if (!u || u.n < MEMBERS) throw new Error(`seed produced ${u?.n ?? 0} union members, expected ${MEMBERS}`);
  return { url, orgId: u.id, members: u.n };
}

/** The three requests: the plain page, a filter (status + region) and a search (name prefix). */
async function variants(url, orgId) {
  const [{ region }] = await sql(url, `SELECT region FROM member WHERE organisation_id = $1 AND status = 'ACTIVE' AND region IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`, [orgId]);
  // The commonest 3-letter surname prefix from the second half of the alphabet: a full page of matches, and far enough
  // into the sort order that walking the sort index and filtering would be slow; only a prefix index keeps it fast.
  const [{ prefix }] = await sql(url, `SELECT lower(left(last_name, 3)) AS prefix FROM member WHERE organisation_id = $1 AND lower(last_name) >= 'n' GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`, [orgId]);
  const body = (variables) => ({ query: variables.filter ? QUERY_FILTERED : QUERY_PAGE, variables: { org: orgId, first: 50, ...variables } });
  return [
    { key: 'page', label: 'members page (no filter)', body: body({}) },
    { key: 'filter', label: `filter status ACTIVE + region "${region}"`, body: body({ filter: { status: { eq: 'ACTIVE' }, region: { eq: region } } }) },
    { key: 'search', label: `search "${prefix}" (name prefix)`, body: body({ filter: { search: prefix } }) },
  ];
}

/**
 * Sends the request a few times, one after another, with a generous timeout, and returns the slowest time: Mercurius
 * compiles a query with graphql-jit on its 2nd use (jit: 1), which blocks the whole process while it runs.
 */
async function prime(url, body, headers = {}, times = 3) {
  let slowest = 0;
  for (let i = 0; i < times; i += 1) {
    const t0 = Date.now();
    const r = await h.postJson(url, body, 180000, headers);
    if (r.status !== 200 || r.json?.errors) throw new Error(`${url}: ${r.status} ${r.text.slice(0, 500)}`);
    slowest = Math.max(slowest, Date.now() - t0);
  }
  return slowest;
}

/**
 * A signed-in agency admin, created as rls.cjs does it (the session row as `login` stores it: the SHA-256 of the token),
 * and the organisations its grant reaches (the root organisations and all their descendants), read independently of
 * the API to check the reach in the API's settings statement.
 */
async function signIn(dbUrl) {
  const token = `mst_s_${randomBytes(32).toString('base64url')}`;
  const tokenHash = createHash('sha256').update(token).digest('hex');
  const userId = randomUUID();
  const sessionId = randomUUID();
  await sql(dbUrl, `INSERT INTO app_user (id, email, name) VALUES ($1, $2, 'Bench Admin')`, [userId, `bench-${userId}@bench.example`]);
  await sql(dbUrl, `INSERT INTO membership (organisation_id, user_id, role) SELECT id, $1, 'AGENCY_ADMIN' FROM organisation WHERE parent_id IS NULL`, [userId]);
  await sql(dbUrl, `INSERT INTO session (id, user_id, token_hash, expires_at, last_used_at) VALUES ($1, $2, $3, now() + interval '1 day', now())`, [sessionId, userId, tokenHash]);
  const reach = (await sql(dbUrl, `WITH RECURSIVE r AS (SELECT organisation_id AS id FROM membership WHERE user_id = $1
    UNION SELECT o.id FROM organisation o JOIN r ON o.parent_id = r.id) SELECT id FROM r`, [userId])).map((r) => r.id);
  return { token, tokenHash, userId, sessionId, reach, headers: { authorization: `Bearer ${token}` } };
}

/** Removes the run's user (its session and membership first); nothing else refers to it. */
async function signOut(dbUrl, who) {
  await sql(dbUrl, 'DELETE FROM session WHERE user_id = $1', [who.userId]);
  await sql(dbUrl, 'DELETE FROM membership WHERE user_id = $1', [who.userId]);
  await sql(dbUrl, 'DELETE FROM app_user WHERE id = $1', [who.userId]);
}

/**
 * h.autocannon with request headers (the harness's autocannon sends none; rls.cjs has its own copy for the same reason):
 * autocannon in its own process, the same result fields as h.autocannon.
 */
function load(url, body, headers, { connections, duration }) {
  return new Promise((resolve, reject) => {
    const args = [require.resolve('autocannon/autocannon.js'), '-c', String(connections), '-d', String(duration), '-m', 'POST',
      '-H', 'content-type=application/json', ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}=${v}`]), '-b', JSON.stringify(body), '--json', url];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = ''; let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    const killer = setTimeout(() => child.kill('SIGKILL'), (duration + 30) * 1000);
    child.on('exit', (code) => {
      clearTimeout(killer);
      if (code !== 0) return reject(new Error(`autocannon exited ${code}: ${err.slice(-2000)}`));
      const r = JSON.parse(out);
      resolve({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, total: r.requests.total, non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts });
    });
  });
}

/** h.interleave with each target's headers: every round runs every target once, in a rotated order. */
async function interleave(targets, { runs, duration, connections }) {
  const results = Object.fromEntries(targets.map((t) => [t.name, []]));
  for (let round = 0; round < runs; round += 1) {
    for (const t of targets.map((_, i) => targets[(i + round) % targets.length])) {
      const r = await load(t.url, t.body, t.headers, { duration, connections });
      results[t.name].push(r);
      const bad = r.non2xx + r.errors + r.timeouts;
      log(`round ${round + 1}/${runs} ${t.name.padEnd(28)} ${r.rps.toFixed(0).padStart(6)} req/s  p99 ${r.p99} ms${bad ? `  ${bad} failed` : ''}`);
    }
  }
  return results;
}

const sameSet = (a, b) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/**
 * Runs each request through a throwaway API with pg hooked, and checks the floor's statements are the same. The API's
 * request transaction (the connection that ran START TRANSACTION, up to its COMMIT) must equal the floor's: START
 * TRANSACTION + the RLS settings statement, the page SELECT, COMMIT. The organisation ids in the settings are listed in
 * the order the API's reach walk produces; their set must be what the database says the user reaches, and the floor
 * is then given that order. Everything else the API ran must be the authentication lookup (keyed by the token's hash or
 * the session id), which the floor does not do. Returns the floor's environment.
 */
async function verifySameSql(dbUrl, vs, who) {
  const logFile = path.join(os.tmpdir(), `muster-bench-sql-${process.pid}.jsonl`);
  const port = await h.freePort();
  const url = `http://127.0.0.1:${port}/graphql`;
  const srv = await h.startServer('API (SQL capture)', ['-r', path.join(__dirname, 'capture-sql.cjs'), path.join(API_DIST, 'main.js')],
    { PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: dbUrl, DATABASE_POOL_SIZE: String(POOL_SIZE), BENCH_SQL_LOG: logFile, LOG_LEVEL: 'warn', NODE_ENV: 'production', MUSTER_RATE_LIMIT_USER: RATE_LIMIT_USER },
    async () => (await fetch(`http://127.0.0.1:${port}/health`)).ok);
  const captured = {};
  try {
    for (const v of vs) {
      await prime(url, v.body, who.headers); // the first requests look the organisation up once and JIT-compile; steady state is what we load
      fs.writeFileSync(logFile, '');
      const r = await h.postJson(url, v.body, 10000, who.headers);
      if (r.status !== 200 || r.json?.errors) throw new Error(`API ${v.key}: ${r.status} ${r.text.slice(0, 500)}`);
      captured[v.key] = fs.readFileSync(logFile, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
    }
  } finally { await h.stopServer(srv); fs.rmSync(logFile, { force: true }); }
  let order = null;
  for (const v of vs) {
    const all = captured[v.key];
    const start = all.findIndex((s) => s.text.startsWith(`${floor.BEGIN};`) || s.text === floor.BEGIN);
    if (start < 0) throw new Error(`The API opened no transaction for "${v.key}":\n${JSON.stringify(all, null, 1)}`);
    const conn = all[start].conn;
    const commit = all.findIndex((s, i) => i > start && s.conn === conn && s.text === floor.COMMIT);
    const inTx = all.filter((s, i) => s.conn === conn && i >= start && (commit < 0 || i <= commit));
    const outside = all.filter((s) => !inTx.includes(s));
    const ids = /set_config\('muster\.organisation_ids', '([^']*)', true\)/.exec(all[start].text)?.[1].split(',') ?? [];
    if (!sameSet(ids, who.reach)) throw new Error(`The API's reach for "${v.key}" is not the signed-in admin's (${who.reach.length} organisations): ${all[start].text}`);
    order ??= ids;
    const st = floor.statementFor(v.body.variables);
    const expected = [{ text: floor.rlsBegin({ organisationIds: order, userId: who.userId }), values: [] }, st, { text: floor.COMMIT, values: [] }];
    const got = inTx.map((s) => ({ text: s.text, values: s.values }));
    if (JSON.stringify(got) !== JSON.stringify(expected)) {
      throw new Error(`The API's SQL for "${v.key}" is not the floor's: update bench/members-page/floor.cjs.\nAPI:   ${JSON.stringify(got, null, 1)}\nfloor: ${JSON.stringify(expected, null, 1)}`);
    }
    const notAuth = outside.filter((s) => !s.values.includes(who.tokenHash) && !s.values.includes(who.sessionId));
    if (notAuth.length) throw new Error(`The API ran statements for "${v.key}" outside its transaction that are not the sign-in lookup:\n${JSON.stringify(notAuth, null, 1)}`);
    v.sql = st;
    v.authStatements = outside.length;
  }
  log(`the API runs exactly the floor's statements for every variant (START TRANSACTION + RLS settings for ${order.length} organisations, the page SELECT, COMMIT), ` +
    `plus ${[...new Set(vs.map((v) => v.authStatements))].join('/')} authentication lookup(s) outside the transaction that the floor does not do`);
  return { FLOOR_RLS_ORGANISATION_IDS: order.join(','), FLOOR_RLS_USER_ID: who.userId };
}

/**
 * EXPLAIN ANALYZE of each variant's page SELECT: proof of index use, and the database's share of the time. Run as the
 * API runs it: inside a transaction opened with the same settings statement (SET LOCAL ROLE muster_app + the reach), so
 * row-level security applies and a condition that is not leakproof shows up as a Filter instead of an Index Cond.
 */
async function explain(dbUrl, vs, floorEnv) {
  const c = new Client({ connectionString: dbUrl });
  await c.connect();
  try {
    await c.query(floor.beginFromEnv(floorEnv));
    const [{ role }] = (await c.query('SELECT current_user AS role')).rows;
    if (role !== 'muster_app') throw new Error(`EXPLAIN ran as ${role}, not muster_app`);
    for (const v of vs) {
      // Twice: the first run pays for a cold cache (a just-started server); the second is what a busy API sees.
      await c.query(`EXPLAIN (ANALYZE) ${v.sql.text}`, v.sql.values);
      const rows = (await c.query(`EXPLAIN (ANALYZE, BUFFERS) ${v.sql.text}`, v.sql.values)).rows.map((r) => r['QUERY PLAN']);
      v.plan = rows;
      v.indexes = [...new Set(rows.join('\n').match(/(?:Index (?:Only )?Scan(?: Backward)? using|Bitmap Index Scan on) (\w+)/g) ?? [])];
      v.seqScan = rows.some((l) => /Seq Scan on member\b/.test(l));
      v.execMs = Number(rows.find((l) => l.startsWith('Execution Time'))?.match(/[\d.]+/)?.[0]);
      v.filtered = rows.filter((l) => /^\s*Filter:/.test(l)).join(' ');
    }
    await c.query('ROLLBACK');
  } finally { await c.end(); }
}

async function main() {
  ensureBuilt();
  const server = await databaseServer();
  const started = [];
  let who = null; let dbUrl = null;
  const stopAll = async () => { for (const s of started.splice(0)) await h.stopServer(s); };
  process.on('SIGINT', () => { void stopAll().then(() => server.stop()).then(() => process.exit(130)); });
  try {
    const db = await prepareDatabase(server.url);
    const vs = (await variants(db.url, db.orgId)).filter((v) => !ONLY || ONLY.includes(v.key));
    who = await signIn(db.url);
    dbUrl = db.url;
    log(`signed in as a bench agency admin (bearer session token; reach: ${who.reach.length} organisations)`);
    const floorEnv = await verifySameSql(db.url, vs, who);
    await explain(db.url, vs, floorEnv);
    for (const v of vs) log(`${v.key}: indexes ${v.indexes.join(', ') || 'none'}${v.seqScan ? ' — SEQ SCAN on member!' : ''}; ${v.execMs} ms in PostgreSQL (as muster_app)${v.filtered ? `; ${v.filtered.trim()}` : ''}`);

    const apiPort = await h.freePort();
    const floorPort = await h.freePort();
    const apiLog = path.join(os.tmpdir(), `muster-bench-api-${process.pid}.log`);
    // The real API as it ships: Fastify + Mercurius (jit), JSON request logs at its default level (to a file).
    started.push(await h.startServer('API', [path.join(API_DIST, 'main.js')],
      { PORT: String(apiPort), HOST: '127.0.0.1', DATABASE_URL: db.url, DATABASE_POOL_SIZE: String(POOL_SIZE), NODE_ENV: 'production', MUSTER_RATE_LIMIT_USER: RATE_LIMIT_USER, ...API_ENV },
      async () => (await fetch(`http://127.0.0.1:${apiPort}/health`)).ok, 60000, { logFile: apiLog, cwd: path.dirname(API_DIST) }));
    started.push(await h.startServer('floor', [path.join(__dirname, 'floor.cjs')],
      { PORT: String(floorPort), DATABASE_URL: db.url, DATABASE_POOL_SIZE: String(POOL_SIZE), ...floorEnv },
      async () => (await h.postJson(`http://127.0.0.1:${floorPort}/`, vs[0].body, 2000)).status === 200));

    const rows = [];
    for (const v of vs) {
      if (v.execMs > SLOW_SQL_MS) {
        // Load would only measure PostgreSQL timing out, for both targets alike: report the SQL instead.
        log(`${v.label}: NOT loaded — its SELECT alone takes ${v.execMs} ms in PostgreSQL (see the plan in the results)`);
        rows.push({ v, skipped: true });
        continue;
      }
      const targets = [
        { name: `API · ${v.key}`, url: `http://127.0.0.1:${apiPort}/graphql`, body: v.body, headers: who.headers },
        { name: `floor · ${v.key}`, url: `http://127.0.0.1:${floorPort}/`, body: v.body, headers: {} },
      ];
      v.apiFirstUseMs = await prime(targets[0].url, v.body, targets[0].headers);
      await prime(targets[1].url, v.body);
      // Fairness: same JSON, byte for byte, from both.
      const [a, f] = await Promise.all(targets.map((t) => h.postJson(t.url, t.body, 10000, t.headers)));
      if (a.json?.data?.members?.edges?.length !== 50) throw new Error(`API ${v.key} returned ${a.text.slice(0, 300)}`);
      if (a.text !== f.text) throw new Error(`API and floor bodies differ for ${v.key}:\nAPI:   ${a.text.slice(0, 400)}\nfloor: ${f.text.slice(0, 400)}`);
      log(`${v.label}: identical 50-row bodies (${a.text.length} bytes); warm-up ${WARMUP} s each`);
      for (const t of targets) await load(t.url, t.body, t.headers, { duration: WARMUP, connections: CONNECTIONS });
      const res = await interleave(targets, { runs: RUNS, duration: DURATION, connections: CONNECTIONS });
      const api = res[targets[0].name]; const fl = res[targets[1].name];
      rows.push({
        v, apiRps: h.median(api.map((r) => r.rps)), floorRps: h.median(fl.map((r) => r.rps)),
        apiP99: h.median(api.map((r) => r.p99)), floorP99: h.median(fl.map((r) => r.p99)),
        ratio: h.median(api.map((r, i) => r.rps / fl[i].rps)),
        apiAll: api.map((r) => Math.round(r.rps)).join(', '), floorAll: fl.map((r) => Math.round(r.rps)).join(', '),
        failures: [...api, ...fl].reduce((n, r) => n + r.non2xx + r.errors + r.timeouts, 0),
      });
    }
    await stopAll();
    const pgVersion = (await sql(db.url, 'SHOW server_version'))[0].server_version;
    const head = execFileSync('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']).toString().trim();
    const md = [
      '# Members page: the real API against the floor',
      '',
      `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${h.machine()}; PostgreSQL ${pgVersion} (${server.note}); commit ${head}.`,
      `${db.members.toLocaleString('en-GB')} union members seeded by \`cli.js seed\`. API = \`node apps/api/dist/main.js\` (Fastify + Mercurius jit, request logs to a file);`,
      `The API is signed in: every request carries a bearer session token of an agency admin (reach: ${who.reach.length} organisations), per-user rate limit raised.`,
      'floor = bench/members-page/floor.cjs (node:http + pg, the same START TRANSACTION + RLS settings (SET LOCAL ROLE muster_app) / SELECT / COMMIT,',
      'verified against the API\'s captured statements at the start of the run, and the same JSON byte for byte) for that fixed principal, with NO',
      'authentication lookup: API/floor includes the cost of authenticating each request (bench/members-page/rls.cjs isolates the cost of RLS).',
      `pg pool ${POOL_SIZE} each; autocannon ${CONNECTIONS} connections in a separate process;`,
      `${WARMUP} s warm-up, then ${RUNS} interleaved rounds of ${DURATION} s per target. Medians; ratio = median of the per-round API/floor ratios. Goal: ≥ 0.70.`,
      `Command: \`node bench/members-page/run.cjs ${argv.join(' ')}\`${process.env.DATABASE_URL ? ' (with DATABASE_URL set)' : ''}`,
      ...(Object.keys(API_ENV).length ? [`Diagnostic run: the API was started with ${Object.entries(API_ENV).map(([k, v]) => `${k}=${v}`).join(' ')}.`] : []),
      '',
      '| request (first: 50, orderBy LAST_NAME) | API req/s | API p99 ms | floor req/s | floor p99 ms | API/floor | goal |',
      '|---|---:|---:|---:|---:|---:|:-:|',
      ...rows.map((r) => (r.skipped
        ? `| ${r.v.label} | — | — | — | — | — | not loaded: the SELECT alone takes ${Math.round(r.v.execMs)} ms |`
        : `| ${r.v.label} | ${r.apiRps.toFixed(0)} | ${r.apiP99} | ${r.floorRps.toFixed(0)} | ${r.floorP99} | ${r.ratio.toFixed(2)} | ${r.ratio >= 0.7 ? 'met' : 'missed'}${r.failures ? ` (${r.failures} failed requests)` : ''} |`)),
      '',
      'Per round (req/s): ' + rows.filter((r) => !r.skipped).map((r) => `${r.v.key}: API ${r.apiAll} / floor ${r.floorAll}`).join('; ') + '.',
      '',
      '## Index use (EXPLAIN ANALYZE of the page SELECT, second execution)',
      '',
      '| request | indexes used | seq scan on member | execution ms | slowest of the API\'s first 3 requests, ms |',
      '|---|---|:-:|---:|---:|',
      ...vs.map((v) => `| ${v.label} | ${v.indexes.map((i) => i.replace(/^.* /, '`') + '`').join(', ')} | ${v.seqScan ? 'YES' : 'no'} | ${v.execMs} | ${v.apiFirstUseMs ?? '—'} |`),
      '',
      ...vs.flatMap((v) => [`<details><summary>${v.label}</summary>`, '', '```', `${v.sql.text}`, `-- values: ${JSON.stringify(v.sql.values)}`, '', ...v.plan, '```', '</details>', '']),
    ].join('\n');
    process.stdout.write(`${md}\n`);
    const out = path.join(__dirname, '..', 'results', OUT_LABEL ? `members-page.${OUT_LABEL}.md` : 'members-page.md');
    fs.writeFileSync(out, md);
    log(`wrote ${path.relative(process.cwd(), out)}`);
    if (rows.some((r) => r.v.seqScan)) process.exitCode = 1;
  } finally {
    await stopAll();
    if (who) await signOut(dbUrl, who).catch((err) => log(`could not remove the bench user ${who.userId}: ${err.message}`));
    await server.stop();
  }
}

main().catch((err) => { console.error(err); process.exit(1); });
