#!/usr/bin/env node
'use strict';
// Segment counts at 1M members (issue 5, item 6): three typical segments, each counted through the REAL API
// (`segmentPreview`, signed in, row-level security on: what the builder's live count costs) next to the same SQL count
// run directly (the predicate compiled by the API's own segment.sql.js, on a plain owner connection: no HTTP, no
// GraphQL, no RLS), in the same run. Requests are sequential (one at a time): the builder asks once per pause in typing.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node bench/segments/run.cjs [--runs 5] [--samples 20] [--database muster_bench_segments]
//
// The database (default muster_bench_segments) is migrated and, when it has fewer than --members union members, seeded
// once with the API's CLI (the same 1M generator bench/members-page uses); --fresh rebuilds it. Results: the table on
// stdout and in bench/results/segments.md. p50/p95 are per run over --samples requests; the table shows the median of
// the runs.
const path = require('node:path');
const fs = require('node:fs');
const { createHash, randomBytes, randomUUID } = require('node:crypto');
const { Client } = require('pg');
const h = require('../lib/harness.cjs');
const { withDb, sql, apiCli } = h;

const argv = process.argv.slice(2);
const opt = (name, dflt) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : dflt; };
const RUNS = Number(opt('runs', 5));
const SAMPLES = Number(opt('samples', 20));
const MEMBERS = Number(opt('members', 1000000));
const DB = opt('database', 'muster_bench_segments');
// The API stops a count after MUSTER_SEGMENT_COUNT_TIMEOUT_MS (3 s by default). The bench measures instead of stopping:
// it runs the API with this limit (--timeout-ms), and reports any request over the default.
const TIMEOUT_MS = Number(opt('timeout-ms', 30000));
const DEFAULT_TIMEOUT_MS = 3000;
const FRESH = argv.includes('--fresh');
const ROOT = h.root;
const API_DIST = path.join(ROOT, 'apps', 'api', 'dist');
const log = (m) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${m}`);

const PREVIEW = 'query($o: ID!, $d: SegmentDefinition!) { segmentPreview(organisationId: $o, definition: $d) { memberCount } }';

function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

async function prepareDatabase(serverUrl) {
  if (!serverUrl) throw new Error('Set DATABASE_URL to a PostgreSQL server (the bench database is created on it).');
  if (FRESH) await sql(serverUrl, `DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  if ((await sql(serverUrl, 'SELECT 1 FROM pg_database WHERE datname = $1', [DB])).length === 0) await sql(serverUrl, `CREATE DATABASE ${DB}`);
  const url = withDb(serverUrl, DB);
  await apiCli(['migrate'], url, 120000);
  const count = async () => (await sql(url, 'SELECT organisation_id AS id, count(*)::int AS n FROM member GROUP BY 1 ORDER BY 2 DESC LIMIT 1'))[0] ?? null;
  let u = await count();
  if (!u || u.n < MEMBERS) {
    if (u) throw new Error(`${DB} holds ${u.n} members, not ${MEMBERS}: use --fresh`);
    log(`seeding ${MEMBERS.toLocaleString('en-GB')} union members with the API's CLI (once; several minutes)`);
    await apiCli(['seed', '--union-members', String(MEMBERS), '--campaign-members', '5000'], url, 60 * 60 * 1000);
    await sql(url, 'ANALYZE');
    u = await count();
  }
  return { url, orgId: u.id, members: u.n };
}

async function signIn(dbUrl) {
  const token = `mst_s_${randomBytes(32).toString('base64url')}`;
  const userId = randomUUID();
  await sql(dbUrl, `INSERT INTO app_user (id, email, name) VALUES ($1, $2, 'Bench Admin')`, [userId, `bench-${userId}@bench.example`]);
  await sql(dbUrl, `INSERT INTO membership (organisation_id, user_id, role) SELECT id, $1, 'AGENCY_ADMIN' FROM organisation WHERE parent_id IS NULL`, [userId]);
  await sql(dbUrl, `INSERT INTO session (id, user_id, token_hash, expires_at, last_used_at) VALUES ($1, $2, $3, now() + interval '1 day', now())`,
    [randomUUID(), userId, createHash('sha256').update(token).digest('hex')]);
  return { userId, headers: { authorization: `Bearer ${token}` } };
}

