// Measures generation speed and memory, and prints distributions: `pnpm run build && pnpm run measure [count] [organisation]`.
import { generateMembers } from '../dist/index.js';

const count = Number(process.argv[2] ?? 1_000_000);
const organisation = process.argv[3] ?? 'union';
const today = '2026-11-26';

globalThis.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
let peakHeap = heapBefore;
const started = process.hrtime.bigint();
let rows = 0;
let checksum = 0;
for (const row of generateMembers({ organisation, count, seed: 1, today })) {
  rows++;
  checksum = (checksum + row.firstName.length + row.phones.length + row.engagementScore) | 0;
  if ((rows & 0xffff) === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(
  JSON.stringify({
    organisation,
    rows,
    seconds: Number(seconds.toFixed(2)),
    rowsPerSecond: Math.round(rows / seconds),
    heapGrowthMB: Number(((peakHeap - heapBefore) / 1e6).toFixed(1)),
    checksum,
    node: process.version,
  }),
);
