#!/usr/bin/env node
'use strict';
// The member import benchmark (issue 4, item 8): a generated CSV of N UK members imported end to end through the REAL
// API (apps/api/dist/main.js with its job worker) next to a raw COPY of the same file into an empty staging table, in
// the same run; the API process's peak memory; and the export of the imported organisation.
//
//   node bench/import/run.cjs [--rows 1000000] [--runs 3] [--keep] [--existing 1000000] [--seed 4] [--label name]
//   pnpm --filter @muster/bench import -- --rows 2000 --runs 1
//
// Database: DATABASE_URL's server if set, else an embedded PostgreSQL from @muster/devstack (data in
// .muster/bench-import-postgres). The bench database `muster_bench_import` is migrated with the API's CLI on every run
// and seeded once with --existing union members (`cli.js seed`), so each import lands in a database that already holds
// other members and every member index (sorts, prefix, GIN, status/region/branch: the dashboard's and the list's).
// Each run imports into a FRESH organisation (a CLIENT under the agency) that is removed again afterwards (--keep
// keeps the organisations and the CSV file), followed by VACUUM ANALYZE so every run starts from the same state.
//
// Per run: (1) COPY … FROM STDIN (FORMAT csv, HEADER) of the file into an empty UNLOGGED staging table of text columns
// (the floor) and into an ordinary (logged) one; (2) a fresh API process; sign in (bench agency admin + session, as
// bench/members-page/run.cjs does); POST /imports with the file streamed as the body; correct the suggested mapping with
// updateMemberImport only where it differs from the obvious one; startImportDryRun → DRY_RUN_DONE (timed on its own);
// startMemberImport → COMPLETED, polling memberImport(id) every 250 ms; (3) /proc/<pid>/status sampled every 100 ms
// (VmRSS, and VmHWM = the kernel's peak); (4) GET /exports/members.csv of the organisation (404 from the router: "not
// available on this branch"); (5) checks in the database: member count, no duplicate membership number/email/mobile.
const path = require('node:path');
const fs = require('node:fs');
const os = require('node:os');
const http = require('node:http');
const { pipeline } = require('node:stream/promises');
const { execFileSync, spawn } = require('node:child_process');
const { createHash, randomBytes, randomUUID } = require('node:crypto');
const { Client } = require('pg');
const { from: copyFrom } = require('pg-copy-streams');
const h = require('../lib/harness.cjs');
const { withDb, sql, apiCli } = h;
const { generate, HEADER, EXPECTED_MAPPING } = require('./generate.cjs');
const { batchTable } = require('./batches.cjs');

