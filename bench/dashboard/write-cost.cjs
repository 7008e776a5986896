#!/usr/bin/env node
'use strict';
// What the insight rollup triggers cost a bulk writer: a 5,000-row INSERT into member (the import's statement size),
// a 5,000-row UPDATE changing counted columns, and one changing none, each timed with the rollup trigger on and
// off (ALTER TABLE … DISABLE TRIGGER inside the measured transaction, rolled back: nothing persists), alternating,
// on the 1M-member bench database; plus what the fold then costs for that statement's deltas.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node bench/dashboard/write-cost.cjs [--runs 7] [--rows 5000]
//       [--database muster_bench_dashboard]
//
// Run bench/dashboard/run.cjs first (it migrates and seeds the database).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Client } = require('pg');
const h = require('../lib/harness.cjs');

const argv = process.argv.slice(2);
const opt = (name, dflt) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : dflt; };
const RUNS = Number(opt('runs', 7));
const ROWS = Number(opt('rows', 5000));
const DB = opt('database', 'muster_bench_dashboard');
const log = (m) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${m}`);

async function timed(c, text, values) {
  const t0 = process.hrtime.bigint();
  const r = await c.query(text, values);
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, rowCount: r.rowCount };
}

async function main() {
  if (!process.env.DATABASE_URL) throw new Error('set DATABASE_URL');
  const url = h.withDb(process.env.DATABASE_URL, DB);
  const c = new Client({ connectionString: url });
  await c.connect();
  const load0 = os.loadavg()[0];
  try {
    const org = (await c.query('SELECT organisation_id AS id, count(*)::int AS n FROM member GROUP BY 1 ORDER BY 2 DESC LIMIT 1')).rows[0];
    log(`union: ${org.n.toLocaleString('en-GB')} members`);
    // The rows to insert: copies of real members (new ids), so they spread over regions, branches and workplaces as an import does.
    await c.query(`CREATE TEMP TABLE bench_src AS SELECT * FROM member WHERE organisation_id = $1 ORDER BY id DESC LIMIT ${ROWS}`, [org.id]);
    await c.query(`UPDATE bench_src SET id = gen_random_uuid()`);
    const ids = (await c.query(`SELECT array_agg(id) AS ids FROM (SELECT id FROM member WHERE organisation_id = $1 ORDER BY id LIMIT ${ROWS}) x`, [org.id])).rows[0].ids;
    const cases = [
      { key: 'insert', label: `INSERT of ${ROWS.toLocaleString('en-GB')} members (one statement)`, trigger: 'member_insight_rollup_ins',
        sql: `INSERT INTO member SELECT * FROM bench_src`, values: [] },
      { key: 'update', label: `UPDATE of ${ROWS.toLocaleString('en-GB')} members: status, region and SMS consent change`, trigger: 'member_insight_rollup_upd',
        sql: `UPDATE member SET status = CASE status WHEN 'ACTIVE' THEN 'LAPSED'::member_status ELSE 'ACTIVE'::member_status END,
                region = COALESCE(branch, 'x'), sms_consent = 'WITHDRAWN' WHERE organisation_id = $1 AND id = ANY($2::uuid[])`, values: [org.id, ids] },
      { key: 'update-none', label: `UPDATE of ${ROWS.toLocaleString('en-GB')} members changing nothing counted (updated_at)`, trigger: 'member_insight_rollup_upd',
        sql: `UPDATE member SET updated_at = now() WHERE organisation_id = $1 AND id = ANY($2::uuid[])`, values: [org.id, ids] },
      { key: 'delete', label: `DELETE of ${ROWS.toLocaleString('en-GB')} members just inserted`, trigger: 'member_insight_rollup_del', before: `INSERT INTO member SELECT * FROM bench_src`,
        sql: `DELETE FROM member WHERE organisation_id = $1 AND id IN (SELECT id FROM bench_src)`, values: [org.id] },
    ];
    const results = Object.fromEntries(cases.map((k) => [k.key, { on: [], off: [], deltaRows: 0, fold: [] }]));
    for (const k of cases) { // warm-up: caches and plans
      await c.query('BEGIN'); if (k.before) await c.query(k.before); await c.query(k.sql, k.values); await c.query('ROLLBACK');
    }
    for (let run = 0; run < RUNS; run += 1) {
      for (const k of cases) {
        for (const mode of run % 2 ? ['off', 'on'] : ['on', 'off']) {
          await c.query('BEGIN');
          if (mode === 'off') await c.query(`ALTER TABLE member DISABLE TRIGGER ${k.trigger}`);
          if (k.before) await c.query(k.before);
          const before = (await c.query('SELECT COALESCE(max(id), 0) AS id FROM insight_rollup_delta')).rows[0].id;
          const r = await timed(c, k.sql, k.values);
          if (r.rowCount !== ROWS) throw new Error(`${k.key}: ${r.rowCount} rows, expected ${ROWS}`);
          results[k.key][mode].push(r.ms);
          if (mode === 'on') {
            results[k.key].deltaRows = Number((await c.query('SELECT count(*) AS n FROM insight_rollup_delta WHERE id > $1', [before])).rows[0].n);
            results[k.key].fold.push((await timed(c, 'SELECT insight_rollup_fold(100000)')).ms);
          }
          await c.query('ROLLBACK');
        }
      }
      log(`run ${run + 1}/${RUNS}: ${cases.map((k) => `${k.key} on ${results[k.key].on.at(-1).toFixed(0)} / off ${results[k.key].off.at(-1).toFixed(0)} ms`).join(', ')}`);
    }
    const f = (x) => x.toFixed(0);
    const lines = [
      `# What the rollup triggers cost a bulk writer (${org.n.toLocaleString('en-GB')} members)`,
      '',
      `${new Date().toISOString()} · ${h.machine()} · load average at start ${load0.toFixed(1)}, at end ${os.loadavg()[0].toFixed(1)} · database \`${DB}\``,
      '',
      `Each statement in its own transaction, rolled back; "off" disables the statement's rollup trigger inside that transaction (every other`,
      `trigger and index of member still runs). ${RUNS} runs alternating on/off; medians (ms, client side). "fold" = insight_rollup_fold() on`,
      `that statement's deltas, run by the fold job afterwards, off the writer's path.`,
      '',
      '| statement | trigger on | trigger off | cost of the trigger | delta rows written | fold of its deltas |',
      '|---|---:|---:|---:|---:|---:|',
      ...cases.map((k) => {
        const r = results[k.key]; const on = h.median(r.on); const off = h.median(r.off);
        return `| ${k.label} | ${f(on)} | ${f(off)} | ${f(on - off)} ms (${off > 0 ? `${(((on - off) / off) * 100).toFixed(0)} %` : '—'}) | ${r.deltaRows} | ${f(h.median(r.fold))} |`;
      }),
      '',
      `All runs (on / off): ${cases.map((k) => `${k.key}: ${results[k.key].on.map(f).join(', ')} / ${results[k.key].off.map(f).join(', ')}`).join('; ')}.`,
      '',
      'Command: `DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node bench/dashboard/write-cost.cjs ' + argv.join(' ') + '`',
    ];
    const out = lines.join('\n') + '\n';
    process.stdout.write(out);
    fs.writeFileSync(path.join(__dirname, '..', 'results', 'dashboard-writes.md'), out);
  } finally {
    await c.end();
  }
}

main().catch((err) => { console.error(err); process.exit(1); });
