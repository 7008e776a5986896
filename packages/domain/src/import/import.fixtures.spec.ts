// The domain code does no I/O; this test reads the committed fixture files, so it needs the file system.
// eslint-disable-next-line no-restricted-imports
import { readFileSync } from 'node:fs';
// eslint-disable-next-line no-restricted-imports
import { join } from 'node:path';

import { CsvParser, isBlankRecord, detectDelimiter, type CsvRecord } from './import.csv.js';
import { createDecoder, detectEncoding } from './import.encoding.js';
import { detectHeader, suggestMapping, type ImportField } from './import.mapping.js';
import { normaliseImportRow } from './import.row.js';

const DIR = join(__dirname, '..', '..', 'test-fixtures', 'imports');

interface Expected {
  encoding: string;
  delimiter: string;
  hasHeader: boolean;
  records: number;
  blankRecords: number;
  dataRows: number;
  accepted: number;
  rejected: number;
  rejectedLines: number[];
  rowsWithWarnings: number;
  mapping: ImportField[];
}

const manifest = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as { files: Record<string, Expected> };

/** As the import engine reads a file: sniff the head, then decode and parse in small byte chunks. */
function analyse(bytes: Uint8Array, chunkSize: number) {
  const encoding = detectEncoding(bytes.subarray(0, 65536));
  const whole = createDecoder(encoding);
  const sample = whole.write(bytes.subarray(0, 65536)) + whole.end();
  const delimiter = detectDelimiter(sample);
  const decoder = createDecoder(encoding);
  const parser = new CsvParser(delimiter);
  const records: CsvRecord[] = [];
  for (let at = 0; at < bytes.length; at += chunkSize) {
    records.push(...parser.push(decoder.write(bytes.subarray(at, at + chunkSize))));
  }
  records.push(...parser.push(decoder.end()), ...parser.end());
  return { encoding, delimiter, records };
}

describe.each(Object.entries(manifest.files))('fixture %s', (file, expected) => {
  const bytes = new Uint8Array(readFileSync(join(DIR, file)));

  it('analyses to what the manifest says, however the bytes are chunked', () => {
    const reference = analyse(bytes, bytes.length);
    // Tiny chunks for the small files; the 70 KB one would take seconds a byte at a time.
    const chunkSizes = bytes.length > 4096 ? [7, 64, 4093] : [1, 2, 3, 7, 64];
    for (const chunkSize of chunkSizes) expect(analyse(bytes, chunkSize)).toEqual(reference);

    const { encoding, delimiter, records } = reference;
    expect(encoding).toBe(expected.encoding);
    expect(delimiter).toBe(expected.delimiter);
    expect(records).toHaveLength(expected.records);
    const data = records.filter((record) => !isBlankRecord(record));
    expect(records.length - data.length).toBe(expected.blankRecords);
    const hasHeader = detectHeader(data[0].fields, data[1]?.fields);
    expect(hasHeader).toBe(expected.hasHeader);
    if (hasHeader) expect(suggestMapping(data[0].fields)).toEqual(expected.mapping);

    const rows = hasHeader ? data.slice(1) : data;
    expect(rows).toHaveLength(expected.dataRows);
    const results = rows.map((row) => ({ line: row.line, result: normaliseImportRow(row.fields, expected.mapping) }));
    const rejected = results.filter(({ result }) => !result.ok);
    expect(results.length - rejected.length).toBe(expected.accepted);
    expect(rejected.map(({ line }) => line)).toEqual(expected.rejectedLines);
    expect(results.filter(({ result }) => result.ok && result.warnings.length > 0)).toHaveLength(expected.rowsWithWarnings);
  });
});

describe('fixture contents', () => {
  const read = (file: string): CsvRecord[] => {
    const bytes = new Uint8Array(readFileSync(join(DIR, file)));
    return analyse(bytes, 5).records;
  };

  it('decodes Windows-1252 accents, £, € and curly quotes', () => {
    const records = read('windows-1252-semicolon.csv');
    expect(records[1].fields.slice(1, 3)).toEqual(['Siân', 'Dún']);
    expect(records[1].fields[7]).toBe('“Paid £5” – owes €2');
    expect(records[2].fields[7]).toBe('semi; colon inside');
    expect(records[3].fields[7]).toBe('it’s fine');
  });

  it('strips the BOM from the first header and keeps quoted commas and quotes', () => {
    const records = read('union-excel-bom-crlf.csv');
    expect(records[0].fields[0]).toBe('Membership No');
    expect(records[2].fields[10]).toBe('Royal Victoria Hospital, Ward 5');
    expect(records[3].fields[10]).toBe('St James’s Hospital, "Ward 3"');
    expect(records[3].fields[16]).toBe('Resigned');
  });

  it('keeps quoted newlines and numbers records by their first physical line', () => {
    const records = read('quirky-utf8.csv');
    const m2 = records.find((record) => record.fields[0] === 'M0002')!;
    expect(m2.line).toBe(3);
    expect(m2.fields[12]).toBe('Line one\nline two, with a comma');
    expect(records.find((record) => record.fields[0] === 'M0003')!.line).toBe(5);
    const m10 = records.find((record) => record.fields[0] === 'M0010')!;
    expect(m10.fields[12]).toBe('a\n\nb');
    expect(records.find((record) => record.fields[0] === 'M0008')!.fields).toEqual(['M0008', 'Dee', 'Short']);
  });

  it('keeps the Windows-1252 rows of a file that is UTF-8 for its first 64 KiB', () => {
    const records = read('mixed-utf8-then-1252.csv');
    expect(records[1].fields[1]).toBe('Siân');
    expect(records[1201].fields.slice(0, 3)).toEqual(['J9001', 'Dún', 'Ó Briain']);
    expect(records[1202].fields.slice(1, 3)).toEqual(['Zoë', '£-Payer']);
    expect(records.some((record) => record.fields.some((field) => field.includes('\ufffd')))).toBe(false);
  });

  it('reads CR line endings and a quoted tab', () => {
    const records = read('tabs-cr.tsv');
    expect(records.map((record) => record.line)).toEqual([1, 2, 3, 4]);
    expect(records[1].fields[4]).toBe('pay\tand conditions; safety');
  });
});