const argv = process.argv.slice(2);
const opt = (name, dflt) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : dflt; };
const ROWS = Number(opt('rows', 1000000));
const RUNS = Number(opt('runs', 3));
const KEEP = argv.includes('--keep');
const DOMAIN = !argv.includes('--no-domain');
// --start-by HH:MM (UTC): start no new run after that time; the runs done so far are reported.
const START_BY = opt('start-by', null);
// Diagnostics: --api-env K=V (repeatable) adds env to the API (e.g. MUSTER_IMPORT_DEBUG=1: the API logs where each batch's time goes).
const API_ENV = Object.fromEntries(argv.flatMap((a, i) => (a === '--api-env' ? [argv[i + 1].split(/=(.*)/s).slice(0, 2)] : [])));
const EXISTING = Number(opt('existing', 1000000));
const SEED = Number(opt('seed', 4));
const DB = opt('database', 'muster_bench_import');
const OUT_LABEL = opt('label', null);
const PHASE_TIMEOUT_MS = Number(opt('timeout-minutes', 60)) * 60000;
const POLL_MS = 250;
const SAMPLE_MS = 100;
const RATE_LIMIT_USER = '1000000000';
const ROOT = h.root;
const API_DIST = path.join(ROOT, 'apps', 'api', 'dist');
const API_NODE_FLAGS = JSON.parse(fs.readFileSync(path.join(ROOT, 'apps', 'api', 'node-flags.json'), 'utf8'));
const STATE = path.join(ROOT, '.muster');
const WORK = path.join(os.tmpdir(), 'muster-bench-import');
const GOAL_RATIO = 0.10;
const GOAL_RSS_MB = 300;
const log = (m) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${m}`);
const secs = (ms) => ms / 1000;
const fmt = (x, d = 1) => (x === null || x === undefined || Number.isNaN(x) ? '—' : Number(x).toFixed(d));
const int = (x) => (x === null || x === undefined ? '—' : Math.round(x).toLocaleString('en-GB'));

const IMPORT_FIELDS = 'id status fileName byteSize encoding delimiter hasHeader error durationSeconds rowsPerSecond startedAt finishedAt rejectsUrl ' +
  'columns { index header field suggested } dryRun { total done created updated unchanged rejected } ' +
  'progress { total done created updated unchanged rejected } dryRunSamples { rowNumber outcome summary reasons }';
const Q_IMPORT = `query BenchImport($id: ID!) { memberImport(id: $id) { ${IMPORT_FIELDS} } }`;
const M_UPDATE = `mutation BenchMapping($input: UpdateMemberImportInput!) { updateMemberImport(input: $input) { id status } }`;
const M_DRY = 'mutation BenchDryRun($id: ID!) { startImportDryRun(id: $id) { id status } }';
const M_START = 'mutation BenchStart($id: ID!) { startMemberImport(id: $id) { id status } }';

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
  log('starting an embedded PostgreSQL (@muster/devstack), data in .muster/bench-import-postgres');
  fs.mkdirSync(STATE, { recursive: true });
  const pg = await devstack.startEmbeddedPostgres({ dataDir: path.join(STATE, 'bench-import-postgres'), port: 54340, fast: true, logFile: path.join(STATE, 'bench-import-postgres.log') });
  return { url: pg.url('postgres'), note: `embedded PostgreSQL on port ${pg.port}, fsync off`, stop: () => pg.stop() };
}

/** Migrated (every run: new migrations apply), seeded once with EXISTING union members, reused. */
async function prepareDatabase(serverUrl) {
  const exists = (await sql(serverUrl, 'SELECT 1 FROM pg_database WHERE datname = $1', [DB])).length > 0;
  if (!exists) await sql(serverUrl, `CREATE DATABASE ${DB}`);
  const url = withDb(serverUrl, DB);
  await apiCli(['migrate'], url, 300000);
  const count = async () => Number((await sql(url, 'SELECT count(*) AS n FROM member'))[0].n);
  let n = await count();
  if (n < EXISTING) {
    log(`${DB} holds ${n.toLocaleString('en-GB')} members, fewer than --existing ${EXISTING.toLocaleString('en-GB')}: seeding (once; minutes)`);
    if (n > 0) { await sql(serverUrl, `DROP DATABASE ${DB} WITH (FORCE)`); await sql(serverUrl, `CREATE DATABASE ${DB}`); await apiCli(['migrate'], url, 300000); }
    await apiCli(['seed', '--union-members', String(EXISTING), '--campaign-members', '5000'], url, 60 * 60 * 1000);
    await sql(url, 'ANALYZE');
    n = await count();
  }
  const agency = (await sql(url, `SELECT id FROM organisation WHERE parent_id IS NULL AND kind = 'AGENCY' ORDER BY created_at LIMIT 1`))[0];
  if (!agency) throw new Error(`${DB} has no agency organisation (was it seeded?)`);
  const indexes = (await sql(url, `SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'member' ORDER BY 1`)).map((r) => r.indexname);
  return { url, existing: n, agencyId: agency.id, indexes };
}

/** A bench agency admin with a bearer session (the session row as `login` stores it), as bench/members-page/run.cjs. */
async function signIn(dbUrl) {
  const token = `mst_s_${randomBytes(32).toString('base64url')}`;
  const tokenHash = createHash('sha256').update(token).digest('hex');
  const userId = randomUUID();
  await sql(dbUrl, `INSERT INTO app_user (id, email, name) VALUES ($1, $2, 'Bench Importer')`, [userId, `bench-import-${userId}@bench.example`]);
  await sql(dbUrl, `INSERT INTO membership (organisation_id, user_id, role) SELECT id, $1, 'AGENCY_ADMIN' FROM organisation WHERE parent_id IS NULL`, [userId]);
  await sql(dbUrl, `INSERT INTO session (id, user_id, token_hash, expires_at, last_used_at) VALUES ($1, $2, $3, now() + interval '1 day', now())`, [randomUUID(), userId, tokenHash]);
  return { userId, headers: { authorization: `Bearer ${token}` } };
}

/** Every table with an organisation_id column, for cleaning an organisation out (the catalog finds later tables too). */
async function orgTables(c) {
  return (await c.query(`SELECT c.table_name FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
    WHERE c.table_schema = 'public' AND c.column_name = 'organisation_id' AND t.table_type = 'BASE TABLE' AND c.table_name <> 'organisation' ORDER BY 1`)).rows.map((r) => r.table_name);
}

/** Removes an organisation and everything in it (as the superuser, triggers and FK checks off), then the user. */
async function removeOrganisation(dbUrl, orgId) {
  const c = new Client({ connectionString: dbUrl });
  await c.connect();
  try {
    await c.query('BEGIN');
    await c.query('SET LOCAL session_replication_role = replica');
    for (const t of await orgTables(c)) await c.query(`DELETE FROM "${t}" WHERE organisation_id = $1`, [orgId]);
    await c.query('DELETE FROM organisation WHERE id = $1', [orgId]);
    // The import's jobs too (an interrupted run leaves them queued, and the next API would pick them up).
    if ((await c.query(`SELECT to_regclass('pgboss.job') AS t`)).rows[0].t) await c.query(`DELETE FROM pgboss.job WHERE data->>'organisationId' = $1`, [orgId]);
    await c.query('COMMIT');
  } catch (err) { await c.query('ROLLBACK').catch(() => undefined); throw err; } finally { await c.end(); }
}

async function removeUser(dbUrl, userId) {
  const c = new Client({ connectionString: dbUrl });
  await c.connect();
  try {
    await c.query('BEGIN');
    await c.query('SET LOCAL session_replication_role = replica');
    await c.query('DELETE FROM audit_event WHERE actor_user_id = $1', [userId]);
    await c.query('DELETE FROM session WHERE user_id = $1', [userId]);
    await c.query('DELETE FROM membership WHERE user_id = $1', [userId]);
    await c.query('DELETE FROM app_user WHERE id = $1', [userId]);
    await c.query('COMMIT');
  } catch (err) { await c.query('ROLLBACK').catch(() => undefined); throw err; } finally { await c.end(); }
}

async function createOrganisation(dbUrl, agencyId, run) {
  const id = randomUUID();
  const stamp = new Date().toISOString().replace(/[-:.TZ]/g, '').slice(0, 14);
  await sql(dbUrl, `INSERT INTO organisation (id, parent_id, kind, name, slug) VALUES ($1, $2, 'CLIENT', $3, $4)`,
    [id, agencyId, `Bench Import ${stamp} run ${run}`, `bench-import-${stamp}-${run}-${id.slice(0, 8)}`]);
  return id;
}

/** The floor: COPY of the file into an empty staging table of text columns; returns seconds and rows. */
async function copyFloor(dbUrl, file, unlogged) {
  const c = new Client({ connectionString: dbUrl });
  await c.connect();
  const table = `bench_import_staging_${process.pid}`;
  try {
    await c.query(`DROP TABLE IF EXISTS ${table}`);
    await c.query(`CREATE ${unlogged ? 'UNLOGGED ' : ''}TABLE ${table} (${HEADER.map((_, i) => `c${i + 1} text`).join(', ')})`);
    const t0 = performance.now();
    await pipeline(fs.createReadStream(file, { highWaterMark: 1 << 20 }), c.query(copyFrom(`COPY ${table} FROM STDIN (FORMAT csv, HEADER)`)));
    const ms = performance.now() - t0;
    const rows = Number((await c.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
    return { seconds: secs(ms), rows };
  } finally {
    await c.query(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
    await c.end();
  }
}

/** /proc/<pid>/status of the API process (and any children it starts), sampled every SAMPLE_MS. */
function memorySampler(pid) {
  const kb = (text, key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0);
  const children = (p) => {
    const out = [];
    try {
      for (const t of fs.readdirSync(`/proc/${p}/task`)) {
        const list = fs.readFileSync(`/proc/${p}/task/${t}/children`, 'utf8').trim();
        if (list) for (const c of list.split(/\s+/)) out.push(Number(c), ...children(Number(c)));
      }
    } catch { /* gone */ }
    return out;
  };
  const s = { phase: 'start', peakRssByPhase: {}, hwmKb: 0, treePeakKb: 0, childPids: new Set() };
  const sample = () => {
    try {
      const st = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      const rss = kb(st, 'VmRSS');
      s.hwmKb = Math.max(s.hwmKb, kb(st, 'VmHWM'));
      s.peakRssByPhase[s.phase] = Math.max(s.peakRssByPhase[s.phase] ?? 0, rss);
      let tree = rss;
      for (const c of children(pid)) {
        s.childPids.add(c);
        try { tree += kb(fs.readFileSync(`/proc/${c}/status`, 'utf8'), 'VmRSS'); } catch { /* gone */ }
      }
      s.treePeakKb = Math.max(s.treePeakKb, tree);
    } catch { /* the process ended */ }
  };
  const timer = setInterval(sample, SAMPLE_MS);
  sample();
  return { state: s, setPhase: (p) => { sample(); s.phase = p; }, stop: () => { sample(); clearInterval(timer); return s; } };
}

/** POST the file as the request body, streamed from disk. */
function upload(url, file, headers, timeoutMs) {
  return new Promise((resolve, reject) => {
    const size = fs.statSync(file).size;
    let settled = false;
    const req = http.request(url, { method: 'POST', headers: { ...headers, 'content-type': 'text/csv', 'content-length': String(size) } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { if (body.length < 100000) body += d; });
      res.on('end', () => { settled = true; resolve({ status: res.statusCode, text: body, json: (() => { try { return JSON.parse(body); } catch { return null; } })() }); });
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`upload timed out after ${timeoutMs} ms`)));
    // A server that answers before reading the whole body (an error, or a route that does not exist) may close the
    // socket under the upload (EPIPE/ECONNRESET): its answer, if one comes, is what counts.
    req.on('error', (err) => { setTimeout(() => { if (!settled) reject(err); }, 2000); });
    const rs = fs.createReadStream(file, { highWaterMark: 1 << 20 });
    rs.on('error', reject);
    rs.pipe(req);
  });
}

/** The router's 404 (no such route: "Cannot POST /imports…", or Fastify's own "Route POST:/imports not found"), as opposed to a
 *  NOT_FOUND answered by the route itself (e.g. an organisation the user cannot reach). */
const NO_ROUTE = /^(?:Cannot (?:GET|POST) \/|Route (?:GET|POST):\/)/;
const routeMissing = (status, text) => {
  if (status !== 404) return false;
  let j = null; try { j = JSON.parse(text); } catch { /* not JSON */ }
  return NO_ROUTE.test(j?.errors?.[0]?.message ?? j?.message ?? '');
};

async function gql(api, query, variables, headers) {
  const r = await h.postJson(`${api}/graphql`, { query, variables }, 60000, headers);
  if (r.status !== 200 || r.json?.errors || !r.json?.data) throw new Error(`GraphQL ${query.slice(0, 40)}…: ${r.status} ${r.text.slice(0, 800)}`);
  return r.json.data;
}

/** Polls memberImport(id) until `done(status)`; throws on FAILED/CANCELLED or timeout. Returns the last answer. */
async function pollImport(api, id, headers, done, what) {
  const deadline = Date.now() + PHASE_TIMEOUT_MS;
  let last = null; let lastLog = 0;
  while (Date.now() < deadline) {
    last = (await gql(api, Q_IMPORT, { id }, headers)).memberImport;
    if (!last) throw new Error(`memberImport(${id}) is null`);
    if (done(last.status)) return last;
    if (['FAILED', 'CANCELLED'].includes(last.status)) throw new Error(`${what}: import ${last.status}: ${last.error ?? ''}`);
    if (Date.now() - lastLog > 10000) {
      lastLog = Date.now();
      const p = last.progress;
      log(`  ${what}: ${last.status} ${p ? `${int(p.done)}/${int(p.total)} rows` : ''}${last.rowsPerSecond ? ` (${int(last.rowsPerSecond)} rows/s reported)` : ''}`);
    }
    await h.sleep(POLL_MS);
  }
  throw new Error(`${what}: not done after ${PHASE_TIMEOUT_MS / 60000} min (last status ${last?.status})`);
}

/** GET the export, streamed and counted (never held); null when the route is not on this branch. */
function exportCsv(url, headers, timeoutMs) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.get(url, { headers }, (res) => {
      let bytes = 0; let newlines = 0; let head = '';
      res.on('data', (d) => {
        bytes += d.length;
        if (head.length < 2000) head += d.toString('utf8');
        for (let i = d.indexOf(10); i >= 0; i = d.indexOf(10, i + 1)) newlines += 1;
      });
      res.on('end', () => resolve({ status: res.statusCode, seconds: secs(performance.now() - t0), bytes, newlines, head, contentDisposition: res.headers['content-disposition'] }));
      res.on('error', reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`export timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
  });
}