async function signOut(dbUrl, who) {
  await sql(dbUrl, 'DELETE FROM session WHERE user_id = $1', [who.userId]);
  await sql(dbUrl, 'DELETE FROM membership WHERE user_id = $1', [who.userId]);
  await sql(dbUrl, 'DELETE FROM app_user WHERE id = $1', [who.userId]);
}

/** Three segments a union organiser builds every week, with values taken from the data. */
async function segments(url, orgId) {
  const top = (col) => sql(url, `SELECT ${col} AS v FROM member WHERE organisation_id = $1 AND ${col} IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 2`, [orgId]);
  const regions = (await top('region')).map((r) => r.v);
  const issues = (await sql(url, `SELECT i AS v FROM member, unnest(issues) i WHERE organisation_id = $1 GROUP BY 1 ORDER BY count(*) DESC LIMIT 2`, [orgId])).map((r) => r.v);
  const tags = (await sql(url, `SELECT t AS v FROM member, unnest(tags) t WHERE organisation_id = $1 GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`, [orgId])).map((r) => r.v);
  const c = (field, op, rest = {}) => ({ type: 'condition', field, op, ...rest });
  const g = (op, children) => ({ type: 'group', op, children });
  const d = (...children) => ({ version: 1, root: g('and', children) });
  return [
    {
      key: 'textable-region',
      label: `Active, in region "${regions[0]}", reachable by SMS`,
      definition: d(c('status', 'in', { values: ['ACTIVE'] }), c('region', 'in', { values: [regions[0]] }), c('reachableBySms', 'is')),
    },
    {
      key: 'issue-not-emailable',
      label: `Cares about "${issues[0]}" or "${issues[1]}", not reachable by email, support ≥ 4 or unknown`,
      definition: d(
        c('issues', 'anyOf', { values: issues }),
        c('reachableByEmail', 'isNot'),
        g('or', [c('supportLevel', 'gte', { value: 4 }), c('supportLevel', 'unknown')]),
      ),
    },
    {
      key: 'recent-not-region-not-tagged',
      label: `Joined 2020–2024, none of regions "${regions[0]}", "${regions[1]}" (or no region), not tagged "${tags[0]}", not LEFT`,
      definition: d(
        c('joinedOn', 'between', { from: '2020-01-01', to: '2024-12-31' }),
        c('region', 'notIn', { values: regions }),
        g('not', [c('tags', 'anyOf', { values: tags }), c('status', 'in', { values: ['LEFT'] })]),
      ),
    },
  ];
}

/** The API's own compiler: the exact predicate the API sends for a definition. */
function compiled(definition, orgId) {
  const { compileSegment } = require(path.join(API_DIST, 'segment', 'segment.sql.js'));
  const { SqlParams } = require(path.join(API_DIST, 'member', 'member.sql.js'));
  const p = new SqlParams();
  const org = p.add(orgId);
  const predicate = compileSegment(definition, org, p);
  return { text: `SELECT count(*)::int AS n FROM member m WHERE m.organisation_id = ${org} AND ${predicate}`, values: p.values };
}

