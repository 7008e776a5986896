#!/usr/bin/env node
'use strict';
// Campaign results at 1M responses (issue 6, item 8): `campaignResults` (funnel, by action, by channel, by volunteer,
// recent activity) through the REAL API — signed in, row-level security on, read from follow_through_tally — next to
// the direct SQL aggregate over action_response that the tally replaces (the same GROUP BY the API would otherwise run,
// on one owner connection: no HTTP, no GraphQL, no RLS), in the same run, interleaved. Also the tally read alone.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node bench/campaigns/run.cjs [--responses 1000000] [--actions 4]
//     [--volunteers 50] [--runs 3] [--samples 20] [--database muster_bench_campaigns] [--fresh]
//
// The database is migrated with the API's CLI and filled once with SQL (members, volunteers, one campaign with
// --actions actions, responses spread over every state, channel and --volunteers credited users, inserted in statements
// of 100,000 rows so the tally triggers run as they do for a large import); later runs reuse it (--fresh rebuilds it;
// a different --responses needs --fresh). Before timing, the API's funnel must equal the direct aggregate's. Results:
// stdout and bench/results/campaigns.md (campaigns.<responses>.md for other sizes).
const path = require('node:path');
const fs = require('node:fs');
const os = require('node:os');
const { createHash, randomBytes, randomUUID } = require('node:crypto');
const { Client } = require('pg');
const h = require('../lib/harness.cjs');
const { withDb, sql, apiCli } = h;