/** The checks after the import: members in the organisation and no duplicate key among them. */
async function verify(dbUrl, orgId) {
  const one = async (text) => (await sql(dbUrl, text, [orgId]))[0];
  const members = Number((await one('SELECT count(*) AS n FROM member WHERE organisation_id = $1')).n);
  const dupNumbers = Number((await one(`SELECT count(*) - count(DISTINCT membership_number_key) AS n FROM member WHERE organisation_id = $1 AND membership_number_key <> ''`)).n);
  const dupEmails = Number((await one('SELECT count(*) - count(DISTINCT address) AS n FROM member_email WHERE organisation_id = $1')).n);
  const dupPhones = Number((await one(`SELECT count(*) - count(DISTINCT e164) AS n FROM member_phone WHERE organisation_id = $1 AND type = 'MOBILE'`)).n);
  const emails = Number((await one('SELECT count(*) AS n FROM member_email WHERE organisation_id = $1')).n);
  const phones = Number((await one('SELECT count(*) AS n FROM member_phone WHERE organisation_id = $1')).n);
  const hasConsent = (await sql(dbUrl, `SELECT 1 FROM information_schema.tables WHERE table_schema = 'public' AND table_name = 'consent_record'`)).length > 0;
  const consents = hasConsent ? Number((await one('SELECT count(*) AS n FROM consent_record WHERE organisation_id = $1')).n) : null;
  return { members, dupNumbers, dupEmails, dupPhones, emails, phones, consents };
}

