#!/usr/bin/env node
'use strict';
// GraphQL driver comparison (issue 2, item 5): the same 50-row keyset page over the same 1M-row table,
// served by (a) node:http + pg (floor), (b) Nest + Apollo Server 5 (express5), (c) Nest + Mercurius,
// (d) Nest + Mercurius with jit: 1. Interleaved autocannon runs from a separate process.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node bench/graphql-driver/run.cjs [--runs 5] [--duration 10]
//
// Creates (once) the database muster_bench_driver on DATABASE_URL's server; --fresh rebuilds it.
const path = require('node:path');
const fs = require('node:fs');
const { execFileSync } = require('node:child_process');
const { Client } = require('pg');
const h = require('../lib/harness.cjs');

const argv = process.argv.slice(2);
const opt = (name, dflt) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : dflt; };
const RUNS = Number(opt('runs', 5));
const DURATION = Number(opt('duration', 10));
const WARMUP = Number(opt('warmup', 5));
const CONNECTIONS = 50;
const ROWS = Number(opt('rows', 1000000));
const FRESH = argv.includes('--fresh');
const DB = 'muster_bench_driver';
const ORG_ID = '00000000-0000-7000-8000-000000000001';
const log = (m) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${m}`);

const baseUrl = process.env.DATABASE_URL;
if (!baseUrl) { console.error('DATABASE_URL is required (e.g. postgres://postgres@127.0.0.1:5432/postgres)'); process.exit(2); }
const benchUrl = (() => { const u = new URL(baseUrl); u.pathname = `/${DB}`; return u.toString(); })();

async function ensureDatabase() {
  const admin = new Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    if (FRESH) await admin.query(`DROP DATABASE IF EXISTS ${DB}`);
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DB]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${DB}`);
  } finally { await admin.end(); }
  const c = new Client({ connectionString: benchUrl });
  await c.connect();
  try {
    const have = await c.query(`SELECT count(*)::int AS n FROM bench_members`).then((r) => r.rows[0].n, () => -1);
    if (have === ROWS) { log(`bench_members already has ${ROWS} rows`); return; }
    log(`generating ${ROWS} rows in bench_members (one INSERT … SELECT generate_series)`);
    const t0 = Date.now();
    await c.query('DROP TABLE IF EXISTS bench_members');
    await c.query(`CREATE TABLE bench_members (
      organisation_id uuid NOT NULL, id uuid NOT NULL, first_name text NOT NULL, last_name text NOT NULL,
      email text, phone text, status text NOT NULL, region text NOT NULL, branch text NOT NULL,
      PRIMARY KEY (organisation_id, id))`);
    // Deterministic pseudo-random names: md5 of the row number picks from fixed lists.
    await c.query(`
      INSERT INTO bench_members
      SELECT $1::uuid,
             (lpad(to_hex(g), 8, '0') || '-0000-7000-8000-' || lpad(to_hex(g), 12, '0'))::uuid,
             (ARRAY['Olivia','Amelia','Isla','Ava','Mia','Ivy','Lily','Freya','Noah','Oliver','George','Arthur','Leo','Harry','Oscar','Archie','Henry','Theo','Jack','Charlie','Fatima','Mohammed','Priya','Aisha','Siobhan','Rhys','Callum','Eilidh'])[1 + abs(hashtext('f' || g)) % 28],
             (ARRAY['Smith','Jones','Williams','Taylor','Brown','Davies','Evans','Wilson','Thomas','Johnson','Roberts','Robinson','Thompson','Wright','Walker','White','Edwards','Hughes','Green','Hall','Lewis','Harris','Clarke','Patel','Jackson','Wood','Turner','Martin','Cooper','Hill','Ward','Morris','Moore','Clark','Lee','King','Baker','Harrison','Morgan','Allen','Khan','Ali','Murphy','Campbell','MacDonald','O''Brien','Singh','Begum'])[1 + abs(hashtext('l' || g)) % 48] || '-' || (abs(hashtext('s' || g)) % 2000),
             'member' || g || '@example.org',
             '07' || lpad((abs(hashtext('p' || g)) % 1000000000)::text, 9, '0'),
             (ARRAY['ACTIVE','ACTIVE','ACTIVE','LAPSED','LEFT','PENDING'])[1 + g % 6],
             'Region ' || (1 + g % 12),
             'Branch ' || (1 + abs(hashtext('b' || g)) % 300)
      FROM generate_series(1, $2::int) AS g`, [ORG_ID, ROWS]);
    await c.query('CREATE INDEX bench_members_org_last_name_id ON bench_members (organisation_id, last_name, id)');
    await c.query('VACUUM ANALYZE bench_members');
    log(`generated in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } finally { await c.end(); }
}

const QUERY = 'query Page($first: Int!, $after: String) { members(first: $first, after: $after) { edges { cursor node { id firstName lastName email phone status region branch } } pageInfo { hasNextPage endCursor } } }';
const BODY = { query: QUERY, variables: { first: 50 } };

const TARGETS = [
  { name: 'floor (node:http + pg)', script: 'floor.js', env: {} },
  { name: 'Nest + Apollo 5 (express5)', script: 'nest.js', env: { DRIVER: 'apollo' } },
  { name: 'Nest + Mercurius', script: 'nest.js', env: { DRIVER: 'mercurius' } },
  { name: 'Nest + Mercurius jit:1', script: 'nest.js', env: { DRIVER: 'mercurius-jit' } },
];

async function main() {
  await ensureDatabase();
  log('building bench/graphql-driver (tsc)');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(__dirname, 'tsconfig.json')], { stdio: 'inherit' });

  const servers = [];
  const stopAll = async () => { await Promise.all(servers.map((s) => h.stopServer(s))); };
  process.on('SIGINT', () => { void stopAll().then(() => process.exit(130)); });
  try {
    let expected = null;
    for (const t of TARGETS) {
      const port = await h.freePort();
      t.url = `http://127.0.0.1:${port}/graphql`;
      t.body = BODY;
      const srv = await h.startServer(t.name, [path.join(__dirname, 'dist', t.script)],
        { ...t.env, PORT: String(port), DATABASE_URL: benchUrl, NODE_ENV: 'production' },
        async () => (await h.postJson(t.url, BODY, 2000)).status === 200);
      servers.push(srv);
      // Fairness check: every target must return the very same JSON for the same request.
      const r = await h.postJson(t.url, BODY);
      if (r.json?.data?.members?.edges?.length !== 50) throw new Error(`${t.name} returned ${r.text.slice(0, 300)}`);
      const canon = JSON.stringify(r.json);
      if (expected === null) expected = canon;
      else if (canon !== expected) throw new Error(`${t.name} returns a different body than the floor`);
    }
    log(`all ${TARGETS.length} targets up and returning identical bodies; warm-up ${WARMUP} s each`);
    for (const t of TARGETS) await h.autocannon(t.url, t.body, { duration: WARMUP, connections: CONNECTIONS });
    const results = await h.interleave(TARGETS, { runs: RUNS, duration: DURATION, connections: CONNECTIONS, log });
    const floor = TARGETS[0].name;
    const floorRpsByRound = results[floor].map((r) => r.rps);
    const rows = TARGETS.map((t) => {
      const rs = results[t.name];
      const rps = h.median(rs.map((r) => r.rps));
      // Ratio per round (same-run), then the median of those, so drift between rounds cancels.
      const ratio = h.median(rs.map((r, i) => r.rps / floorRpsByRound[i]));
      return { name: t.name, rps, p99: h.median(rs.map((r) => r.p99)), p50: h.median(rs.map((r) => r.p50)), ratio, all: rs.map((r) => Math.round(r.rps)).join(', ') };
    });
    const md = [
      '# GraphQL driver comparison',
      '',
      `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${h.machine()}; PostgreSQL: ${await serverVersion()}.`,
      `Same 50-row keyset page SQL over ${ROWS.toLocaleString('en-GB')} rows, pg pool ${10} per server, autocannon ${CONNECTIONS} connections from a separate process,`,
      `${WARMUP} s warm-up per target, then ${RUNS} interleaved rounds of ${DURATION} s. Medians; ratio = median of per-round ratios to the floor.`,
      `Command: \`DATABASE_URL=… node bench/graphql-driver/run.cjs --runs ${RUNS} --duration ${DURATION}\``,
      '',
      '| target | median req/s | p50 ms | p99 ms | ratio to floor | req/s per round |',
      '|---|---:|---:|---:|---:|---|',
      ...rows.map((r) => `| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.ratio.toFixed(2)} | ${r.all} |`),
      '',
      'Notes:',
      '- Absolute req/s on this shared 2-core machine move up to 2× between rounds (other work runs beside it); the order',
      '  of the targets and the per-round ratios are what repeat.',
      '- `jit: 1` makes Mercurius compile a query with graphql-jit on its second use. graphql-jit 0.8.9 cannot compile a',
      '  query whose **variables** have a recursive input type (an input that contains itself, e.g. a filter with',
      '  `and: [Filter!]`): it recurses for ~20 s, blocking the process, then fails with "Maximum call stack size',
      '  exceeded" and Mercurius falls back to graphql-js for that query (zalando-incubator/graphql-jit#81, still open).',
      '  With JIT, keep input types free of cycles (apps/api nests MemberFilter three fixed levels for this reason).',
      '',
    ].join('\n');
    process.stdout.write(`${md}\n`);
    const out = path.join(__dirname, '..', 'results', 'graphql-driver.md');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, md);
    log(`wrote ${path.relative(process.cwd(), out)}`);
  } finally {
    await stopAll();
  }
}

async function serverVersion() {
  const c = new Client({ connectionString: benchUrl });
  await c.connect();
  try { return (await c.query('SHOW server_version')).rows[0].server_version; } finally { await c.end(); }
}

main().catch((err) => { console.error(err); process.exit(1); });