const argv = process.argv.slice(2);
const opt = (name, dflt) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : dflt; };
const RESPONSES = Number(opt('responses', 1000000));
const ACTIONS = Number(opt('actions', 4));
const VOLUNTEERS = Number(opt('volunteers', 50));
const RUNS = Number(opt('runs', 3));
const SAMPLES = Number(opt('samples', 20));
const DB = opt('database', 'muster_bench_campaigns');
const FRESH = argv.includes('--fresh');
const CHUNK = 100000;
const ROOT = h.root;
const API_DIST = path.join(ROOT, 'apps', 'api', 'dist');
const ORG = '01937000-0000-7000-8000-00000000ca01';
const CAMPAIGN = '01937000-0000-7000-8000-00000000ca02';
const log = (m) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${m}`);

const FT = 'asked committed reminded completed completedAfterCommit noShow cancelled declined pending rate suppressed';
const RESULTS = `query($c: ID!) { campaignResults(campaignId: $c) { campaignId funnel { ${FT} }
  byAction { action { id title } followThrough { ${FT} } } byChannel { channel followThrough { ${FT} } }
  byVolunteer { user { id name } followThrough { ${FT} } } activity(first: 20) { id fromState toState channel at } } }`;

/** What the tally replaces: the API's own direct aggregate (CampaignResultsRepository.direct), over the campaign's responses. */
const DIRECT = `SELECT action_id, channel, COALESCE(credited_user_id, '00000000-0000-0000-0000-000000000000'::uuid) AS credited_user_id,
  count(*)::int AS asked, count(committed_at)::int AS committed, count(reminded_at)::int AS reminded,
  count(*) FILTER (WHERE state = 'COMPLETED')::int AS completed,
  count(*) FILTER (WHERE state = 'COMPLETED' AND committed_at IS NOT NULL)::int AS "completedAfterCommit",
  count(*) FILTER (WHERE state = 'NO_SHOW')::int AS "noShow", count(*) FILTER (WHERE state = 'CANCELLED')::int AS cancelled,
  count(*) FILTER (WHERE state = 'DECLINED')::int AS declined, count(*) FILTER (WHERE state IN ('COMMITTED', 'REMINDED'))::int AS pending
  FROM action_response WHERE organisation_id = $1 AND campaign_id = $2 GROUP BY 1, 2, 3`;
/** The API's tally read (CampaignResultsRepository.tally). */
const TALLY = `SELECT action_id, channel, credited_user_id, sum(asked)::int AS asked, sum(committed)::int AS committed, sum(reminded)::int AS reminded,
  sum(completed)::int AS completed, sum(completed_after_commit)::int AS "completedAfterCommit", sum(no_show)::int AS "noShow",
  sum(cancelled)::int AS cancelled, sum(declined)::int AS declined, sum(pending)::int AS pending
  FROM follow_through_tally WHERE organisation_id = $1 AND campaign_id = $2 GROUP BY action_id, channel, credited_user_id`;
const KEYS = ['asked', 'committed', 'reminded', 'completed', 'completedAfterCommit', 'noShow', 'cancelled', 'declined', 'pending'];

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
  const have = (await sql(url, 'SELECT count(*)::int AS n FROM action_response WHERE organisation_id = $1', [ORG]))[0].n;
  if (have === RESPONSES) return { url, fillSeconds: null };
  if (have !== 0) throw new Error(`${DB} holds ${have} responses, not ${RESPONSES}: use --fresh`);
  const c = new Client({ connectionString: url });
  await c.connect();
  const started = process.hrtime.bigint();
  try {
    const members = Math.ceil(RESPONSES / ACTIONS);
    log(`filling ${DB}: ${members.toLocaleString('en-GB')} members, ${VOLUNTEERS} volunteers, ${ACTIONS} actions, ${RESPONSES.toLocaleString('en-GB')} responses`);
    await c.query(`INSERT INTO organisation (id, kind, name, slug) VALUES ($1, 'CLIENT', 'Bench Campaign Union', 'bench-campaign-union') ON CONFLICT DO NOTHING`, [ORG]);
    for (let from = 1; from <= members; from += CHUNK) {
      const to = Math.min(members, from + CHUNK - 1);
      await c.query(`INSERT INTO member (organisation_id, id, first_name, last_name, created_at, updated_at)
        SELECT $1, gen_random_uuid(), 'Member', 'Bench ' || i, now(), now() FROM generate_series($2::int, $3::int) i`, [ORG, from, to]);
    }
    await c.query(`INSERT INTO app_user (id, email, name) SELECT gen_random_uuid(), 'bench-volunteer-' || i || '@bench.example', 'Volunteer ' || i FROM generate_series(1, $1::int) i`, [VOLUNTEERS]);
    await c.query(`INSERT INTO membership (organisation_id, user_id, role) SELECT $1, id, 'VOLUNTEER' FROM app_user WHERE email LIKE 'bench-volunteer-%'`, [ORG]);
    await c.query(`INSERT INTO campaign (organisation_id, id, name, status, created_by) VALUES ($1, $2, 'Bench campaign', 'ACTIVE', 'bench')`, [ORG, CAMPAIGN]);
    await c.query(`INSERT INTO action (organisation_id, id, campaign_id, type, title, status, public_slug, due_at)
      SELECT $1, gen_random_uuid(), $2, 'EVENT', 'Bench action ' || a, 'OPEN', 'bench' || a || substr(md5(random()::text), 1, 8), now() + interval '60 days'
        FROM generate_series(1, $3::int) a`, [ORG, CAMPAIGN, ACTIONS]);
    await c.query(`CREATE TEMP TABLE bm AS SELECT id, row_number() OVER (ORDER BY id)::int AS rn FROM member WHERE organisation_id = $1`, [ORG]);
    await c.query(`CREATE INDEX ON bm (rn)`);
    await c.query(`CREATE TEMP TABLE bv AS SELECT id, (row_number() OVER (ORDER BY id) - 1)::int AS vn FROM app_user WHERE email LIKE 'bench-volunteer-%'`);
    const actions = (await c.query(`SELECT id, row_number() OVER (ORDER BY title)::int AS an FROM action WHERE organisation_id = $1 AND campaign_id = $2`, [ORG, CAMPAIGN])).rows;
    let inserted = 0;
    for (const a of actions) {
      for (let from = 1; from <= members && inserted < RESPONSES; from += CHUNK) {
        const to = Math.min(members, from + CHUNK - 1, from + (RESPONSES - inserted) - 1);
        // k (0..99) picks the state; the channel and the credited volunteer vary independently of it.
        const r = await c.query(`INSERT INTO action_response (organisation_id, id, action_id, campaign_id, member_id, state, channel, credited_user_id,
            asked_at, committed_at, reminded_at, completed_at, closed_at, due_at, reminder_count, created_at, updated_at)
          SELECT $1, gen_random_uuid(), $2, $3, m.id, s.state, (ARRAY['CALL','SMS','EMAIL','WEB','EVENT','IMPORT','STAFF'])[1 + (m.rn * 31 + $4) % 7],
                 CASE WHEN s.committed AND m.rn % 10 < 7 THEN v.id END,
                 t0, CASE WHEN s.committed THEN t0 + interval '1 hour' END, CASE WHEN s.reminded THEN t0 + interval '1 day' END,
                 CASE WHEN s.state = 'COMPLETED' THEN t0 + interval '2 days' END,
                 CASE WHEN s.state IN ('COMPLETED', 'NO_SHOW', 'CANCELLED', 'DECLINED') THEN t0 + interval '2 days' END,
                 now() + interval '60 days', s.reminded::int, t0, t0
            FROM bm m
            CROSS JOIN LATERAL (SELECT (m.rn * 7919 + $4 * 104729) % 100 AS k, now() - interval '30 days' + (m.rn % 1000) * interval '1 minute' AS t0) x
            CROSS JOIN LATERAL (SELECT
                CASE WHEN x.k < 20 THEN 'ASKED' WHEN x.k < 30 THEN 'DECLINED' WHEN x.k < 38 THEN 'COMMITTED' WHEN x.k < 43 THEN 'REMINDED'
                     WHEN x.k < 80 THEN 'COMPLETED' WHEN x.k < 85 THEN 'COMPLETED' WHEN x.k < 93 THEN 'NO_SHOW' ELSE 'CANCELLED' END AS state,
                (x.k >= 30 AND x.k < 80) OR x.k >= 85 AS committed,
                (x.k >= 38 AND x.k < 60) OR (x.k >= 85 AND x.k < 90) AS reminded) s
            JOIN bv v ON v.vn = (m.rn * 13 + $4) % $5
           WHERE m.rn BETWEEN $6 AND $7`, [ORG, a.id, CAMPAIGN, a.an, VOLUNTEERS, from, to]);
        inserted += r.rowCount;
      }
      log(`  ${inserted.toLocaleString('en-GB')} responses`);
    }
    // Some history for the activity panel (the events table is not what is measured).
    await c.query(`INSERT INTO action_response_event (organisation_id, id, response_id, action_id, campaign_id, member_id, from_state, to_state, channel, credited_user_id, actor, at)
      SELECT organisation_id, gen_random_uuid(), id, action_id, campaign_id, member_id, NULL, state, channel, credited_user_id, 'bench', updated_at
        FROM action_response WHERE organisation_id = $1 ORDER BY id LIMIT 10000`, [ORG]);
    await c.query('ANALYZE');
  } finally {
    await c.end();
  }
  return { url, fillSeconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

async function signIn(dbUrl) {
  const token = `mst_s_${randomBytes(32).toString('base64url')}`;
  const userId = randomUUID();
  await sql(dbUrl, `INSERT INTO app_user (id, email, name) VALUES ($1, $2, 'Bench Organiser')`, [userId, `bench-${userId}@bench.example`]);
  await sql(dbUrl, `INSERT INTO membership (organisation_id, user_id, role) VALUES ($1, $2, 'ORGANISER')`, [ORG, userId]);
  await sql(dbUrl, `INSERT INTO session (id, user_id, token_hash, expires_at, last_used_at) VALUES ($1, $2, $3, now() + interval '1 day', now())`,
    [randomUUID(), userId, createHash('sha256').update(token).digest('hex')]);
  return { userId, headers: { authorization: `Bearer ${token}` } };
}

async function signOut(dbUrl, who) {
  await sql(dbUrl, 'DELETE FROM session WHERE user_id = $1', [who.userId]);
  await sql(dbUrl, 'DELETE FROM membership WHERE user_id = $1', [who.userId]);
  await sql(dbUrl, 'DELETE FROM app_user WHERE id = $1', [who.userId]);
}

function sumRows(rows) {
  const out = Object.fromEntries(KEYS.map((k) => [k, 0]));
  for (const r of rows) for (const k of KEYS) out[k] += Number(r[k]);
  return out;
}

/**
 * What the tally triggers cost a write: the same UPDATE (ASKED → COMMITTED, as recordActionResponse does) of 1 row and of
 * 5,000 rows, with the triggers on and with them disabled, each in a transaction that is rolled back (nothing changes).
 */
async function writeCost(c) {
  const ids = (await c.query(`SELECT id FROM action_response WHERE organisation_id = $1 AND state = 'ASKED' ORDER BY id LIMIT 5000`, [ORG])).rows.map((r) => r.id);
  const update = `UPDATE action_response SET state = 'COMMITTED', committed_at = now(), updated_at = now() WHERE organisation_id = $1 AND id = ANY($2::uuid[])`;
  const out = {};
  for (const [label, n, samples] of [['1 row', 1, 30], ['5,000 rows', 5000, 5]]) {
    for (const triggers of [true, false]) {
      const ts = [];
      for (let i = 0; i < samples; i++) {
        const batch = n === 1 ? [ids[i % ids.length]] : ids.slice(0, n);
        await c.query('BEGIN');
        try {
          if (!triggers) await c.query('ALTER TABLE action_response DISABLE TRIGGER USER');
          const t0 = process.hrtime.bigint();
          await c.query(update, [ORG, batch]);
          ts.push(Number(process.hrtime.bigint() - t0) / 1e6);
        } finally {
          await c.query('ROLLBACK');
        }
      }
      out[`${label} ${triggers ? 'on' : 'off'}`] = { p50: percentile(ts, 50), rows: Math.min(n, ids.length) };
    }
  }
  return out;
}

async function main() {
  if (!fs.existsSync(path.join(API_DIST, 'main.js'))) throw new Error('Build the API first (pnpm exec turbo run build).');
  const db = await prepareDatabase(process.env.DATABASE_URL);
  if (db.fillSeconds !== null) log(`filled in ${db.fillSeconds.toFixed(1)} s (tally triggers on)`);
  const who = await signIn(db.url);
  const port = await h.freePort();
  const apiLog = path.join(os.tmpdir(), `bench-campaigns-api-${process.pid}.log`);
  const api = await h.startServer('API', [path.join(API_DIST, 'main.js')],
    { PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: db.url, NODE_ENV: 'production', LOG_LEVEL: 'warn', MUSTER_RATE_LIMIT_USER: '1000000000', MUSTER_JOBS: 'off' },
    async () => (await fetch(`http://127.0.0.1:${port}/health`)).ok, 60000, { logFile: apiLog, cwd: path.dirname(API_DIST) });
  const direct = new Client({ connectionString: db.url });
  await direct.connect();
  const body = { query: RESULTS, variables: { c: CAMPAIGN } };
  const url = `http://127.0.0.1:${port}/graphql`;
  const times = { api: [], direct: [], tally: [] };
  let funnel;
  let plans;
  try {
    const expected = sumRows((await direct.query(DIRECT, [ORG, CAMPAIGN])).rows);
    for (let i = 0; i < 3; i++) {
      const r = await h.postJson(url, body, 60000, who.headers);
      if (r.status !== 200 || r.json?.errors) throw new Error(`campaignResults: ${r.status} ${r.text.slice(0, 400)}`);
      funnel = r.json.data.campaignResults.funnel;
      for (const k of KEYS) if (funnel[k] !== expected[k]) throw new Error(`funnel.${k}: API ${funnel[k]}, direct SQL ${expected[k]}`);
    }
    log(`API funnel = direct aggregate: ${JSON.stringify(expected)}`);
    plans = {
      direct: (await direct.query(`EXPLAIN (ANALYZE, BUFFERS OFF, TIMING OFF, SUMMARY ON) ${DIRECT}`, [ORG, CAMPAIGN])).rows.map((r) => r['QUERY PLAN']),
      tally: (await direct.query(`EXPLAIN (ANALYZE, BUFFERS OFF, TIMING OFF, SUMMARY ON) ${TALLY}`, [ORG, CAMPAIGN])).rows.map((r) => r['QUERY PLAN']),
    };
    const runs = { api50: [], api95: [], direct50: [], direct95: [], tally50: [], tally95: [] };
    for (let run = 0; run < RUNS; run++) {
      const t = { api: [], direct: [], tally: [] };
      for (let i = 0; i < SAMPLES; i++) {
        let t0 = process.hrtime.bigint();
        const r = await h.postJson(url, body, 60000, who.headers);
        t.api.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (r.status !== 200 || r.json?.errors) throw new Error(r.text.slice(0, 300));
        t0 = process.hrtime.bigint();
        await direct.query(DIRECT, [ORG, CAMPAIGN]);
        t.direct.push(Number(process.hrtime.bigint() - t0) / 1e6);
        t0 = process.hrtime.bigint();
        await direct.query(TALLY, [ORG, CAMPAIGN]);
        t.tally.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
      for (const k of ['api', 'direct', 'tally']) {
        runs[`${k}50`].push(percentile(t[k], 50));
        runs[`${k}95`].push(percentile(t[k], 95));
        times[k].push(...t[k]);
      }
      log(`run ${run + 1}/${RUNS}: API p50 ${runs.api50.at(-1).toFixed(1)} p95 ${runs.api95.at(-1).toFixed(1)} · direct SQL p50 ${runs.direct50.at(-1).toFixed(1)} p95 ${runs.direct95.at(-1).toFixed(1)} · tally SQL p50 ${runs.tally50.at(-1).toFixed(1)} ms`);
    }
    times.runs = runs;
    times.write = await writeCost(direct);
  } finally {
    await direct.end();
    await h.stopServer(api);
    await signOut(db.url, who);
  }

  const pgVersion = (await sql(db.url, 'SHOW server_version'))[0].server_version;
  const tallyRows = (await sql(db.url, 'SELECT count(*)::int AS n FROM follow_through_tally WHERE organisation_id = $1 AND campaign_id = $2', [ORG, CAMPAIGN]))[0].n;
  const f = (x) => x.toFixed(1);
  const r = times.runs;
  const lines = [
    `# Campaign results at ${RESPONSES.toLocaleString('en-GB')} responses`,
    '',
    `${new Date().toISOString()} · ${h.machine()} · PostgreSQL ${pgVersion} · ${RUNS} runs × ${SAMPLES} sequential requests, interleaved; figures are the median of the runs' p50/p95. Load average at the start: ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')} (${os.cpus().length} cores).`,
    '',
    `One campaign: ${ACTIONS} actions × ${Math.ceil(RESPONSES / ACTIONS).toLocaleString('en-GB')} members, every state, 7 channels, ${VOLUNTEERS} credited volunteers (${tallyRows.toLocaleString('en-GB')} tally rows).` +
      (db.fillSeconds !== null ? ` Filled in ${f(db.fillSeconds)} s this run (statements of ${CHUNK.toLocaleString('en-GB')} rows, tally triggers on).` : ' Database reused from an earlier run.'),
    '',
    '`campaignResults` = the real API over HTTP (funnel, by action, by channel, by volunteer, 20 activity events), signed in as an organiser, row-level security on, read from `follow_through_tally`. ' +
      '`direct SQL` = the GROUP BY over `action_response` the tally replaces, on one owner connection (no HTTP, GraphQL or RLS). `tally SQL` = the API\'s tally read alone, same connection. The API\'s funnel was checked equal to the direct aggregate before timing.',
    '',
    '| measured | p50 ms | p95 ms |',
    '|---|---:|---:|',
    `| campaignResults (API) | ${f(h.median(r.api50))} | ${f(h.median(r.api95))} |`,
    `| direct SQL aggregate over action_response | ${f(h.median(r.direct50))} | ${f(h.median(r.direct95))} |`,
    `| tally SQL (what the API reads) | ${f(h.median(r.tally50))} | ${f(h.median(r.tally95))} |`,
    '',
    'What the tally triggers cost a write (the same UPDATE ASKED → COMMITTED, in a transaction rolled back; p50 of 30 single-row / 5 batch statements):',
    '',
    '| statement | triggers on ms | triggers off ms |',
    '|---|---:|---:|',
    ...['1 row', '5,000 rows'].map((l) => `| UPDATE ${times.write[`${l} on`].rows.toLocaleString('en-GB')} response(s) | ${times.write[`${l} on`].p50.toFixed(2)} | ${times.write[`${l} off`].p50.toFixed(2)} |`),
    '',
    `Funnel: ${KEYS.map((k) => `${k} ${funnel[k].toLocaleString('en-GB')}`).join(', ')}, rate ${(funnel.rate * 100).toFixed(2)} %.`,
    '',
    '<details><summary>Plan: direct SQL aggregate</summary>', '', '```', ...plans.direct, '```', '</details>', '',
    '<details><summary>Plan: tally SQL</summary>', '', '```', ...plans.tally, '```', '</details>', '',
  ];
  const out = lines.join('\n');
  console.log(out);
  const file = RESPONSES === 1000000 ? 'campaigns.md' : `campaigns.${RESPONSES}.md`;
  fs.writeFileSync(path.join(__dirname, '..', 'results', file), out + '\n');
}

main().catch((err) => { console.error(err); process.exitCode = 1; });