/**
 * The schema's floor: the rows the import wrote (members, emails, phones, consent records, import links) copied by
 * plain INSERT … SELECT into another fresh organisation, table by table, in one transaction that is rolled back:
 * the same indexes, triggers and foreign keys, none of the application's work (no parsing, matching or planning).
 * What an import into these tables cannot go below on this machine, next to COPY into a bare table.
 */
async function sqlFloor(dbUrl, agencyId, orgId, run) {
  const { Client } = require('pg');
  const c = new Client({ connectionString: dbUrl });
  await c.connect();
  const seconds = {};
  try {
    await c.query('BEGIN');
    const floorOrg = randomUUID();
    await c.query(`INSERT INTO organisation (id, parent_id, kind, name, slug) VALUES ($1, $2, 'CLIENT', $3, $3)`, [floorOrg, agencyId, `bench-floor-${run}-${floorOrg.slice(0, 8)}`]);
    for (const table of ['member_import', 'member', 'member_email', 'member_phone', 'consent_record', 'member_import_member']) {
      const cols = (await c.query(`SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1
                                     AND is_generated = 'NEVER' ORDER BY ordinal_position`, [table])).rows.map((r) => r.column_name);
      if (cols.length === 0) continue; // not on this branch
      const list = cols.map((x) => `"${x}"`).join(', ');
      const select = cols.map((x) => (x === 'organisation_id' ? '$1::uuid' : `"${x}"`)).join(', ');
      const t0 = performance.now();
      await c.query(`INSERT INTO "${table}" (${list}) SELECT ${select} FROM "${table}" WHERE organisation_id = $2 ORDER BY 1`, [floorOrg, orgId]);
      if (table !== 'member_import') seconds[table] = (performance.now() - t0) / 1000;
    }
  } finally {
    await c.query('ROLLBACK').catch(() => undefined);
    await c.end();
  }
  return { seconds, total: Object.values(seconds).reduce((a, b) => a + b, 0) };
}

