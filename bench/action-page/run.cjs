'use strict';
/**
 * Action pages: time to first byte and page weight of the public pages (GET /a/:slug), one per page kind, as an
 * anonymous visitor and as a member arriving with a signed token; the redirect of a tracked link (GET /l/:code, click
 * counted); and a full form submission (POST /a/:slug → 303: member matched or created, consent, response, nonce
 * spent). p50/p95 over sequential requests on one keep-alive connection (what one phone sees), then optionally
 * throughput under concurrent load (autocannon, GET only). See bench/action-page/README.md.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node bench/action-page/run.cjs [--members 10000] [--samples 200]
 *     [--load 10] [--connections 20] [--fresh] [--out bench/results/action-page.md]
 *
 * Needs the API built (pnpm turbo run build). Creates database muster_bench_action_page (reused unless --fresh).
 */
const path = require('node:path');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const { randomBytes } = require('node:crypto');
const { spawn } = require('node:child_process');
const h = require('../lib/harness.cjs');

const args = process.argv.slice(2);
const flag = (name, fallback) => { const i = args.indexOf(name); return i === -1 ? fallback : args[i + 1]; };
const MEMBERS = Number(flag('--members', '10000'));
const SAMPLES = Number(flag('--samples', '200'));
const LOAD_SECONDS = Number(flag('--load', '0'));
const CONNECTIONS = Number(flag('--connections', '20'));
const FRESH = args.includes('--fresh');
const OUT = flag('--out', path.join(h.root, 'bench', 'results', 'action-page.md'));
const DB = 'muster_bench_action_page';
const API_DIST = path.join(h.root, 'apps', 'api', 'dist');
const SECRET = randomBytes(32).toString('hex');

function log(msg) { process.stderr.write(`[action-page] ${msg}\n`); }

function pct(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/** One request; ttfb = until the status line and headers arrived (the first byte), total = until the last byte. */
function request(url, { method = 'GET', body, headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const start = process.hrtime.bigint();
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname + u.search, method, agent, headers: { ...headers, ...(body ? { 'content-length': Buffer.byteLength(body) } : {}) } }, (res) => {
      const ttfb = Number(process.hrtime.bigint() - start) / 1e6;
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks), ttfb, total: Number(process.hrtime.bigint() - start) / 1e6 }));
    });
    req.setTimeout(15000, () => req.destroy(new Error(`timeout ${url}`)));
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

async function setUp(serverUrl) {
  const url = h.withDb(serverUrl, DB);
  const exists = (await h.sql(serverUrl, `SELECT 1 FROM pg_database WHERE datname = $1`, [DB])).length > 0;
  if (exists && FRESH) await h.sql(serverUrl, `DROP DATABASE ${DB} WITH (FORCE)`);
  if (!exists || FRESH) {
    await h.sql(serverUrl, `CREATE DATABASE ${DB}`);
    await h.apiCli(['migrate'], url, 600000);
    await h.apiCli(['seed', '--union-members', String(MEMBERS), '--campaign-members', '100', '--seed', '6'], url, 3600000);
  }
  const org = (await h.sql(url, `SELECT o.id FROM organisation o WHERE o.kind = 'CLIENT' ORDER BY (SELECT count(*) FROM member m WHERE m.organisation_id = o.id) DESC LIMIT 1`))[0].id;
  await h.sql(url, `DELETE FROM action WHERE public_slug LIKE 'bench%'`);
  await h.sql(url, `DELETE FROM campaign WHERE name = 'Bench: action pages'`);
  const campaign = (await h.sql(url, `INSERT INTO campaign (organisation_id, id, name, status, created_by) VALUES ($1, gen_random_uuid(), 'Bench: action pages', 'ACTIVE', 'bench') RETURNING id`, [org]))[0].id;
  const wording = 'Yes, United may text and email me about this campaign. I can opt out at any time.';
  const page = JSON.stringify({ headline: 'Stand up for fair pay', body: 'Public services run on the people who deliver them.\n\nAdd your name today.', thankYou: 'Thank you.', donationAmountsPence: [500, 1000, 2500] });
  const actions = {};
  for (const [kind, type] of [['signup', 'PHONE_BANK_SIGNUP'], ['pledge', 'CUSTOM'], ['petition', 'PETITION'], ['donate', 'DONATION']]) {
    const slug = `bench${kind}${randomBytes(4).toString('hex')}`;
    const id = (await h.sql(url, `INSERT INTO action (organisation_id, id, campaign_id, type, title, status, public_slug, consent_wording, page)
      VALUES ($1, gen_random_uuid(), $2, $3, $4, 'OPEN', $5, $6, $7) RETURNING id`, [org, campaign, type, `Bench ${kind}`, slug, wording, page]))[0].id;
    actions[kind] = { id, slug };
  }
  const members = (await h.sql(url, `SELECT id, email FROM member WHERE organisation_id = $1 AND email IS NOT NULL ORDER BY id LIMIT $2`, [org, SAMPLES])).map((r) => ({ id: r.id, email: r.email }));
  const linkCode = randomBytes(12).toString('base64url');
  await h.sql(url, `INSERT INTO tracked_link (organisation_id, id, code, action_id, member_id, channel, created_by) VALUES ($1, gen_random_uuid(), $2, $3, $4, 'SMS', 'bench')`,
    [org, linkCode, actions.signup.id, members[0].id]);
  return { url, org, campaign, actions, members, linkCode };
}

