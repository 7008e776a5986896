/**
 * CSV reading and writing for member imports and exports.
 *
 * Owns: an incremental RFC 4180 parser that takes text in chunks of any size (a record, a quoted field or a
 * CRLF may be split anywhere), delimiter detection, blank-record detection, and escaping a field for writing
 * (including neutralising spreadsheet formulas).
 * Must never: hold more than the record being read, do I/O, or throw on malformed input: real files are
 * messy, so the parser is lenient where RFC 4180 is strict (see below) and every record comes out.
 *
 * Leniency, chosen to match what Excel and LibreOffice show for the same bytes:
 * - a quote inside an unquoted field is an ordinary character (`ab"c` → `ab"c`);
 * - characters after a closing quote are appended (`"ab"c` → `abc`);
 * - a quoted field still open at the end of input runs to the end (up to `maxFieldLength`, see below);
 * - records may have any number of fields (ragged rows are the caller's business);
 * - CRLF, LF and a lone CR all end a record; each counts as one physical line;
 * - a U+FEFF at the very start (a BOM that survived decoding) is dropped.
 * Empty lines come out as records with one empty field so line numbers stay true; callers skip them with
 * `isBlankRecord`.
 */

export type CsvDelimiter = ',' | ';' | '\t';

export const CSV_DELIMITERS: readonly CsvDelimiter[] = [',', ';', '\t'];

export interface CsvRecord {
  /** The 1-based physical line the record starts on (a quoted newline makes a record span several). */
  line: number;
  fields: string[];
  /** Set only when the record was damaged while reading (a field cut at `maxFieldLength`): reject it. */
  error?: string;
}

export interface CsvParserOptions {
  /**
   * The longest field kept, in characters (default 1 MiB; Excel cells hold at most 32,767). A quoted field that
   * grows past it is taken to be a stray opening quote: the quote is read as an ordinary character and the
   * text after it is parsed again, so one bad quote cannot swallow (and hold in memory) the rest of a 1 GiB
   * file. An unquoted field past it is cut and its record carries `error`.
   */
  maxFieldLength?: number;
}

export const CSV_MAX_FIELD_LENGTH = 1 << 20;

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

const START = 0; // at the start of a field
const UNQUOTED = 1; // inside an unquoted field
const QUOTED = 2; // inside a quoted field
const QUOTED_QUOTE = 3; // just read a quote inside a quoted field: an escaped quote or the closing one

/** Incremental RFC 4180 parser: quoted fields with delimiters, quotes ("") and newlines; CRLF/LF/CR. */
export class CsvParser {
  private readonly delimiter: number;
  private state = START;
  private field = '';
  private fields: string[] = [];
  /** The physical line of the next character. */
  private line = 1;
  private recordLine = 1;
  private inRecord = false;
  /** The last character read was a CR, so an LF straight after it belongs to the same line break. */
  private afterCR = false;
  private started = false;
  /** The physical line of the quote that opened the current quoted field. */
  private quoteLine = 1;
  /** The current record had a field cut at maxFieldLength. */
  private damaged = false;
  private readonly maxField: number;

  constructor(delimiter: CsvDelimiter, options: CsvParserOptions = {}) {
    this.delimiter = delimiter.charCodeAt(0);
    this.maxField = Math.max(1, options.maxFieldLength ?? CSV_MAX_FIELD_LENGTH);
  }

  private record(line: number, fields: string[]): CsvRecord {
    if (!this.damaged) return { line, fields };
    this.damaged = false;
    return { line, fields, error: `A field is longer than ${this.maxField} characters; the file is probably not a CSV file.` };
  }