async function oneRun(run, ctx) {
  const { db, file, gen, who } = ctx;
  const r = { run, loadavg: os.loadavg().map((x) => x.toFixed(2)).join(' ') };
  log(`run ${run}/${RUNS}: load average ${r.loadavg}`);

  // (1) The floor, unlogged first (the reference: the faster of the two), then logged.
  const unlogged = await copyFloor(db.url, file, true);
  const logged = await copyFloor(db.url, file, false);
  if (unlogged.rows !== gen.rows) throw new Error(`COPY read ${unlogged.rows} records, the generator wrote ${gen.rows}`);
  Object.assign(r, { copyUnlogged: unlogged.seconds, copyLogged: logged.seconds });
  log(`  COPY: unlogged ${fmt(unlogged.seconds, 2)} s (${int(gen.rows / unlogged.seconds)} rows/s), logged ${fmt(logged.seconds, 2)} s`);

  // (2) A fresh organisation and a fresh API process (so its peak memory is this run's). The worktree may be rebuilt
  // by others between runs: note which commit was checked out and when apps/api/dist was built as the API started.
  r.head = execFileSync('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']).toString().trim();
  r.distBuilt = fs.statSync(path.join(API_DIST, 'main.js')).mtime.toISOString().slice(11, 19);
  const orgId = await createOrganisation(db.url, db.agencyId, run);
  r.orgId = orgId;
  ctx.orgs.push(orgId);
  const port = await h.freePort();
  const api = `http://127.0.0.1:${port}`;
  const apiLog = path.join(WORK, `api-run${run}-${process.pid}.log`);
  // The API runs with the heap flags it runs with everywhere (apps/api/node-flags.json, also in `npm start`).
  const srv = await h.startServer('API', [...API_NODE_FLAGS, path.join(API_DIST, 'main.js')],
    { PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: db.url, NODE_ENV: 'production', MUSTER_RATE_LIMIT_USER: RATE_LIMIT_USER, ...API_ENV },
    async () => (await fetch(`${api}/health`)).ok, 120000, { logFile: apiLog, cwd: path.dirname(API_DIST) });
  ctx.started.push(srv);
  const mem = memorySampler(srv.child.pid);
  try {
    // Is the import route on this branch? An unknown organisation answers NOT_FOUND in the API's error shape.
    const probe = await upload(`${api}/imports?organisationId=${randomUUID()}&fileName=probe.csv`, path.join(WORK, 'empty.csv'), who.headers, 30000);
    if (routeMissing(probe.status, probe.text)) { r.importMissing = true; log('  POST /imports: no such route on this branch — import not measured'); return r; }

    mem.setPhase('upload');
    const q = new URLSearchParams({ organisationId: orgId, fileName: path.basename(file) });
    const t0 = performance.now();
    const up = await upload(`${api}/imports?${q}`, file, who.headers, PHASE_TIMEOUT_MS);
    if (up.status !== 201 || !up.json?.data?.memberImport?.id) throw new Error(`POST /imports: ${up.status} ${up.text.slice(0, 800)}`);
    const id = up.json.data.memberImport.id;
    r.upload = secs(performance.now() - t0);
    let imp = await pollImport(api, id, who.headers, (s) => s !== 'ANALYSING' && s !== 'UPLOADING', 'analysis');
    r.analysed = secs(performance.now() - t0);
    r.detected = { encoding: imp.encoding, delimiter: imp.delimiter, hasHeader: imp.hasHeader, byteSize: imp.byteSize, status: imp.status };
    log(`  upload ${fmt(r.upload, 2)} s: ${imp.status}, ${imp.encoding}, delimiter ${JSON.stringify(imp.delimiter)}, header ${imp.hasHeader}, ${int(imp.byteSize)} bytes`);

    // The suggested mapping, corrected only where it differs from what a person would choose.
    const wrong = imp.columns.filter((c) => c.field !== EXPECTED_MAPPING[c.index]);
    r.corrections = wrong.map((c) => `${c.header}: ${c.field} → ${EXPECTED_MAPPING[c.index]}`);
    if (wrong.length) {
      log(`  correcting ${wrong.length} suggested column(s): ${r.corrections.join('; ')}`);
      await gql(api, M_UPDATE, { input: { id, columns: imp.columns.map((c) => ({ index: c.index, field: EXPECTED_MAPPING[c.index] })) } }, who.headers);
    }
    r.mappingDone = secs(performance.now() - t0);

    mem.setPhase('dry run');
    const d0 = performance.now();
    await gql(api, M_DRY, { id }, who.headers);
    imp = await pollImport(api, id, who.headers, (s) => s === 'DRY_RUN_DONE', 'dry run');
    r.dryRun = secs(performance.now() - d0);
    r.dryCounts = imp.dryRun;
    r.samples = imp.dryRunSamples;
    log(`  dry run ${fmt(r.dryRun, 1)} s: ${JSON.stringify(imp.dryRun)}`);

    mem.setPhase('import');
    r.importStartedAt = Date.now();
    const i0 = performance.now();
    await gql(api, M_START, { id }, who.headers);
    imp = await pollImport(api, id, who.headers, (s) => s === 'COMPLETED', 'import');
    r.import = secs(performance.now() - i0);
    r.counts = imp.progress;
    r.serverSeconds = imp.durationSeconds;
    r.serverRowsPerSecond = imp.rowsPerSecond;
    r.rejectsUrl = imp.rejectsUrl;
    // End to end = upload (with analysis) + mapping + the real import; the dry run is reported apart.
    r.endToEnd = r.mappingDone + r.import;
    r.rowsPerSecond = gen.rows / r.endToEnd;
    r.ratio = r.copyUnlogged / r.endToEnd;
    r.ratioWithDry = r.copyUnlogged / (r.endToEnd + r.dryRun);
    log(`  import ${fmt(r.import, 1)} s; end to end ${fmt(r.endToEnd, 1)} s = ${int(r.rowsPerSecond)} rows/s, ratio to COPY ${fmt(r.ratio, 3)}: ${JSON.stringify(imp.progress)}`);

    mem.setPhase('export');
    const ex = await exportCsv(`${api}/exports/members.csv?${new URLSearchParams({ organisationId: orgId })}`, who.headers, PHASE_TIMEOUT_MS);
    if (routeMissing(ex.status, ex.head)) { r.exportNote = 'not available on this branch'; log('  export: GET /exports/members.csv is not on this branch'); }
    else if (ex.status !== 200) r.exportNote = `HTTP ${ex.status}: ${ex.head.slice(0, 200)}`;
    else { r.export = ex.seconds; r.exportBytes = ex.bytes; r.exportLines = ex.newlines; log(`  export ${fmt(ex.seconds, 1)} s, ${int(ex.bytes)} bytes, ${int(ex.newlines)} lines`); }
    mem.setPhase('end');
  } finally {
    const m = mem.stop();
    await h.stopServer(srv);
    ctx.started.splice(ctx.started.indexOf(srv), 1);
    r.hwmMb = m.hwmKb / 1024;
    r.treePeakMb = m.treePeakKb / 1024;
    r.children = m.childPids.size;
    r.rssByPhase = Object.fromEntries(Object.entries(m.peakRssByPhase).map(([k, v]) => [k, v / 1024]));
    const logText = fs.existsSync(apiLog) ? fs.readFileSync(apiLog, 'utf8') : '';
    r.apiLogTail = [...new Set(logText.split('\n').filter((l) => /"level":(40|50|60)/.test(l)).map((l) => l.replace(/"time":\d+,"pid":\d+,/, '')))].slice(-8);
    if (r.importStartedAt) r.batches = batchTable(logText, r.importStartedAt);
    r.apiLog = apiLog; // kept (in $TMPDIR) for a look at what the API logged
  }
  if (r.counts) {
    r.verify = await verify(db.url, orgId);
    log(`  in the database: ${int(r.verify.members)} members, duplicate membership numbers ${r.verify.dupNumbers}, emails ${r.verify.dupEmails}, mobiles ${r.verify.dupPhones}`);
    r.sqlFloor = await sqlFloor(db.url, db.agencyId, orgId, run);
    r.ratioToSqlFloor = r.sqlFloor.total / r.import;
    log(`  SQL floor (the same rows by INSERT … SELECT, rolled back): ${fmt(r.sqlFloor.total, 1)} s ${JSON.stringify(Object.fromEntries(Object.entries(r.sqlFloor.seconds).map(([k, v]) => [k, Number(v.toFixed(1))])))}; import / floor ${fmt(r.import / r.sqlFloor.total, 2)}`);
  }
  log(`  API peak memory: VmHWM ${fmt(r.hwmMb, 0)} MB${r.children ? `, process tree peak ${fmt(r.treePeakMb, 0)} MB (${r.children} children)` : ''}`);
  return r;
}

