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

/** Every single cut, every pair of cuts, and one character at a time give the whole-text result. */
function expectChunkingInvariant(text: string, delimiter: CsvDelimiter, expected: CsvRecord[]): void {
  expect(parseCsv(text, delimiter)).toEqual(expected);
  for (let a = 0; a <= text.length; a++) {
    expect(parseInChunks(text, delimiter, [a])).toEqual(expected);
    for (let b = a; b <= text.length; b++) expect(parseInChunks(text, delimiter, [a, b])).toEqual(expected);
  }
  expect(parseInChunks(text, delimiter, Array.from({ length: text.length }, (_, i) => i))).toEqual(expected);
}

const rec = (line: number, ...fields: string[]): CsvRecord => ({ line, fields });

describe('CsvParser', () => {
  it('parses plain records with their line numbers', () => {
    expect(parseCsv('a,b,c\n1,2,3\n', ',')).toEqual([rec(1, 'a', 'b', 'c'), rec(2, '1', '2', '3')]);
  });

  it('reads a last record without a line break', () => {
    expect(parseCsv('a,b\n1,2', ',')).toEqual([rec(1, 'a', 'b'), rec(2, '1', '2')]);
  });

  it('returns nothing for empty input and one empty-field record for a lone line break', () => {
    expect(parseCsv('', ',')).toEqual([]);
    expect(parseCsv('\n', ',')).toEqual([rec(1, '')]);
    expect(parseCsv('\r\n', ',')).toEqual([rec(1, '')]);
  });

  it('reads quoted fields with delimiters, doubled quotes and newlines', () => {
    const text = 'name,note\r\n"Smith, Jo","said ""hi""\r\nthen left"\r\nSam,x\r\n';
    expectChunkingInvariant(text, ',', [rec(1, 'name', 'note'), rec(2, 'Smith, Jo', 'said "hi"\r\nthen left'), rec(4, 'Sam', 'x')]);
  });

  it('treats CRLF, LF and a lone CR each as one line break, inside and outside quotes', () => {
    const text = 'a\r\nb\nc\rd\r\n"e\r\nf\ng\rh"\ri\n\r\nj';
    expectChunkingInvariant(text, ',', [
      rec(1, 'a'),
      rec(2, 'b'),
      rec(3, 'c'),
      rec(4, 'd'),
      rec(5, 'e\r\nf\ng\rh'),
      rec(9, 'i'),
      rec(10, ''),
      rec(11, 'j'),
    ]);
  });

  it('keeps blank lines as empty records so line numbers stay true', () => {
    expectChunkingInvariant('a,b\n\n\n1,2\n,\n', ',', [rec(1, 'a', 'b'), rec(2, ''), rec(3, ''), rec(4, '1', '2'), rec(5, '', '')]);
  });

  it('handles empty fields, trailing delimiters and quoted empties', () => {
    expectChunkingInvariant(',a,,"",\n""\n"",""', ',', [rec(1, '', 'a', '', '', ''), rec(2, ''), rec(3, '', '')]);
  });

  it('keeps ragged rows as they are', () => {
    expectChunkingInvariant('a,b,c\n1\n1,2,3,4,5\n', ',', [rec(1, 'a', 'b', 'c'), rec(2, '1'), rec(3, '1', '2', '3', '4', '5')]);
  });

  it('keeps duplicate header names (the mapping is by index)', () => {
    expect(parseCsv('Phone,Phone,Email\n1,2,3\n', ',')[0].fields).toEqual(['Phone', 'Phone', 'Email']);
  });

  it('is lenient like a spreadsheet with stray quotes', () => {
    // A quote inside an unquoted field is a character; text after a closing quote is kept.
    expectChunkingInvariant('ab"c,"x"y,"q""r"s\n5" tall,ok\n', ',', [rec(1, 'ab"c', 'xy', 'q"rs'), rec(2, '5" tall', 'ok')]);
  });

  it('runs an unterminated quoted field to the end of the input', () => {
    expectChunkingInvariant('a,"open\nstill open,\n', ',', [rec(1, 'a', 'open\nstill open,\n')]);
  });

  it('reads a field that ends with a doubled quote at the very end of input', () => {
    expectChunkingInvariant('"a"""', ',', [rec(1, 'a"')]);
    expectChunkingInvariant('"a""', ',', [rec(1, 'a"')]);
  });

  it('drops a BOM at the very start only', () => {
    expectChunkingInvariant('\ufeffName,x\n\ufeffy,z\n', ',', [rec(1, 'Name', 'x'), rec(2, '\ufeffy', 'z')]);
  });

  it('uses the delimiter it was given: semicolons and tabs, with others as data', () => {
    expectChunkingInvariant('a;b,c;"d;e"\n1\t2;3\n', ';', [rec(1, 'a', 'b,c', 'd;e'), rec(2, '1\t2', '3')]);
    expectChunkingInvariant('a\tb,c\t"d\te"\n', '\t', [rec(1, 'a', 'b,c', 'd\te')]);
  });

  it('keeps whitespace and non-ASCII text as it is', () => {
    expectChunkingInvariant(' a , b \nSiân,Dún 😀\n', ',', [rec(1, ' a ', ' b '), rec(2, 'Siân', 'Dún 😀')]);
  });

  it('returns only complete records from push', () => {
    const parser = new CsvParser(',');
    expect(parser.push('a,b\nc,"d')).toEqual([rec(1, 'a', 'b')]);
    expect(parser.push('\ne"\r')).toEqual([rec(2, 'c', 'd\ne')]);
    expect(parser.push('\nf')).toEqual([]);
    expect(parser.push('')).toEqual([]);
    expect(parser.end()).toEqual([rec(4, 'f')]);
  });

  it('can be reused after end()', () => {
    const parser = new CsvParser(',');
    parser.push('\ufeffa,"b');
    expect(parser.end()).toEqual([rec(1, 'a', 'b')]);
    expect(parser.push('\ufeffx\ny\n')).toEqual([rec(1, 'x'), rec(2, 'y')]);
    expect(parser.end()).toEqual([]);
  });

  it('agrees with csvEscape on random fields, however chunked', () => {
    // A small deterministic generator (no Math.random, so a failure reproduces).
    let seed = 42;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const alphabet = ['a', 'b', ' ', ',', ';', '\t', '"', '\r', '\n', '\r\n', 'é', '=', '+', '-', '@', "'", '😀'];
    for (let round = 0; round < 200; round++) {
      const rows: string[][] = [];
      const rowCount = 1 + next(4);
      for (let r = 0; r < rowCount; r++) {
        const cols = 1 + next(4);
        rows.push(
          Array.from({ length: cols }, () => {
            let field = '';
            const len = next(6);
            for (let i = 0; i < len; i++) field += alphabet[next(alphabet.length)];
            return field;
          }),
        );
      }
      // A record of one empty field is written as an empty line; make it non-empty to keep the comparison simple.
      for (const fields of rows) if (fields.length === 1 && fields[0] === '') fields[0] = 'x';
      const text = rows.map((fields) => fields.map(csvEscape).join(',')).join('\r\n') + (next(2) ? '\r\n' : '');
      const parsed = parseCsv(text, ',');
      // csvEscape protects formula starts with an apostrophe, which a spreadsheet hides and a parser keeps.
      const protect = (field: string): string => (/^[=+\-@\t\r]/.test(field) ? `'${field}` : field);
      expect(parsed.map((record) => record.fields)).toEqual(rows.map((fields) => fields.map(protect)));
      const cut = next(text.length + 1);
      expect(parseInChunks(text, ',', [cut])).toEqual(parsed);
    }
  });
});

