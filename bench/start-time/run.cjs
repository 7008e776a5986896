#!/usr/bin/env node
'use strict';
// Time `npm start` from a fresh clone to the first members page served (issue 2, item 10).
//
//   node bench/start-time/run.cjs [--rounds 3] [--repo /work/main] [--dir /tmp/muster-start-bench]
//
// Each round: fresh `git clone` (committed HEAD of --repo; no node_modules, no .muster data) → `npm start` (cold) →
// first 50-row members page → Ctrl-C; then `npm start` again in the same clone (warm) → first page → Ctrl-C.
// "Cold" reuses the machine's pnpm store (a clone, not a new machine). DATABASE_URL is removed so the embedded
// PostgreSQL is what gets timed. After every stop it checks that no process of the clone is left.
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const h = require('../lib/harness.cjs');

const argv = process.argv.slice(2);
const opt = (name, dflt) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : dflt; };
const ROUNDS = Number(opt('rounds', 3));
const REPO = opt('repo', h.root);
const DIR = opt('dir', '/tmp/muster-start-bench');
const START_TIMEOUT_MS = Number(opt('timeout', 600)) * 1000;
const log = (m) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${m}`);

const ORGS = '{ organisations(first: 50) { edges { node { id slug kind } } } }';
const PAGE = 'query Page($org: ID!) { members(organisationId: $org, first: 50, orderBy: { field: LAST_NAME, direction: ASC }) { edges { cursor node { id firstName lastName email phone status region branch } } } }';

/** PIDs whose command line, cwd or environment mention the clone: what "no process left" is checked against. */
function processesOf(dir) {
  const found = [];
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    if (Number(pid) === process.pid) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      let cwd = '';
      try { cwd = fs.readlinkSync(`/proc/${pid}/cwd`); } catch { /* gone or not ours */ }
      if (cmd.includes(dir) || cwd === dir || cwd.startsWith(`${dir}/`)) found.push(`${pid} ${cmd.slice(0, 160)}`);
    } catch { /* exited meanwhile */ }
  }
  return found;
}

async function firstPage(apiUrl) {
  const orgs = await h.postJson(`${apiUrl}/graphql`, { query: ORGS }, 5000);
  const list = orgs.json?.data?.organisations?.edges?.map((e) => e.node) ?? [];
  // The demo union: the client organisation with the most members; take the first CLIENT whose page is full.
  for (const org of list.filter((o) => o.kind === 'CLIENT')) {
    const r = await h.postJson(`${apiUrl}/graphql`, { query: PAGE, variables: { org: org.id } }, 5000);
    if (r.json?.data?.members?.edges?.length === 50) return true;
  }
  return false;
}

/** One `npm start`: returns seconds to the first page served, then stops it with SIGINT and checks nothing is left. */
async function timedStart(label) {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  // Ports picked by the launcher from these bases (it moves to the next free one), away from a developer's own stack.
  Object.assign(env, { MUSTER_API_PORT: '14000', MUSTER_ADMIN_PORT: '15173', MUSTER_PORTAL_PORT: '15174', MUSTER_PG_PORT: '15432' });
  const t0 = process.hrtime.bigint();
  // Own process group, like a terminal's foreground job: Ctrl-C (SIGINT to the group) is what a person does.
  const child = spawn('npm', ['start'], { cwd: DIR, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  // When each launcher step ("[muster] …") first appeared: where the time goes.
  const steps = [];
  let partial = '';
  const onData = (d) => {
    out += d; if (out.length > 200000) out = out.slice(-100000);
    const lines = (partial + d).split('\n'); partial = lines.pop();
    for (const line of lines) {
      // eslint-disable-next-line no-control-regex
      const m = line.replace(/\x1b\[[0-9;]*m/g, '').match(/^\[muster\] (.*)/);
      if (m && seconds === null) steps.push({ at: Number(process.hrtime.bigint() - t0) / 1e9, step: m[1].replace(/\s*\(.*$/, '').replace(/…$/, '').slice(0, 60) });
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  let exited = null;
  child.on('exit', (code, sig) => { exited = { code, sig }; });
  let seconds = null;
  try {
    const deadline = Date.now() + START_TIMEOUT_MS;
    let apiUrl = null;
    while (Date.now() < deadline) {
      if (exited) throw new Error(`npm start exited (${JSON.stringify(exited)}):\n${out.slice(-4000)}`);
      apiUrl ??= out.match(/GraphQL API:\s+(http:\/\/\S+)\/graphql/)?.[1] ?? null;
      // Before the banner, poll the port the launcher prefers, so the time is "first page served", not "banner printed".
      const candidate = apiUrl ?? 'http://127.0.0.1:14000';
      try { if (await firstPage(candidate)) { seconds = Number(process.hrtime.bigint() - t0) / 1e9; break; } } catch { /* not up yet */ }
      await h.sleep(apiUrl ? 50 : 250);
    }
    if (seconds === null) throw new Error(`${label}: no members page within ${START_TIMEOUT_MS / 1000} s:\n${out.slice(-4000)}`);
    log(`${label}: first members page after ${seconds.toFixed(1)} s (${steps.map((x) => `${x.at.toFixed(1)} ${x.step}`).join(' | ')})`);
  } finally {
    if (!exited) {
      const gone = new Promise((r) => child.once('exit', r));
      process.kill(-child.pid, 'SIGINT');
      const killer = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, 30000);
      await gone;
      clearTimeout(killer);
    }
    // The group leader is gone; give its children (bounded) time to finish their own orderly exit.
    const deadline = Date.now() + 20000;
    let left = processesOf(DIR);
    while (left.length && Date.now() < deadline) { await h.sleep(200); left = processesOf(DIR); }
    if (left.length) {
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* group empty */ }
      throw new Error(`${label}: processes left after Ctrl-C:\n${left.join('\n')}`);
    }
    if (!/stopped\./.test(out)) log(`${label}: warning: the launcher did not print "stopped."`);
  }
  return { seconds, steps };
}

async function main() {
  const cold = []; const warm = [];
  const head = execFileSync('git', ['-C', REPO, 'rev-parse', '--short', 'HEAD']).toString().trim();
  for (let round = 1; round <= ROUNDS; round += 1) {
    if (processesOf(DIR).length) throw new Error(`processes already running in ${DIR}; stop them first`);
    fs.rmSync(DIR, { recursive: true, force: true });
    execFileSync('git', ['clone', '--quiet', REPO, DIR]);
    cold.push(await timedStart(`round ${round} cold`));
    warm.push(await timedStart(`round ${round} warm`));
  }
  const fmt = (xs) => xs.map((x) => x.seconds.toFixed(1)).join(', ');
  const med = (xs) => h.median(xs.map((x) => x.seconds));
  // Median time at which each step began, over the rounds (steps seen in every round only).
  const stepTable = (xs) => {
    const names = xs[0].steps.map((x) => x.step).filter((n) => xs.every((r) => r.steps.some((y) => y.step === n)));
    return names.map((n) => `${h.median(xs.map((r) => r.steps.find((y) => y.step === n).at)).toFixed(1)} s ${n}`).join('; ');
  };
  const md = [
    '# `npm start` to the first members page',
    '',
    `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${h.machine()}, commit ${head}.`,
    'Cold = fresh `git clone` (no node_modules, no .muster data; the machine\'s pnpm store is reused): install, build,',
    'embedded PostgreSQL initdb, migrations, demo data, API. Warm = a second `npm start` in the same clone.',
    'Time = from spawning `npm start` to the first 50-row members page answered by the API. Stopped with Ctrl-C (SIGINT',
    'to the process group) after each start; no process of the clone was left behind.',
    `Command: \`node bench/start-time/run.cjs --rounds ${ROUNDS}\``,
    '',
    '| start | median s | runs (s) |',
    '|---|---:|---|',
    `| cold | ${med(cold).toFixed(1)} | ${fmt(cold)} |`,
    `| warm | ${med(warm).toFixed(1)} | ${fmt(warm)} |`,
    '',
    'Where the time goes (median time since `npm start` at which each launcher step began):',
    '',
    `- cold: ${stepTable(cold)}; first page ${med(cold).toFixed(1)} s`,
    `- warm: ${stepTable(warm)}; first page ${med(warm).toFixed(1)} s`,
    '',
  ].join('\n');
  process.stdout.write(`${md}\n`);
  const out = path.join(__dirname, '..', 'results', 'start-time.md');
  fs.writeFileSync(out, md);
  log(`wrote ${path.relative(process.cwd(), out)}`);
  fs.rmSync(DIR, { recursive: true, force: true });
}

main().catch((err) => { console.error(err); process.exit(1); });