function markdown(ctx, results) {
  const { db, gen, server, genSeconds, pgVersion, head } = ctx;
  const ok = results.filter((r) => r.counts);
  const med = (f) => { const xs = ok.map(f).filter((x) => typeof x === 'number'); return xs.length ? h.median(xs) : null; };
  const medAll = (f) => { const xs = results.map(f).filter((x) => typeof x === 'number'); return xs.length ? h.median(xs) : null; };
  const mb = (x) => fmt(x, 0);
  const exportCell = (r) => (r.export !== undefined ? `${fmt(r.export, 1)}` : (r.exportNote ?? '—'));
  const ratio = med((r) => r.ratio);
  const rss = med((r) => r.hwmMb);
  const e = ok[0]?.verify;
  const c = ok[0]?.counts;
  const dc = ok[0]?.dryCounts;
  const lines = [
    '# Member import: the real API against a raw COPY of the same file',
    '',
    `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${h.machine()}; PostgreSQL ${pgVersion} (${server.note}); HEAD ${head} when written (per run: see the details).`,
    `Command: \`${process.env.DATABASE_URL ? `DATABASE_URL=${process.env.DATABASE_URL} ` : ''}node bench/import/run.cjs ${argv.join(' ')}\``,
    ...(Object.keys(API_ENV).length ? [`The API ran with ${Object.entries(API_ENV).map(([k, v]) => `${k}=${v}`).join(' ')} (diagnostics).`] : []),
    '',
    `**File**: ${int(gen.rows)} data records (+ header), ${int(gen.bytes)} bytes, UTF-8, comma, CRLF, generated in ${fmt(genSeconds, 1)} s by`,
    `bench/import/generate.cjs (seed ${SEED}, sha256 \`${gen.sha256.slice(0, 16)}…\`): ${int(gen.members)} distinct members, ${int(gen.repeats)} repeats of an`,
    `earlier member (same membership number), ${int(gen.blank)} blank rows, ${int(gen.garbage)} garbage rows (no name and no identifier, status "xyz",`,
    `an invalid email as the only identifier, support level 9), ${int(gen.garbagePhones)} garbage mobiles (7.7009E+09, n/a, …: a warning, not a rejection),`,
    `${int(gen.quotedNewlines)} quoted cells with a newline; commas and "" inside quoted cells; phones as 07…, +44 …, 0044…, (07…), +44 (0)…;`,
    'mixed-case and space-padded emails; lower-case and unspaced postcodes; dates as dd/mm/yyyy, yyyy-mm-dd and d Mon yyyy; tags split on , ; |.',
    '',
    `**Database**: \`${DB}\`, migrated, already holding ${int(db.existing)} members (\`cli.js seed\`) and all ${db.indexes.length} member indexes`,
    `(${db.indexes.map((i) => `\`${i}\``).join(', ')}). Each run imports into a fresh organisation (removed afterwards${KEEP ? ' — not this time: --keep' : ''}, then VACUUM ANALYZE).`,
    '',
    '**Floor**: `COPY staging FROM STDIN (FORMAT csv, HEADER)` of the same file through pg-copy-streams into an empty **UNLOGGED** table of',
    `${HEADER.length} text columns (no index, no parsing beyond CSV); the same into an ordinary logged table is shown too. **API**: \`node apps/api/dist/main.js\``,
    '(NODE_ENV=production, its job worker in the same process) started fresh for each run, signed in as a bench agency admin (bearer session):',
    '`POST /imports` with the file streamed as the body (→ 201 once stored and analysed), `updateMemberImport` only where the suggested mapping',
    'differs from the obvious one, `startImportDryRun` until DRY_RUN_DONE (timed apart), `startMemberImport` until COMPLETED (`memberImport(id)`',
    `polled every ${POLL_MS} ms). **End to end** = upload + analysis + mapping + real import (the dry run is extra: the "with dry run" ratio adds it).`,
    '**Ratio** = COPY (unlogged) seconds / end-to-end seconds = import rows/s ÷ COPY rows/s; goal ≥ 0.10. **Peak RSS** = VmHWM of the API process from',
    `/proc/<pid>/status at the end of the run (sampled every ${SAMPLE_MS} ms throughout); goal ≤ ${GOAL_RSS_MB} MB.`,
    '',
    '| run | load avg at start | COPY unlogged s | COPY logged s | upload + analysis s | dry run s | import s | end to end s | rows/s | ratio to COPY | ratio with dry run | peak RSS MB (VmHWM) | export s |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...results.map((r) => (r.importMissing
      ? `| ${r.run} | ${r.loadavg} | ${fmt(r.copyUnlogged, 2)} | ${fmt(r.copyLogged, 2)} | import API not on this branch | | | | | | | ${mb(r.hwmMb)} | |`
      : `| ${r.run} | ${r.loadavg} | ${fmt(r.copyUnlogged, 2)} | ${fmt(r.copyLogged, 2)} | ${fmt(r.analysed, 1)} | ${fmt(r.dryRun, 1)} | ${fmt(r.import, 1)} | ${fmt(r.endToEnd, 1)} | ${int(r.rowsPerSecond)} | ${fmt(r.ratio, 3)} | ${fmt(r.ratioWithDry, 3)} | ${mb(r.hwmMb)} | ${exportCell(r)} |`)),
    `| **median** | | **${fmt(medAll((r) => r.copyUnlogged), 2)}** | ${fmt(medAll((r) => r.copyLogged), 2)} | ${fmt(med((r) => r.analysed), 1)} | **${fmt(med((r) => r.dryRun), 1)}** | ${fmt(med((r) => r.import), 1)} | **${fmt(med((r) => r.endToEnd), 1)}** | **${int(med((r) => r.rowsPerSecond))}** | **${fmt(ratio, 3)}** | ${fmt(med((r) => r.ratioWithDry), 3)} | **${mb(rss)}** | ${ok.some((r) => r.export !== undefined) ? `**${fmt(med((r) => r.export), 1)}**` : (ok[0]?.exportNote ?? '—')} |`,
    '',
    ok.length ? `Goals: ratio ≥ ${GOAL_RATIO}: **${ratio >= GOAL_RATIO ? 'met' : 'missed'}** (${fmt(ratio, 3)}); peak RSS ≤ ${GOAL_RSS_MB} MB: **${rss <= GOAL_RSS_MB ? 'met' : 'missed'}** (${mb(rss)} MB).` +
      ` COPY floor: ${int(gen.rows / medAll((r) => r.copyUnlogged))} rows/s unlogged, ${int(gen.rows / medAll((r) => r.copyLogged))} rows/s logged.`
      : 'The import was not measured (see the table).',
    '',
    ...(ok.some((r) => r.sqlFloor) ? [
      `**The schema's floor** (same run): the rows the import wrote, copied by plain \`INSERT … SELECT\` into another fresh organisation table by` +
      ` table (same indexes, triggers and foreign keys; no parsing, matching or planning), rolled back. Median **${fmt(med((r) => r.sqlFloor?.total), 1)} s**` +
      ` (${ok.filter((r) => r.sqlFloor).map((r) => Object.entries(r.sqlFloor.seconds).map(([k, v]) => `${k} ${fmt(v, 1)}`).join(', ')).join(' · ')});` +
      ` the import took **${fmt(med((r) => r.import / r.sqlFloor?.total), 2)}×** that floor, and the floor alone is` +
      ` ${fmt(med((r) => r.sqlFloor?.total / r.copyUnlogged), 1)}× the COPY into a bare table (ratio to COPY at best ${fmt(med((r) => r.copyUnlogged / r.sqlFloor?.total), 3)}).`, ''] : []),
    ...(ctx.domain ? [`**The domain code alone** (bench/import/domain.mjs, once before the runs: detect, decode, CsvParser, normaliseImportRow on one core, no database):`,
      `${fmt(ctx.domain.wallSeconds, 1)} s wall, **${fmt(ctx.domain.cpuSeconds, 1)} s CPU** for ${int(ctx.domain.records)} records = ${int(ctx.domain.rowsPerCpuSecond)} rows per CPU second` +
      ` (${int(ctx.domain.ok)} ok, ${int(ctx.domain.rejected)} rejected, ${int(ctx.domain.blank)} blank, ${int(ctx.domain.withWarnings)} with warnings). At the goal ratio the whole` +
      ` import may take ${fmt(medAll((r) => r.copyUnlogged) / GOAL_RATIO, 0)} s; this is the part no database work can remove on one core.`, ''] : []),
  ];
  if (ok.length) {
    lines.push(
      '## Per run details',
      '',
      '| run | HEAD at API start · dist built (UTC) | server durationSeconds | server rows/s | peak RSS MB by phase (VmRSS sampled) | process tree peak MB | mapping corrections |',
      '|---|---|---:|---:|---|---:|---|',
      ...ok.map((r) => `| ${r.run} | ${r.head} · ${r.distBuilt} | ${fmt(r.serverSeconds, 1)} | ${int(r.serverRowsPerSecond)} | ${Object.entries(r.rssByPhase).map(([k, v]) => `${k} ${mb(v)}`).join(', ')} | ${mb(r.treePeakMb)}${r.children ? ` (${r.children} children)` : ''} | ${r.corrections.length ? r.corrections.join('; ') : 'none (suggestion used as is)'} |`),
      '',
      '## Counts (run 1) against what the generator wrote',
      '',
      '| | total | created | updated | unchanged | rejected |',
      '|---|---:|---:|---:|---:|---:|',
      `| dry run | ${int(dc?.total)} | ${int(dc?.created)} | ${int(dc?.updated)} | ${int(dc?.unchanged)} | ${int(dc?.rejected)} |`,
      `| import | ${int(c.total)} | ${int(c.created)} | ${int(c.updated)} | ${int(c.unchanged)} | ${int(c.rejected)} |`,
      `| generator | ${int(gen.rows)} records (${int(gen.blank)} blank) | ${int(gen.members)} | ≤ ${int(gen.repeats)} (repeats) | | ${int(gen.garbage)} (garbage) |`,
      '',
      `In the database after the import: ${int(e.members)} members in the organisation (created by the import: ${int(c.created)}), ${int(e.emails)} emails, ${int(e.phones)} phones` +
        `${e.consents !== null ? `, ${int(e.consents)} consent records` : ''}; duplicate membership numbers **${e.dupNumbers}**, duplicate emails **${e.dupEmails}**, duplicate mobiles **${e.dupPhones}**.`,
      `Detected: ${JSON.stringify(ok[0].detected)}. Export: ${ok[0].export !== undefined ? `${int(ok[0].exportBytes)} bytes, ${int(ok[0].exportLines)} lines in ${fmt(ok[0].export, 1)} s` : ok[0].exportNote}.`,
      '',
    );
    const samples = ok[0].samples ?? [];
    if (samples.length) {
      lines.push('Dry-run samples (run 1):', '', '| row | outcome | summary | reasons |', '|---:|---|---|---|',
        ...samples.slice(0, 20).map((s) => `| ${s.rowNumber} | ${s.outcome} | ${String(s.summary).replace(/\|/g, '\\|').replace(/\n/g, ' ')} | ${s.reasons.join('; ').replace(/\|/g, '\\|')} |`), '');
    }
  }
  const withBatches = ok.find((r) => r.batches);
  if (withBatches) lines.push(`## Where the real run's time goes (run ${withBatches.run}; MUSTER_IMPORT_DEBUG=1: mean ms per batch phase, by tenth of the run)`, '', withBatches.batches, '');
  const errors = [...new Set(results.flatMap((r) => r.apiLogTail ?? []))];
  if (errors.length) lines.push('API log lines at warning level or above:', '', '```', ...errors.map((l) => l.slice(0, 400)), '```', '');
  return lines.join('\n');
}

