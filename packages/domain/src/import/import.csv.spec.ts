import { CsvParser, csvEscape, detectDelimiter, isBlankRecord, parseCsv, type CsvDelimiter, type CsvRecord } from './import.csv.js';

function parseInChunks(text: string, delimiter: CsvDelimiter, cuts: number[]): CsvRecord[] {
  const parser = new CsvParser(delimiter);
  const out: CsvRecord[] = [];
  let at = 0;
  for (const cut of [...cuts, text.length]) {
    out.push(...parser.push(text.slice(at, cut)));
    at = cut;
  }
  out.push(...parser.end());
  return out;
}

describe('CsvParser', () => {
  it('parses plain records with their line numbers', () => {
    expect(parseCsv('a,b,c\n1,2,3\n', ',')).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', '2', '3'] },
    ]);
  });

  it('reads quoted fields with delimiters, doubled quotes and newlines', () => {
    const text = 'name,note\r\n"Smith, Jo","said ""hi""\r\nthen left"\r\nSam,x\r\n';
    expect(parseCsv(text, ',')).toEqual([
      { line: 1, fields: ['name', 'note'] },
      { line: 2, fields: ['Smith, Jo', 'said "hi"\r\nthen left'] },
      { line: 4, fields: ['Sam', 'x'] },
    ]);
  });

  it('gives the same records wherever the input is cut', () => {
    const text = '\ufeffa,"b\r\nc",""""\r\n\r\nx,y\rz,"q""",\n"unterminated';
    const whole = parseCsv(text, ',');
    for (let cut = 0; cut <= text.length; cut++) {
      expect(parseInChunks(text, ',', [cut])).toEqual(whole);
    }
  });

  it('escapes fields and neutralises formulas', () => {
    expect(csvEscape('plain')).toBe('plain');
    expect(csvEscape('a,b')).toBe('"a,b"');
    expect(csvEscape('=1+2')).toBe("'=1+2");
    expect(csvEscape('say "x"')).toBe('"say ""x"""');
  });

  it('detects delimiters and blank records', () => {
    expect(detectDelimiter('a;b;c\n1;2;3\n')).toBe(';');
    expect(isBlankRecord({ line: 1, fields: ['', ' '] })).toBe(true);
  });
});
