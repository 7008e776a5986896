// The domain code's own cost on the benchmark file, with no database and no HTTP: detect the encoding and delimiter,
// decode, parse (CsvParser) and normalise every record (normaliseImportRow with the file's obvious mapping) in one
// process on one core. A second reference next to the COPY floor: whatever the API does on top of this is I/O and SQL.
//
//   node bench/import/domain.mjs <file.csv>     → one line of JSON (wall and CPU seconds, rows/s, outcomes)
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const { EXPECTED_MAPPING } = require('./generate.cjs');
const d = await import(pathToFileURL(path.join(here, '..', '..', 'packages', 'domain', 'dist', 'index.js')).href);

const file = process.argv[2];
if (!file) { console.error('usage: node bench/import/domain.mjs <file.csv>'); process.exit(2); }

const t0 = performance.now();
const c0 = process.cpuUsage();
const fd = fs.openSync(file, 'r');
const head = Buffer.alloc(65536);
const headLength = fs.readSync(fd, head, 0, head.length, 0);
fs.closeSync(fd);
const encoding = d.detectEncoding(head.subarray(0, headLength));
const delimiter = d.detectDelimiter(d.createDecoder(encoding).write(head.subarray(0, headLength)));
const decoder = d.createDecoder(encoding);
const parser = new d.CsvParser(delimiter);
const counts = { records: 0, blank: 0, ok: 0, rejected: 0, withWarnings: 0 };
let header = true;
const handle = (records) => {
  for (const r of records) {
    if (header) { header = false; continue; }
    counts.records += 1;
    if (d.isBlankRecord(r)) { counts.blank += 1; continue; }
    const res = d.normaliseImportRow(r.fields, EXPECTED_MAPPING);
    if (!res.ok) counts.rejected += 1;
    else { counts.ok += 1; if (res.warnings.length) counts.withWarnings += 1; }
  }
};
for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) handle(parser.push(decoder.write(chunk)));
handle(parser.push(decoder.end()));
handle(parser.end());
const wall = (performance.now() - t0) / 1000;
const cu = process.cpuUsage(c0);
const cpu = (cu.user + cu.system) / 1e6;
console.log(JSON.stringify({ encoding, delimiter, ...counts, wallSeconds: wall, cpuSeconds: cpu, rowsPerSecond: counts.records / wall, rowsPerCpuSecond: counts.records / cpu }));