async function main() {
  if (!fs.existsSync(path.join(API_DIST, 'main.js'))) throw new Error('Build the API first (pnpm exec turbo run build).');
  const db = await prepareDatabase(process.env.DATABASE_URL);
  log(`${DB}: ${db.members.toLocaleString('en-GB')} members in organisation ${db.orgId}`);
  const who = await signIn(db.url);
  const port = await h.freePort();
  const apiLog = path.join(require('node:os').tmpdir(), `bench-segments-api-${process.pid}.log`);
  const api = await h.startServer('API', [path.join(API_DIST, 'main.js')],
    { PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: db.url, NODE_ENV: 'production', LOG_LEVEL: 'warn', MUSTER_RATE_LIMIT_USER: '1000000000', MUSTER_SEGMENT_COUNT_TIMEOUT_MS: String(TIMEOUT_MS) },
    async () => (await fetch(`http://127.0.0.1:${port}/health`)).ok, 60000, { logFile: apiLog, cwd: path.dirname(API_DIST) });
  const direct = new Client({ connectionString: db.url });
  await direct.connect();
  const rows = [];
  try {
    for (const s of await segments(db.url, db.orgId)) {
      const body = { query: PREVIEW, variables: { o: db.orgId, d: s.definition } };
      const q = compiled(s.definition, db.orgId);
      const expected = (await direct.query(q.text, q.values)).rows[0].n;
      // Warm-up (and graphql-jit's compile on the 2nd use), and the answers must agree.
      for (let i = 0; i < 3; i++) {
        const r = await h.postJson(`http://127.0.0.1:${port}/graphql`, body, 60000, who.headers);
        if (r.status !== 200 || r.json?.errors) throw new Error(`${s.key}: ${r.status} ${r.text.slice(0, 400)}`);
        if (r.json.data.segmentPreview.memberCount !== expected) throw new Error(`${s.key}: API counts ${r.json.data.segmentPreview.memberCount}, SQL ${expected}`);
      }
      const plan = (await direct.query(`EXPLAIN (ANALYZE, BUFFERS OFF, TIMING OFF, SUMMARY ON) ${q.text}`, q.values)).rows.map((r) => r['QUERY PLAN']);
      const runs = { api50: [], api95: [], sql50: [], sql95: [], over: 0 };
      for (let run = 0; run < RUNS; run++) {
        const apiTimes = []; const sqlTimes = [];
        // Interleaved: one API request, then one direct count, so drift hits both alike.
        for (let i = 0; i < SAMPLES; i++) {
          let t0 = process.hrtime.bigint();
          const r = await h.postJson(`http://127.0.0.1:${port}/graphql`, body, 60000, who.headers);
          apiTimes.push(Number(process.hrtime.bigint() - t0) / 1e6);
          if (r.status !== 200 || r.json?.errors) throw new Error(`${s.key}: ${r.text.slice(0, 300)}`);
          t0 = process.hrtime.bigint();
          await direct.query(q.text, q.values);
          sqlTimes.push(Number(process.hrtime.bigint() - t0) / 1e6);
        }
        runs.over += apiTimes.filter((t) => t > DEFAULT_TIMEOUT_MS).length;
        runs.api50.push(percentile(apiTimes, 50)); runs.api95.push(percentile(apiTimes, 95));
        runs.sql50.push(percentile(sqlTimes, 50)); runs.sql95.push(percentile(sqlTimes, 95));
        log(`${s.key} run ${run + 1}/${RUNS}: API p50 ${runs.api50.at(-1).toFixed(1)} ms p95 ${runs.api95.at(-1).toFixed(1)} ms · SQL p50 ${runs.sql50.at(-1).toFixed(1)} ms p95 ${runs.sql95.at(-1).toFixed(1)} ms`);
      }
      rows.push({ s, count: expected, api50: h.median(runs.api50), api95: h.median(runs.api95), sql50: h.median(runs.sql50), sql95: h.median(runs.sql95), plan, overDefault: runs.over });
    }
  } finally {
    await direct.end();
    await h.stopServer(api);
    await signOut(db.url, who);
  }

  const pgVersion = (await sql(db.url, 'SHOW server_version'))[0].server_version;
  const f = (x) => x.toFixed(1);
  const lines = [
    `# Segment counts at ${db.members.toLocaleString('en-GB')} members`,
    '',
    `${new Date().toISOString()} · ${h.machine()} · PostgreSQL ${pgVersion} · ${RUNS} runs × ${SAMPLES} sequential requests per segment; figures are the median of the runs' p50/p95.`,
    '',
    '`segmentPreview` = the real API over HTTP, signed in (bearer session), row-level security on. `SQL` = the same count statement (the API\'s compiled predicate), run directly on one owner connection.',
    '',
    `The API ran with MUSTER_SEGMENT_COUNT_TIMEOUT_MS=${TIMEOUT_MS}; "over 3 s" counts the requests that the default limit would have stopped. Load average at the start: ${require('node:os').loadavg().map((x) => x.toFixed(1)).join(' / ')} (${require('node:os').cpus().length} cores).`,
    '',
    '| segment | members | API p50 ms | API p95 ms | SQL p50 ms | SQL p95 ms | over 3 s |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.s.label} | ${r.count.toLocaleString('en-GB')} | ${f(r.api50)} | ${f(r.api95)} | ${f(r.sql50)} | ${f(r.sql95)} | ${r.overDefault} / ${RUNS * SAMPLES} |`),
    '',
    ...rows.flatMap((r) => [`<details><summary>Plan: ${r.s.key}</summary>`, '', '```', ...r.plan, '```', '</details>', '']),
  ];
  const out = lines.join('\n');
  console.log(out);
  fs.writeFileSync(path.join(__dirname, '..', 'results', 'segments.md'), out + '\n');
}

main().catch((err) => { console.error(err); process.exitCode = 1; });
