'use strict';
// The members CSV export at scale: one GET /exports/members.csv of the largest organisation, through the real
// API (built: apps/api/dist) signed in as an agency admin, timed end to end, with the API process's memory
// sampled from /proc (VmRSS every 50 ms, VmHWM at the end). The client reads as fast as it can and keeps nothing.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/<a copy of muster_bench_members> node bench/export/run.cjs [--filter '<json>'] [--bom]
//
// It writes a user, a session and (through the API) an audit event into that database: point it at a copy
// (CREATE DATABASE x TEMPLATE muster_bench_members), not at a database others measure on.
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');
const { createHash, randomBytes, randomUUID } = require('node:crypto');
const { Client } = require('pg');
const { startServer, stopServer, freePort, machine, root } = require('../lib/harness.cjs');

function arg(name) {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1] ?? '';
}

function status(pid) {
  const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number((new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(text) ?? [])[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL must name the (copied) 1M-member database');
  const db = new Client({ connectionString: url });
  await db.connect();
  const { rows: [org] } = await db.query(
    `SELECT o.id, o.slug, count(*)::int AS members FROM organisation o JOIN member m ON m.organisation_id = o.id GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 1`);
  const userId = randomUUID();
  const token = `mst_s_${randomBytes(32).toString('base64url')}`;
  await db.query(`INSERT INTO app_user (id, email, name) VALUES ($1, $2, 'Export bench')`, [userId, `export-bench-${userId}@bench.example`]);
  await db.query(`INSERT INTO membership (organisation_id, user_id, role) VALUES ($1, $2, 'AGENCY_ADMIN')`, [org.id, userId]);
  await db.query(`INSERT INTO session (id, user_id, token_hash, expires_at, last_used_at) VALUES ($1, $2, $3, now() + interval '1 day', now())`,
    [randomUUID(), userId, createHash('sha256').update(token).digest('hex')]);

  const port = await freePort();
  // EXPORT_BENCH_NODE_ARGS: extra node flags for the API process (e.g. --cpu-prof).
  const nodeArgs = (process.env.EXPORT_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const api = await startServer('api', [...nodeArgs, path.join(root, 'apps/api/dist/main.js')],
    { DATABASE_URL: url, PORT: String(port), LOG_LEVEL: 'warn', NODE_ENV: 'production' },
    () => new Promise((resolve) => http.get(`http://127.0.0.1:${port}/health`, (r) => { r.resume(); resolve(r.statusCode === 200); }).on('error', () => resolve(false))));
  const before = status(api.child.pid);
  let peakRss = before.rss;
  // RSS against progress (bytes received so far): flat memory means the later quarters are no higher than the first.
  let received = 0;
  const timeline = [];
  const sampler = setInterval(() => {
    try {
      const rss = status(api.child.pid).rss;
      peakRss = Math.max(peakRss, rss);
      timeline.push({ received, rss });
    } catch { /* gone */ }
  }, 50);
  try {
    const q = new URLSearchParams({ organisationId: org.id });
    if (arg('--filter')) q.set('filter', arg('--filter'));
    if (process.argv.includes('--bom')) q.set('bom', '1');
    const started = process.hrtime.bigint();
    let firstByteMs = null;
    const result = await new Promise((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port, path: `/exports/members.csv?${q}`, headers: { authorization: `Bearer ${token}` } }, (res) => {
        if (res.statusCode !== 200) { let body = ''; res.on('data', (d) => { body += d; }); res.on('end', () => reject(new Error(`HTTP ${res.statusCode}: ${body}`))); return; }
        let bytes = 0;
        let lines = 0;
        res.on('data', (chunk) => {
          if (firstByteMs === null) firstByteMs = Number(process.hrtime.bigint() - started) / 1e6;
          bytes += chunk.length;
          received = bytes;
          for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
        });
        res.on('end', () => resolve({ bytes, lines, disposition: res.headers['content-disposition'] }));
        res.on('error', reject);
      });
      req.on('error', reject);
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    clearInterval(sampler);
    const after = status(api.child.pid);
    // Quoted cells may hold line breaks: rows = records, counted from the audit event the API wrote.
    // The API writes the audit event once the response has finished: wait for it (bounded).
    let audit;
    for (let i = 0; i < 100 && !audit; i++) {
      ({ rows: [audit] } = await db.query(
        `SELECT details FROM audit_event WHERE action = 'member.export' AND actor_user_id = $1 ORDER BY created_at DESC LIMIT 1`, [userId]));
      if (!audit) await new Promise((r) => setTimeout(r, 100));
    }
    const rowsOut = audit?.details?.rowCount ?? result.lines - 1;
    const m = machine();
    const quarter = (i) => {
      const part = timeline.filter((x) => x.received > (result.bytes * i) / 4 && x.received <= (result.bytes * (i + 1)) / 4);
      return part.length ? Math.max(...part.map((x) => x.rss)).toFixed(0) : '-';
    };
    const report = [
      `# members CSV export — ${new Date().toISOString()}`,
      '',
      `Machine: ${m}`,
      `Organisation \`${org.slug}\`: ${org.members.toLocaleString('en-GB')} members; filter: ${arg('--filter') ?? 'none'}`,
      '',
      '| rows | bytes | seconds | rows/s | MB/s | first byte (ms) | API RSS before (MB) | API RSS peak sampled (MB) | API VmHWM (MB) | audit complete |',
      '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
      `| ${rowsOut.toLocaleString('en-GB')} | ${result.bytes.toLocaleString('en-GB')} | ${seconds.toFixed(1)} | ${Math.round(rowsOut / seconds).toLocaleString('en-GB')} | ${(result.bytes / 1e6 / seconds).toFixed(1)} | ${firstByteMs?.toFixed(0)} | ${before.rss.toFixed(0)} | ${Math.max(peakRss, after.rss).toFixed(0)} | ${after.hwm.toFixed(0)} | ${audit?.details?.complete} |`,
      '',
      `API RSS peak (MB) in each quarter of the download: ${[0, 1, 2, 3].map(quarter).join(' / ')}`,
      '',
      `Command: \`DATABASE_URL=<copy of muster_bench_members>${nodeArgs.length ? ` EXPORT_BENCH_NODE_ARGS="${nodeArgs.join(' ')}"` : ''} node bench/export/run.cjs${arg('--filter') ? ` --filter '${arg('--filter')}'` : ''}\``,
      '',
    ].join('\n');
    process.stdout.write(report);
    const out = path.join(root, 'bench/results', `export-${new Date().toISOString().slice(0, 16).replace(/[:T]/g, '-')}.md`);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, report);
    process.stdout.write(`\nwritten to ${path.relative(root, out)}\n`);
  } finally {
    clearInterval(sampler);
    await stopServer(api);
    await db.query(`DELETE FROM session WHERE user_id = $1`, [userId]).catch(() => undefined);
    await db.query(`DELETE FROM membership WHERE user_id = $1`, [userId]).catch(() => undefined);
    await db.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
