#!/usr/bin/env node
'use strict';
// The database's share of the cost of row-level security, without HTTP or load-generator noise: one connection runs
// the API's exact request transaction for the members page (floor.cjs's page SELECT) over and over, in interleaved
// blocks, as the API does it with RLS on ("START TRANSACTION; <the set_config statement incl. role muster_app>" in one
// round trip, the page, COMMIT) and with RLS bypassed (the same without the role switch), and reports the median
// transaction time.
//
//   DATABASE_URL=… node bench/members-page/rls-sql.cjs [--database muster_bench_rls] [--blocks 10] [--per-block 200] [--reach all|one]
//
// --reach all (default): the agency admin's reach, every organisation; one: only the union (a client user's reach).
//
// Uses the database rls.cjs prepared (migrated and seeded).
const { Client } = require('pg');
const floor = require('./floor.cjs');

const argv = process.argv.slice(2);
const opt = (name, dflt) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : dflt; };
const DB = opt('database', 'muster_bench_rls');
const BLOCKS = Number(opt('blocks', 10));
const PER_BLOCK = Number(opt('per-block', 200));
const REACH = opt('reach', 'all');
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

async function main() {
  const u = new URL(process.env.DATABASE_URL); u.pathname = `/${DB}`;
  const c = new Client({ connectionString: u.toString() });
  await c.connect();
  try {
    const [org] = (await c.query('SELECT organisation_id AS id, count(*)::int AS n FROM member GROUP BY 1 ORDER BY 2 DESC LIMIT 1')).rows;
    const orgs = REACH === 'one' ? org.id : (await c.query('SELECT string_agg(id::text, \',\') AS ids FROM organisation')).rows[0].ids;
    const page = floor.statementFor({ org: org.id, first: 50 });
    // As request-context.ts's rlsSettingsSql writes it (validated uuids inlined), sent with START TRANSACTION.
    const settings = (role) => `START TRANSACTION; SELECT set_config('muster.organisation_ids', '${orgs}', true), set_config('muster.user_id', '', true)${role ? ", set_config('role', 'muster_app', true)" : ''}`;
    const modes = { 'RLS on': settings(true), 'RLS bypassed': settings(false) };
    const times = { 'RLS on': [], 'RLS bypassed': [] };
    let rows = null;
    const once = async (s) => {
      const t0 = process.hrtime.bigint();
      await c.query(s);
      const r = await c.query(page);
      await c.query('COMMIT');
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (rows === null) rows = r.rowCount; else if (r.rowCount !== rows) throw new Error('RLS on and off return different row counts');
      return ms;
    };
    for (const s of Object.values(modes)) for (let i = 0; i < 50; i++) await once(s); // warm caches and plans
    for (let b = 0; b < BLOCKS; b++) {
      const order = b % 2 ? Object.keys(modes).reverse() : Object.keys(modes);
      for (const m of order) for (let i = 0; i < PER_BLOCK; i++) times[m].push(await once(modes[m]));
    }
    const on = median(times['RLS on']); const off = median(times['RLS bypassed']);
    const pg = (await c.query('SHOW server_version')).rows[0].server_version;
    console.log(`PostgreSQL ${pg}, ${org.n} members, reach: ${orgs.split(',').length} organisation(s), ${rows} rows a page, ${BLOCKS} interleaved blocks of ${PER_BLOCK} transactions each way, one connection:`);
    console.log(`median transaction: RLS on ${on.toFixed(3)} ms, RLS bypassed ${off.toFixed(3)} ms, on/off ${(on / off).toFixed(3)} (overhead ${((on / off - 1) * 100).toFixed(1)}%)`);
  } finally { await c.end(); }
}

main().catch((err) => { console.error(err); process.exit(1); });