describe('CsvParser against a reference parser', () => {
  /** A deliberately simple whole-string parser with the same (lenient) rules, written independently. */
  function reference(input: string, d: string): CsvRecord[] {
    const text = input.startsWith('\ufeff') ? input.slice(1) : input;
    const n = text.length;
    const out: CsvRecord[] = [];
    let fields: string[] = [];
    let field = '';
    let line = 1;
    let recordLine = 1;
    let inRecord = false;
    let i = 0;
    const lineBreakAt = (k: number): number => (text[k] === '\r' ? (text[k + 1] === '\n' ? 2 : 1) : text[k] === '\n' ? 1 : 0);
    while (i < n) {
      if (!inRecord) {
        inRecord = true;
        recordLine = line;
      }
      if (text[i] === '"') {
        i++;
        while (i < n) {
          if (text[i] === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          const lb = lineBreakAt(i);
          if (lb > 0) {
            field += text.slice(i, i + lb);
            line++;
            i += lb;
          } else {
            field += text[i];
            i++;
          }
        }
      }
      while (i < n && text[i] !== d && lineBreakAt(i) === 0) field += text[i++];
      if (i >= n) break;
      if (text[i] === d) {
        fields.push(field);
        field = '';
        i++;
        continue;
      }
      const lb = lineBreakAt(i);
      fields.push(field);
      out.push({ line: recordLine, fields });
      fields = [];
      field = '';
      inRecord = false;
      line++;
      i += lb;
    }
    if (inRecord) {
      fields.push(field);
      out.push({ line: recordLine, fields });
    }
    return out;
  }

  it('agrees on random quirky text, however it is chunked', () => {
    let seed = 7;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const alphabet = ['a', 'b', ' ', ',', ';', '\t', '"', '""', '\r', '\n', '\r\n', 'é', '😀'];
    for (let round = 0; round < 3000; round++) {
      let text = next(10) === 0 ? '\ufeff' : '';
      const len = next(25);
      for (let k = 0; k < len; k++) text += alphabet[next(alphabet.length)];
      const delimiter = ([',', ';', '\t'] as const)[next(3)];
      const expected = reference(text, delimiter);
      expect(parseCsv(text, delimiter)).toEqual(expected);
      const cuts = Array.from({ length: next(4) }, () => next(text.length + 1)).sort((x, y) => x - y);
      expect(parseInChunks(text, delimiter, cuts)).toEqual(expected);
    }
  });
});

describe('CsvParser: maxFieldLength', () => {
  function parseWith(text: string, max: number, cuts: number[] = []): CsvRecord[] {
    const parser = new CsvParser(',', { maxFieldLength: max });
    const out: CsvRecord[] = [];
    let at = 0;
    for (const cut of [...cuts, text.length]) {
      out.push(...parser.push(text.slice(at, cut)));
      at = cut;
    }
    return [...out, ...parser.end()];
  }

  it('reads a stray opening quote as a character instead of swallowing the rest of the file', () => {
    const text = 'a,"bc\nd,e\nf,""g""\nh,i\n';
    // f,""g"" is an empty quoted field followed by text, read leniently: g"".
    const whole = parseWith(text, 10);
    expect(whole).toEqual([rec(1, 'a', '"bc'), rec(2, 'd', 'e'), rec(3, 'f', 'g""'), rec(4, 'h', 'i')]);
    for (let a = 0; a <= text.length; a++) {
      expect(parseWith(text, 10, [a])).toEqual(whole);
      for (let b = a; b <= text.length; b++) expect(parseWith(text, 10, [a, b])).toEqual(whole);
    }
  });

  it('keeps a quoted field up to the limit', () => {
    expect(parseWith('"0123456789",x\n', 10)).toEqual([rec(1, '0123456789', 'x')]);
    expect(parseWith('"01234\n6789",x\n', 10)).toEqual([rec(1, '01234\n6789', 'x')]);
  });

  it('cuts an over-long unquoted field and marks the record', () => {
    const text = 'short,' + 'x'.repeat(25) + '\nnext,ok\n';
    const whole = parseWith(text, 10);
    expect(whole).toEqual([
      { line: 1, fields: ['short', 'x'.repeat(10)], error: 'A field is longer than 10 characters; the file is probably not a CSV file.' },
      rec(2, 'next', 'ok'),
    ]);
    for (let a = 0; a <= text.length; a++) expect(parseWith(text, 10, [a])).toEqual(whole);
    expect(parseWith('x'.repeat(11), 10)[0].error).toBeDefined();
  });

  it('stays within the limit on a 1 MiB unterminated quote by default', () => {
    const parser = new CsvParser(',');
    const rows = 'Jo,Bloggs\n'.repeat(120_000);
    const out = [...parser.push(`name,"note\n${rows}`), ...parser.end()];
    expect(out).toHaveLength(120_001);
    expect(out[0]).toEqual(rec(1, 'name', '"note'));
    expect(out[120_000]).toEqual(rec(120_001, 'Jo', 'Bloggs'));
  });
});

describe('isBlankRecord', () => {
  it('is true when every field is empty or whitespace', () => {
    expect(isBlankRecord(rec(1, ''))).toBe(true);
    expect(isBlankRecord(rec(1, '', ' ', '\t', '\u00a0', '\r\n'))).toBe(true);
    expect(isBlankRecord(rec(1))).toBe(true);
  });

  it('is false when any field has content', () => {
    expect(isBlankRecord(rec(1, '', 'x'))).toBe(false);
    expect(isBlankRecord(rec(1, '0'))).toBe(false);
    expect(isBlankRecord(rec(1, '-'))).toBe(false);
  });
});

describe('detectDelimiter', () => {
  it('finds commas, semicolons and tabs', () => {
    expect(detectDelimiter('a,b,c\n1,2,3\n')).toBe(',');
    expect(detectDelimiter('a;b;c\n1;2;3\n')).toBe(';');
    expect(detectDelimiter('a\tb\tc\n1\t2\t3\n')).toBe('\t');
  });

  it('ignores delimiters inside quotes', () => {
    expect(detectDelimiter('name;note\n"Smith, Jo";"a, b, c"\n"Lee, Sam";"x, y"\n')).toBe(';');
    expect(detectDelimiter('name,note\n"a;b;c",x\n"d;e;f;g",y\n')).toBe(',');
  });

  it('prefers the delimiter with a consistent field count over one that appears more often', () => {
    // Semicolon file whose free text has commas, unquoted: commas vary per line, semicolons do not.
    const text = 'Name;Notes;Branch\nJo;likes pay, housing, safety;North\nSam;none;South\nAl;a, b;East\n';
    expect(detectDelimiter(text)).toBe(';');
  });

  it('falls back to comma for a one-column file or an empty sample', () => {
    expect(detectDelimiter('email\na@example.org\nb@example.org\n')).toBe(',');
    expect(detectDelimiter('')).toBe(',');
  });

  it('works on a single line without a line break, and ignores a truncated last line', () => {
    expect(detectDelimiter('a;b;c')).toBe(';');
    expect(detectDelimiter('a\tb\tc\n1\t2\t3\n4\t5,6,7,8,9,10,11')).toBe('\t');
  });

  it('skips blank lines', () => {
    expect(detectDelimiter('\n\n\na;b\n\n1;2\n')).toBe(';');
  });
});

describe('csvEscape', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['a,b', '"a,b"'],
    ['a;b', '"a;b"'],
    ['say "x"', '"say ""x"""'],
    ['line\nbreak', '"line\nbreak"'],
    ['cr\rlf', '"cr\rlf"'],
    ['Siân', 'Siân'],
    ['O\'Brien', "O'Brien"],
  ])('%j → %j', (field, expected) => {
    expect(csvEscape(field)).toBe(expected);
  });

  it.each([
    ['=1+2', "'=1+2"],
    ['=HYPERLINK("http://evil.example","click")', '"\'=HYPERLINK(""http://evil.example"",""click"")"'],
    ['+447700900123', "'+447700900123"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', '"\'\t=1"'],
    ['\r=1', '"\'\r=1"'],
  ])('neutralises the formula start of %j', (field, expected) => {
    expect(csvEscape(field)).toBe(expected);
  });

  it('leaves a formula character later in the field alone', () => {
    expect(csvEscape('a=b')).toBe('a=b');
    expect(csvEscape('jo@example.org')).toBe('jo@example.org');
  });
});