  /** Complete records found so far; each with the 1-based physical line it started on. */
  push(text: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    if (text.length === 0) return out;
    let i = 0;
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) i = 1;
    }
    this.parse(text, i, out);
    return out;
  }

  /** The last record, when the input did not end with a line break. The parser can then be reused. */
  end(): CsvRecord[] {
    const out: CsvRecord[] = [];
    if (this.inRecord) {
      this.fields.push(this.field);
      out.push(this.record(this.recordLine, this.fields));
    }
    this.state = START;
    this.field = '';
    this.fields = [];
    this.line = 1;
    this.recordLine = 1;
    this.inRecord = false;
    this.afterCR = false;
    this.started = false;
    this.damaged = false;
    return out;
  }

  private parse(input: string, from: number, out: CsvRecord[]): void {
    let text = input;
    let n = text.length;
    const maxField = this.maxField;
    const d = this.delimiter;
    let i = from;
    let state = this.state;
    let field = this.field;
    let fields = this.fields;
    let line = this.line;
    let recordLine = this.recordLine;
    let inRecord = this.inRecord;
    let afterCR = this.afterCR;
    let quoteLine = this.quoteLine;
    // Where the next delimiter, LF and CR are in `text` (-1: none left; -2: not looked for yet). indexOf is
    // much faster than a character loop, and each is looked for again only once the parser has passed it.
    const delimiterChar = String.fromCharCode(d);
    let nextDelimiter = -2;
    let nextLF = -2;
    let nextCR = -2;

    while (i < n) {
      if (state === START) {
        const c = text.charCodeAt(i);
        if (afterCR) {
          afterCR = false;
          if (c === LF) {
            i++;
            continue;
          }
        }
        if (!inRecord) {
          inRecord = true;
          recordLine = line;
        }
        if (c === QUOTE) {
          state = QUOTED;
          field = '';
          quoteLine = line;
          i++;
        } else if (c === d) {
          fields.push('');
          i++;
        } else if (c === LF || c === CR) {
          fields.push('');
          out.push(this.record(recordLine, fields));
          fields = [];
          inRecord = false;
          line++;
          afterCR = c === CR;
          i++;
        } else {
          state = UNQUOTED;
          field = '';
        }
      } else if (state === UNQUOTED) {
        if (nextDelimiter !== -1 && nextDelimiter < i) nextDelimiter = text.indexOf(delimiterChar, i);
        if (nextLF !== -1 && nextLF < i) nextLF = text.indexOf('\n', i);
        if (nextCR !== -1 && nextCR < i) nextCR = text.indexOf('\r', i);
        let j = n;
        if (nextDelimiter !== -1) j = nextDelimiter;
        if (nextLF !== -1 && nextLF < j) j = nextLF;
        if (nextCR !== -1 && nextCR < j) j = nextCR;
        const c = j < n ? text.charCodeAt(j) : 0;
        field = field.length === 0 ? text.slice(i, j) : field + text.slice(i, j);
        if (field.length > maxField) {
          field = field.slice(0, maxField);
          this.damaged = true;
        }
        if (j === n) break;
        fields.push(field);
        field = '';
        state = START;
        i = j + 1;
        if (c !== d) {
          out.push(this.record(recordLine, fields));
          fields = [];
          inRecord = false;
          line++;
          afterCR = c === CR;
        }
      } else if (state === QUOTED) {
        let q = text.indexOf('"', i);
        if (q === -1) q = n;
        // Count the line breaks inside the quoted text (CRLF once, also when split across chunks); most quoted
        // fields have none, which the cached positions tell without looking at each character.
        if (nextLF !== -1 && nextLF < i) nextLF = text.indexOf('\n', i);
        if (nextCR !== -1 && nextCR < i) nextCR = text.indexOf('\r', i);
        if ((nextLF !== -1 && nextLF < q) || (nextCR !== -1 && nextCR < q)) {
          for (let k = i; k < q; k++) {
            const c = text.charCodeAt(k);
            if (c === CR) {
              line++;
              afterCR = true;
            } else {
              if (c === LF && !afterCR) line++;
              afterCR = false;
            }
          }
        } else if (q > i) {
          afterCR = false;
        }
        if (q > i) field += text.slice(i, q);
        if (field.length > maxField) {
          // A stray opening quote (or a field no member file has): read the quote as a character and parse the
          // text after it again, unquoted. Every quote inside `field` came from a doubled "" in the input.
          text = field.replace(/"/g, '""') + text.slice(q);
          n = text.length;
          i = 0;
          nextDelimiter = nextLF = nextCR = -2;
          field = '"';
          state = UNQUOTED;
          line = quoteLine;
          afterCR = false;
          continue;
        }
        if (q === n) break;
        afterCR = false;
        state = QUOTED_QUOTE;
        i = q + 1;
      } else {
        // QUOTED_QUOTE
        const c = text.charCodeAt(i);
        if (c === QUOTE) {
          field += '"';
          state = QUOTED;
          i++;
        } else if (c === d) {
          fields.push(field);
          field = '';
          state = START;
          i++;
        } else if (c === LF || c === CR) {
          fields.push(field);
          field = '';
          out.push(this.record(recordLine, fields));
          fields = [];
          inRecord = false;
          line++;
          afterCR = c === CR;
          state = START;
          i++;
        } else {
          // Text after the closing quote: keep it, as spreadsheets do.
          state = UNQUOTED;
        }
      }
    }

    this.state = state;
    this.field = field;
    this.fields = fields;
    this.line = line;
    this.recordLine = recordLine;
    this.inRecord = inRecord;
    this.afterCR = afterCR;
    this.quoteLine = quoteLine;
  }
}

