'use strict';
// Where the import's time goes, batch by batch, from the API log of a run with MUSTER_IMPORT_DEBUG=1 (the worker logs
// "batch of N: match 461ms, states 2273ms, …" per batch). Prints a markdown table: mean ms per phase for each tenth of
// the run's batches, so a phase that grows with the organisation's size shows as a rising column.
//
//   node bench/import/batches.cjs <api log>
const fs = require('node:fs');

function batchTable(logText, sinceMs = 0) {
  const batches = [];
  for (const line of logText.split('\n')) {
    const m = /batch of (\d+): ([^"]*)/.exec(line);
    if (!m) continue;
    if (Number(/"time":(\d+)/.exec(line)?.[1] ?? 0) < sinceMs) continue; // e.g. the dry run's batches
    const phases = {};
    for (const [, name, ms] of m[2].matchAll(/([a-z][a-z ]*?) (\d+(?:\.\d+)?)ms/g)) phases[name.trim()] = Number(ms);
    batches.push({ rows: Number(m[1]), phases });
  }
  if (batches.length === 0) return null;
  const names = [...new Set(batches.flatMap((b) => Object.keys(b.phases)))];
  const parts = Math.min(10, batches.length);
  const rows = [];
  for (let p = 0; p < parts; p += 1) {
    const slice = batches.slice(Math.floor((p * batches.length) / parts), Math.floor(((p + 1) * batches.length) / parts));
    const mean = (n) => slice.reduce((s, b) => s + (b.phases[n] ?? 0), 0) / slice.length;
    const total = names.reduce((s, n) => s + mean(n), 0);
    const before = batches.slice(0, Math.floor((p * batches.length) / parts)).reduce((s, b) => s + b.rows, 0);
    rows.push(`| ${before.toLocaleString('en-GB')}+ | ${slice.length} | ${names.map((n) => Math.round(mean(n))).join(' | ')} | **${Math.round(total)}** |`);
  }
  return [
    `| rows already imported | batches | ${names.join(' | ')} | total ms |`,
    `|---:|---:|${names.map(() => '---:|').join('')}---:|`,
    ...rows,
  ].join('\n');
}

module.exports = { batchTable };

if (require.main === module) {
  const file = process.argv[2];
  if (!file) { console.error('usage: node bench/import/batches.cjs <api log> [since epoch ms]'); process.exit(2); }
  console.log(batchTable(fs.readFileSync(file, 'utf8'), Number(process.argv[3] ?? 0)) ?? 'no "batch of" lines (run the API with MUSTER_IMPORT_DEBUG=1)');
}