function autocannonGet(url, seconds, connections) {
  const AUTOCANNON = require.resolve('autocannon/autocannon.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [AUTOCANNON, '-c', String(connections), '-d', String(seconds), '--json', url], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    const killer = setTimeout(() => child.kill('SIGKILL'), (seconds + 30) * 1000);
    child.on('exit', (code) => {
      clearTimeout(killer);
      if (code !== 0) return reject(new Error(`autocannon exited ${code}`));
      const r = JSON.parse(out);
      resolve({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors });
    });
  });
}

async function main() {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('Set DATABASE_URL to a PostgreSQL server (the run creates its own database).');
  if (!fs.existsSync(path.join(API_DIST, 'main.js'))) throw new Error('Build the API first (pnpm turbo run build).');
  log(`setting up ${DB} (${MEMBERS} members)`);
  const s = await setUp(serverUrl);
  const { LinkSigner, linkSecret } = require(path.join(API_DIST, 'action-page', 'action-page.token.js'));
  const signer = new LinkSigner(linkSecret({ MUSTER_LINK_SECRET: SECRET }));

  const port = await h.freePort();
  const base = `http://127.0.0.1:${port}`;
  const api = await h.startServer('api', [path.join(API_DIST, 'main.js')], {
    DATABASE_URL: s.url, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', LOG_LEVEL: 'warn',
    MUSTER_LINK_SECRET: SECRET, MUSTER_PUBLIC_URL: base, MUSTER_ACTION_PAGE_MIN_FILL_MS: '0',
    MUSTER_ACTION_PAGE_RATE_LIMIT: '1000000', MUSTER_RATE_LIMIT_ANONYMOUS: '1000000',
  }, async () => (await fetch(`${base}/health`)).ok, 60000, { cwd: path.join(h.root, 'apps', 'api') });
  const rows = [];
  try {
    const measure = async (name, makeRequest, expectStatus) => {
      const ttfb = []; const total = []; let bytes = 0;
      for (let i = 0; i < 10; i++) await makeRequest(i); // warm-up (JIT, pool, prepared plans)
      for (let i = 0; i < SAMPLES; i++) {
        const r = await makeRequest(i);
        if (r.status !== expectStatus) throw new Error(`${name}: HTTP ${r.status} ${r.body.toString().slice(0, 300)}`);
        ttfb.push(r.ttfb); total.push(r.total); bytes = r.body.length;
      }
      rows.push({ name, p50: pct(ttfb, 50), p95: pct(ttfb, 95), totalP95: pct(total, 95), bytes });
      log(`${name.padEnd(44)} ttfb p50 ${pct(ttfb, 50).toFixed(2)} ms  p95 ${pct(ttfb, 95).toFixed(2)} ms  ${bytes} B`);
    };
    for (const [kind, a] of Object.entries(s.actions)) {
      await measure(`GET /a/… ${kind} (anonymous)`, () => request(`${base}/a/${a.slug}`), 200);
    }
    await measure('GET /a/… signup (member token: pre-filled)', (i) => request(`${base}/a/${s.actions.signup.slug}?t=${signer.memberToken(s.org, s.actions.signup.id, s.members[i % s.members.length].id)}`), 200);
    await measure('GET /l/… (tracked link: click counted, 302)', () => request(`${base}/l/${s.linkCode}`), 302);
    await measure('GET /a/…/thanks', () => request(`${base}/a/${s.actions.petition.slug}/thanks`), 200);
    let n = 0;
    await measure('POST /a/… petition (new member, consent, 303)', () => {
      n += 1;
      const form = new URLSearchParams({ nonce: signer.nonce(s.org, s.actions.petition.id, 'Yes, United may text and email me about this campaign. I can opt out at any time.'),
        firstName: 'Bench', lastName: `Signer${n}`, email: `bench.${process.pid}.${n}.${Date.now()}@example.org`, consent: 'yes' });
      return request(`${base}/a/${s.actions.petition.slug}`, { method: 'POST', body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    }, 303);
    let m = 0;
    await measure('POST /a/… pledge (matched by email, 303)', () => {
      const member = s.members[m++ % s.members.length];
      const form = new URLSearchParams({ nonce: signer.nonce(s.org, s.actions.pledge.id, 'Yes, United may text and email me about this campaign. I can opt out at any time.'),
        firstName: 'Bench', lastName: 'Matched', email: member.email });
      return request(`${base}/a/${s.actions.pledge.slug}`, { method: 'POST', body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    }, 303);

    let load = null;
    if (LOAD_SECONDS > 0) {
      log(`load: GET petition page, ${CONNECTIONS} connections, ${LOAD_SECONDS} s`);
      load = await autocannonGet(`${base}/a/${s.actions.petition.slug}`, LOAD_SECONDS, CONNECTIONS);
    }

    const lines = [
      `# Action pages: time to first byte and page weight`,
      '',
      `Run ${new Date().toISOString()} on ${h.machine()}; load average at the start ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')}.`,
      `API: \`node apps/api/dist/main.js\` (NODE_ENV=production), database \`${DB}\` with ${MEMBERS} union members (demo seed). ${SAMPLES} sequential requests per row on one keep-alive connection after 10 warm-up requests.`,
      `Command: \`DATABASE_URL=… node bench/action-page/run.cjs --members ${MEMBERS} --samples ${SAMPLES}${LOAD_SECONDS ? ` --load ${LOAD_SECONDS} --connections ${CONNECTIONS}` : ''}\``,
      '',
      '| request | TTFB p50 (ms) | TTFB p95 (ms) | last byte p95 (ms) | body (bytes) |',
      '|---|---:|---:|---:|---:|',
      ...rows.map((r) => `| ${r.name} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${r.totalP95.toFixed(2)} | ${r.bytes} |`),
      '',
      'Page weight is the whole response body: the HTML with its one inline stylesheet; there is no script, image, font or other request (the CSP forbids them). The API does not compress; a proxy with gzip would roughly third these sizes.',
    ];
    if (load) lines.push('', `Under load (autocannon, GET petition page, ${CONNECTIONS} connections, ${LOAD_SECONDS} s): ${load.rps.toFixed(0)} req/s, latency p50 ${load.p50} ms, p99 ${load.p99} ms, ${load.non2xx} non-2xx, ${load.errors} errors.`);
    const text = lines.join('\n') + '\n';
    process.stdout.write(text);
    fs.mkdirSync(path.dirname(OUT), { recursive: true });
    fs.writeFileSync(OUT, text);
    log(`written to ${path.relative(h.root, OUT)}`);
  } finally {
    agent.destroy();
    await h.stopServer(api);
  }
}

main().catch((error) => { console.error(error); process.exitCode = 1; });