/** Parses a whole string at once (tests, previews, small samples). */
export function parseCsv(text: string, delimiter: CsvDelimiter): CsvRecord[] {
  const parser = new CsvParser(delimiter);
  const records = parser.push(text);
  for (const record of parser.end()) records.push(record);
  return records;
}

const WHITESPACE_ONLY = /^[\s\u00a0\u202f\u200b\ufeff]*$/;

/** Every field empty or whitespace: skipped by imports, never rejected. */
export function isBlankRecord(record: CsvRecord): boolean {
  for (const field of record.fields) {
    if (field.length > 0 && !WHITESPACE_ONLY.test(field)) return false;
  }
  return true;
}

/** How many records of the sample the delimiter detection looks at. */
const DETECT_RECORDS = 50;

/**
 * The delimiter that splits the sample into the most consistent number of fields (more than one) per record;
 * ties go to more fields, then to comma, semicolon, tab in that order. Quotes are respected, so a comma inside
 * a quoted field of a semicolon file does not count. A one-column file (or an empty sample) is comma.
 */
export function detectDelimiter(sampleText: string): CsvDelimiter {
  let best: CsvDelimiter = ',';
  let bestAgreement = 0;
  let bestFields = 1;
  for (const delimiter of CSV_DELIMITERS) {
    const parser = new CsvParser(delimiter);
    let records = parser.push(sampleText);
    if (records.length === 0) records = parser.end();
    // The last record of a sample cut from a longer file may be incomplete; pushing without end() leaves it out.
    const counts = records
      .filter((record) => !isBlankRecord(record))
      .slice(0, DETECT_RECORDS)
      .map((record) => record.fields.length);
    if (counts.length === 0) continue;
    const frequency = new Map<number, number>();
    for (const count of counts) frequency.set(count, (frequency.get(count) ?? 0) + 1);
    let mode = 1;
    let modeFrequency = 0;
    for (const [count, times] of frequency) {
      if (times > modeFrequency || (times === modeFrequency && count > mode)) {
        mode = count;
        modeFrequency = times;
      }
    }
    if (mode < 2) continue;
    // Agreement in whole percent so that 0.98 against 0.981 is a tie decided by the number of fields.
    const agreement = Math.round((modeFrequency / counts.length) * 100);
    if (agreement > bestAgreement || (agreement === bestAgreement && mode > bestFields)) {
      best = delimiter;
      bestAgreement = agreement;
      bestFields = mode;
    }
  }
  return best;
}

// Characters that make Excel, LibreOffice and Google Sheets read a cell as a formula (OWASP "CSV injection"):
// = + - @, and tab / carriage return which some of them strip before looking.
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n;\t]/;

/**
 * One field for writing a CSV (rejects, exports): quoted when it holds a quote, comma, semicolon, tab or line
 * break, with quotes doubled. A field that a spreadsheet would run as a formula (starting =, +, -, @, tab or CR)
 * gets a leading apostrophe, which spreadsheets show as text, so "=HYPERLINK(...)" in a member's name cannot
 * run when an organiser opens the file. (A phone number such as "+447700900123" therefore comes out as
 * "'+447700900123"; a negative number "-5" as "'-5".)
 */
export function csvEscape(field: string): string {
  let text = field ?? '';
  if (FORMULA_START.test(text)) text = `'${text}`;
  if (NEEDS_QUOTES.test(text)) return `"${text.replace(/"/g, '""')}"`;
  return text;
}
