'use strict';
// A 1M-row file imported from the admin app, in Chromium, the way a person does it (issue 4, "Done when"): the file
// picker → the suggested mapping → dry run → import, reading the live progress view every few seconds until the
// report. Writes the timeline of what the page showed (rows done, speed, rejects, time left), screenshots and the
// final counts, checked against the database.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node bench/import/admin-ui.cjs [--rows 1000000] [--label name]
//
// Needs the built workspace (`pnpm exec turbo run build`) and Debian's chromium. The stack is the test stack of
// @muster/devstack (a fresh database, the built API with its heap flags, the built admin app); removed afterwards.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { generate } = require('./generate.cjs');
const h = require('../lib/harness.cjs');

const argv = process.argv.slice(2);
const arg = (name, fallback) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : fallback; };
const ROWS = Number(arg('--rows', '1000000'));
const LABEL = arg('--label', ROWS >= 1000000 ? '1m' : String(ROWS));
const SAMPLE_MS = Number(arg('--sample-ms', '5000'));
const WORK = path.join(os.tmpdir(), 'muster-bench-import');
const OUT_DIR = path.join(h.root, 'bench', 'results');
const SHOTS = path.join(OUT_DIR, `import-admin-ui.${LABEL}`);

const log = (m) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${m}`);
const int = (n) => Math.round(n).toLocaleString('en-GB');

async function main() {
  if (!process.env.DATABASE_URL) throw new Error('Set DATABASE_URL to a PostgreSQL server (the stack creates and drops its own database).');
  const { startTestStack, launchBrowser, signIn, DEMO_USERS } = require('@muster/devstack');
  fs.mkdirSync(WORK, { recursive: true });
  fs.mkdirSync(SHOTS, { recursive: true });
  const file = path.join(WORK, `members-${ROWS}-seed4.csv`);
  if (!fs.existsSync(file)) {
    log(`generating ${int(ROWS)} rows`);
    await generate(file, { rows: ROWS, seed: 4 });
  }
  const bytes = fs.statSync(file).size;
  const browser = await launchBrowser();
  if (!browser) throw new Error('Chromium is not installed (apt-get install -y chromium, or set CHROMIUM_PATH).');
  const stack = await startTestStack({ apps: ['admin'], unionMembers: 100, campaignMembers: 10 });
  const timeline = [];
  const result = { rows: ROWS, bytes, load: os.loadavg().map((x) => x.toFixed(2)).join(' ') };
  try {
    const [{ id: orgId }] = await stack.query(`SELECT id FROM organisation WHERE name = $1`, [DEMO_USERS.clientAdmin.organisation]);
    const before = Number((await stack.query(`SELECT count(*) AS n FROM member WHERE organisation_id = $1`, [orgId]))[0].n);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    context.setDefaultTimeout(120000);
    const page = await context.newPage();
    await signIn(page, stack.adminUrl, DEMO_USERS.organiser.email, DEMO_USERS.organiser.password);

    log(`uploading ${int(bytes)} bytes through the file picker`);
    let t0 = performance.now();
    await page.goto(`${stack.adminUrl}/orgs/${orgId}/imports`);
    await page.setInputFiles('[data-testid="import-file-input"]', file);
    await page.waitForURL(new RegExp(`/orgs/${orgId}/imports/[^/?]+$`), { timeout: 600000 });
    await page.waitForSelector('[data-testid="mapping-editor"]', { timeout: 600000 });
    result.uploadSeconds = (performance.now() - t0) / 1000;
    await page.screenshot({ path: path.join(SHOTS, '1-mapping.png'), fullPage: true });

    const read = async () => page.evaluate(() => {
      const q = (id) => document.querySelector(`[data-testid="${id}"]`);
      const bar = document.querySelector('[data-testid="import-progress-bar"] [role="progressbar"]');
      return {
        status: q('import-status')?.getAttribute('data-value') ?? null,
        done: Number(q('progress-done')?.getAttribute('data-value') ?? NaN),
        max: Number(bar?.getAttribute('data-max') ?? NaN),
        rate: q('progress-rate')?.textContent ?? '',
        rejected: Number(q('progress-rejected')?.getAttribute('data-value') ?? NaN),
        left: q('progress-time-left')?.textContent ?? '',
      };
    });
    const follow = async (phase, doneSelector, timeoutMs) => {
      const start = performance.now();
      let shot = false;
      for (;;) {
        if ((await page.locator(doneSelector).count()) > 0) break;
        if (performance.now() - start > timeoutMs) throw new Error(`${phase}: no end after ${timeoutMs / 1000} s`);
        const s = await read();
        if (Number.isFinite(s.done)) {
          timeline.push({ phase, t: (performance.now() - start) / 1000, ...s });
          if (!shot && s.done > 0) { await page.screenshot({ path: path.join(SHOTS, `2-${phase}-progress.png`), fullPage: true }); shot = true; }
        }
        await page.waitForTimeout(SAMPLE_MS);
      }
      return (performance.now() - start) / 1000;
    };

    log('dry run');
    await page.click('[data-testid="start-dry-run"]');
    result.drySeconds = await follow('dry run', '[data-testid="dry-run-counts"]', 3600000);
    result.dryCreated = Number(await page.getAttribute('[data-testid="dry-run-counts-created"]', 'data-value'));
    await page.screenshot({ path: path.join(SHOTS, '3-dry-run.png'), fullPage: true });
    log(`dry run ${result.drySeconds.toFixed(0)} s: ${int(result.dryCreated)} would be created`);

    log('import');
    t0 = performance.now();
    await page.click('[data-testid="start-import"]');
    result.importSeconds = await follow('import', '[data-testid="import-report"]', 3600000);
    result.status = await page.getAttribute('[data-testid="import-status"]', 'data-value');
    for (const k of ['created', 'updated', 'unchanged', 'rejected']) {
      result[k] = Number(await page.getAttribute(`[data-testid="report-counts-${k}"]`, 'data-value').catch(() => 'NaN'));
    }
    await page.screenshot({ path: path.join(SHOTS, '4-report.png'), fullPage: true });
    const after = Number((await stack.query(`SELECT count(*) AS n FROM member WHERE organisation_id = $1`, [orgId]))[0].n);
    result.membersAdded = after - before;
    result.dupNumbers = Number((await stack.query(`SELECT count(*) - count(DISTINCT membership_number) AS n FROM member WHERE organisation_id = $1 AND membership_number IS NOT NULL`, [orgId]))[0].n);
    log(`import ${result.importSeconds.toFixed(0)} s: ${JSON.stringify({ created: result.created, updated: result.updated, unchanged: result.unchanged, rejected: result.rejected, added: result.membersAdded })}`);
  } finally {
    await browser.close();
    await stack.stop();
  }
  const importSamples = timeline.filter((s) => s.phase === 'import');
  const increasing = importSamples.every((s, i) => i === 0 || s.done >= importSamples[i - 1].done);
  const lines = [
    `# A ${int(ROWS)}-row import from the admin app, in Chromium`,
    '',
    `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, load average at start ${result.load}, on ${os.cpus().length} cores.`,
    `Command: \`DATABASE_URL=… node bench/import/admin-ui.cjs --rows ${ROWS} --label ${LABEL}\`. File: ${int(bytes)} bytes (bench/import/generate.cjs, seed 4).`,
    '',
    `| upload (file picker → mapping shown) | dry run | import | status | created | updated | unchanged | rejected | members added in the database | duplicate membership numbers |`,
    '|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|',
    `| ${result.uploadSeconds.toFixed(1)} s | ${result.drySeconds.toFixed(1)} s | ${result.importSeconds.toFixed(1)} s | ${result.status} | ${int(result.created)} | ${int(result.updated)} | ${int(result.unchanged)} | ${int(result.rejected)} | ${int(result.membersAdded)} | ${result.dupNumbers} |`,
    '',
    `What the progress view showed (sampled every ${SAMPLE_MS / 1000} s; rows done never went backwards: ${increasing ? 'yes' : '**no**'}):`,
    '',
    '| phase | s | rows done | of | speed | rejected so far | time left |',
    '|---|---:|---:|---:|---|---:|---|',
    ...timeline.filter((_, i, all) => all.length <= 40 || i % Math.ceil(all.length / 40) === 0 || i === all.length - 1)
      .map((s) => `| ${s.phase} | ${s.t.toFixed(0)} | ${int(s.done)} | ${Number.isFinite(s.max) ? int(s.max) : '…'} | ${s.rate} | ${Number.isFinite(s.rejected) ? int(s.rejected) : ''} | ${s.left} |`),
    '',
    `Screenshots: \`bench/results/import-admin-ui.${LABEL}/\` (mapping, progress of each phase, dry-run counts, report).`,
    '',
  ];
  const out = path.join(OUT_DIR, `import-admin-ui.${LABEL}.md`);
  fs.writeFileSync(out, lines.join('\n'));
  log(`wrote ${path.relative(h.root, out)}`);
  if (result.status !== 'COMPLETED' || !increasing || result.dupNumbers !== 0) process.exitCode = 1;
}

main().catch((error) => { console.error(error); process.exit(1); });
