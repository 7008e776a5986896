import { CsvParser } from '@muster/domain';
import { csvCount, csvFileName, toCsv } from './insights-csv.js';

describe('panel CSV', () => {
  const text = toCsv({
    headers: ['Region', 'Members'],
    rows: [
      ['North, upper', 120],
      ['Say "hi"', csvCount(null)],
      ['=HYPERLINK("x")', 0],
      ['Net', -5],
      ['Line\nbreak', null],
    ],
  });

  it('follows RFC 4180: CRLF, quoting, doubled quotes', () => {
    expect(text).toBe(
      'Region,Members\r\n"North, upper",120\r\n"Say ""hi""",<5\r\n"\'=HYPERLINK(""x"")",0\r\nNet,-5\r\n"Line\nbreak",\r\n',
    );
  });

  it('reads back with the importer\'s own parser', () => {
    const parser = new CsvParser(',');
    const records = [...parser.push(text), ...parser.end()].map((r) => r.fields);
    expect(records).toEqual([
      ['Region', 'Members'],
      ['North, upper', '120'],
      ['Say "hi"', '<5'],
      ['\'=HYPERLINK("x")', '0'],
      ['Net', '-5'],
      ['Line\nbreak', ''],
    ]);
  });

  it('writes the configured suppression label', () => {
    expect(toCsv({ headers: ['a'], rows: [[csvCount(3, true)]] }, '<10')).toBe('a\r\n<10\r\n');
  });

  it('makes safe file names', () => {
    expect(csvFileName('United Public Services Union', 'Members by region', '')).toBe('united-public-services-union-members-by-region.csv');
    expect(csvFileName('../..')).toBe('export.csv');
  });
});
