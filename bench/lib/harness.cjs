'use strict';
// Shared harness for the benchmarks: start a server as a child process, wait until it is ready,
// drive it with autocannon in ANOTHER process, stop everything. Every wait is bounded in time.
const { spawn } = require('node:child_process');
const path = require('node:path');

const AUTOCANNON = require.resolve('autocannon/autocannon.js');

function sleep(ms) { return new Promise((r) => setTimeout(r, ms)); }

/** Start `node args…` with env; resolve once `isReady()` is true (polled), reject on exit or timeout. */
async function startServer(name, args, env, isReady, timeoutMs = 60000, { logFile, cwd } = {}) {
  // With logFile the child writes straight to a file (as a deployed server would), so draining a pipe costs nothing here.
  const fd = logFile ? require('node:fs').openSync(logFile, 'a') : null;
  const stdio = fd === null ? ['ignore', 'pipe', 'pipe'] : ['ignore', fd, fd];
  const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio });
  if (fd !== null) require('node:fs').closeSync(fd);
  let out = '';
  const tail = () => (logFile ? require('node:fs').readFileSync(logFile, 'utf8').slice(-3000) : out);
  child.stdout?.on('data', (d) => { out += d; if (out.length > 20000) out = out.slice(-10000); });
  child.stderr?.on('data', (d) => { out += d; if (out.length > 20000) out = out.slice(-10000); });
  let exited = null;
  child.on('exit', (code, sig) => { exited = { code, sig }; });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${name} exited (${JSON.stringify(exited)}) before ready:\n${tail().slice(-3000)}`);
    try { if (await isReady()) return { name, child, output: tail }; } catch { /* not yet */ }
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error(`${name} not ready after ${timeoutMs} ms:\n${tail().slice(-3000)}`);
}

/** SIGINT (or SIGTERM), wait up to 10 s, then SIGKILL; resolves when the process is gone. */
async function stopServer(srv, signal = 'SIGTERM') {
  const { child } = srv;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  const t = setTimeout(() => child.kill('SIGKILL'), 10000);
  await gone;
  clearTimeout(t);
}

async function postJson(url, body, timeoutMs = 10000, headers = {}) {
  const res = await fetch(url, {
    method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  return { status: res.status, text, json: (() => { try { return JSON.parse(text); } catch { return null; } })() };
}

/** One autocannon run in a separate node process (so the load generator is not the server's event loop). */
function autocannon(url, body, { connections = 50, duration = 10 } = {}) {
  return new Promise((resolve, reject) => {
    const args = [AUTOCANNON, '-c', String(connections), '-d', String(duration), '-m', 'POST',
      '-H', 'content-type=application/json', '-b', JSON.stringify(body), '--json', url];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = ''; let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    const killer = setTimeout(() => child.kill('SIGKILL'), (duration + 30) * 1000);
    child.on('exit', (code) => {
      clearTimeout(killer);
      if (code !== 0) return reject(new Error(`autocannon exited ${code}: ${err.slice(-2000)}`));
      try {
        const r = JSON.parse(out);
        resolve({
          rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99,
          total: r.requests.total, non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts,
        });
      } catch (e) { reject(new Error(`cannot parse autocannon output: ${e.message}\n${out.slice(0, 500)}`)); }
    });
  });
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Ask the OS for a free port on 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = require('node:net').createServer();
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
    srv.on('error', reject);
  });
}

function machine() {
  const os = require('node:os');
  return `${os.cpus().length} × ${os.cpus()[0]?.model?.trim() ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

/** Interleaved rounds: every round runs every target once, in a rotated order, so drift hits all equally. */
async function interleave(targets, { runs, duration, connections, log, strict = true }) {
  const results = Object.fromEntries(targets.map((t) => [t.name, []]));
  for (let round = 0; round < runs; round += 1) {
    const order = targets.map((_, i) => targets[(i + round) % targets.length]);
    for (const t of order) {
      const r = await autocannon(t.url, t.body, { duration, connections });
      if (strict && (r.non2xx || r.errors || r.timeouts)) throw new Error(`${t.name}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`);
      results[t.name].push(r);
      log(`round ${round + 1}/${runs} ${t.name.padEnd(28)} ${r.rps.toFixed(0).padStart(6)} req/s  p99 ${r.p99} ms`);
    }
  }
  return results;
}


/** The same server URL pointing at another database. */
const withDb = (url, db) => { const u = new URL(url); u.pathname = `/${db}`; return u.toString(); };

/** One statement on a fresh connection (set-up and checks, never under load). */
async function sql(url, text, values) {
  const { Client } = require('pg');
  const c = new Client({ connectionString: url });
  await c.connect();
  try { return (await c.query(text, values)).rows; } finally { await c.end(); }
}

/** The API's CLI (`migrate`, `seed …`) against a database; killed after timeoutMs when given. */
function apiCli(args, databaseUrl, timeoutMs) {
  const apiDist = path.join(__dirname, '..', '..', 'apps', 'api', 'dist');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(apiDist, 'cli.js'), ...args],
      { cwd: path.dirname(apiDist), env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ['ignore', 'inherit', 'inherit'] });
    const t = timeoutMs ? setTimeout(() => child.kill('SIGKILL'), timeoutMs) : null;
    child.on('exit', (code, sig) => { if (t) clearTimeout(t); code === 0 ? resolve() : reject(new Error(`cli.js ${args.join(' ')} failed (${sig ?? code})`)); });
  });
}

module.exports = { withDb, sql, apiCli, startServer, stopServer, postJson, autocannon, median, freePort, machine, interleave, sleep, root: path.resolve(__dirname, '..', '..') };