/** Removes the runs' organisations (and what the import put in them), then VACUUM ANALYZE: the next run starts alike. */
async function cleanOrganisations(ctx) {
  const t0 = performance.now();
  while (ctx.orgs.length) { await removeOrganisation(ctx.db.url, ctx.orgs[0]); ctx.orgs.shift(); }
  await sql(ctx.db.url, 'VACUUM ANALYZE');
  log(`  removed the run's organisation and vacuumed in ${fmt(secs(performance.now() - t0), 0)} s`);
}

async function main() {
  ensureBuilt();
  fs.mkdirSync(WORK, { recursive: true });
  fs.writeFileSync(path.join(WORK, 'empty.csv'), '');
  const server = await databaseServer();
  const ctx = { server, started: [], orgs: [] };
  // Ctrl-C: stop the API, remove the runs' organisations (and their queued jobs) and the bench user, then exit.
  process.on('SIGINT', () => {
    log('interrupted: stopping the API and cleaning up');
    void (async () => {
      for (const s of ctx.started.splice(0)) await h.stopServer(s);
      if (!KEEP && ctx.orgs.length) await cleanOrganisations(ctx).catch((err) => log(`cleanup: ${err.message}`));
      if (ctx.who) await removeUser(ctx.db.url, ctx.who.userId).catch((err) => log(`cleanup: ${err.message}`));
      await server.stop();
      process.exit(130);
    })();
  });
  const file = path.join(WORK, `members-${ROWS}-seed${SEED}.csv`);
  const results = [];
  try {
    ctx.db = await prepareDatabase(server.url);
    log(`${DB}: ${ctx.db.existing.toLocaleString('en-GB')} members already, ${ctx.db.indexes.length} member indexes`);
    const g0 = performance.now();
    ctx.gen = await generate(file, { rows: ROWS, seed: SEED });
    ctx.genSeconds = secs(performance.now() - g0);
    ctx.file = file;
    log(`generated ${file}: ${ctx.gen.rows.toLocaleString('en-GB')} records, ${(ctx.gen.bytes / 2 ** 20).toFixed(1)} MiB in ${ctx.genSeconds.toFixed(1)} s`);
    if (DOMAIN) {
      log('the domain code alone on the file (parse + normalise, one core; --no-domain skips it)');
      ctx.domain = JSON.parse(execFileSync(process.execPath, [path.join(__dirname, 'domain.mjs'), file], { encoding: 'utf8', timeout: PHASE_TIMEOUT_MS, maxBuffer: 1 << 20 }).trim().split('\n').pop());
      log(`  ${ctx.domain.records.toLocaleString('en-GB')} records in ${ctx.domain.wallSeconds.toFixed(1)} s (${ctx.domain.cpuSeconds.toFixed(1)} s CPU): ${int(ctx.domain.rowsPerCpuSecond)} rows per CPU second; ${ctx.domain.rejected} rejected, ${ctx.domain.blank} blank`);
    }
    ctx.who = await signIn(ctx.db.url);
    for (let run = 1; run <= RUNS; run += 1) {
      if (START_BY && run > 1 && new Date().toISOString().slice(11, 16) >= START_BY) {
        log(`--start-by ${START_BY}: not starting run ${run} of ${RUNS}`);
        ctx.stoppedEarly = `${run - 1} of ${RUNS} runs (--start-by ${START_BY} UTC reached)`;
        break;
      }
      let r;
      try { r = await oneRun(run, ctx); } catch (err) {
        log(`run ${run} failed: ${err.stack ?? err}`);
        ctx.failure = `run ${run}: ${String(err.message ?? err).slice(0, 600)}`;
        break;
      }
      results.push(r);
      if (!KEEP) await cleanOrganisations(ctx);
      if (r.importMissing) break; // nothing more to learn from more runs
    }
    ctx.pgVersion = (await sql(ctx.db.url, 'SHOW server_version'))[0].server_version;
    ctx.head = execFileSync('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']).toString().trim();
    let md = markdown(ctx, results);
    if (ctx.failure) md += `\n**A run failed** (later runs not started): ${ctx.failure}\n`;
    if (ctx.stoppedEarly) md += `\nOnly ${ctx.stoppedEarly}.\n`;
    process.stdout.write(`${md}\n`);
    if (results.some((r) => r.counts)) {
      const out = path.join(__dirname, '..', 'results', OUT_LABEL ? `import.${OUT_LABEL}.md` : 'import.md');
      fs.writeFileSync(out, md);
      log(`wrote ${path.relative(process.cwd(), out)}`);
    } else {
      log('the import was not measured: no results file written');
      process.exitCode = 1;
    }
  } finally {
    for (const s of ctx.started.splice(0)) await h.stopServer(s);
    if (!KEEP && ctx.orgs.length) await cleanOrganisations(ctx).catch((err) => log(`could not remove the bench organisations ${ctx.orgs.join(', ')}: ${err.message}`));
    if (ctx.who) await removeUser(ctx.db.url, ctx.who.userId).catch((err) => log(`could not remove the bench user: ${err.message}`));
    if (!KEEP) fs.rmSync(file, { force: true });
    await server.stop();
  }
}

main().catch((err) => { console.error(err); process.exit(1); });
