/**
 * Dates as member files hold them: "14/03/2021", "2021-03-14", "14 Mar 2021", "2021-03-14T09:30:00Z", or the
 * day number Excel stored when a date column was saved as a number.
 *
 * Owns: reading those into a calendar date "YYYY-MM-DD" (two-digit years with Excel's window: 00–29 → 20xx,
 * 30–99 → 19xx, and a note saying so).
 * Must never: read the clock or the process time zone, or guess between day/month orders: UK files are
 * day-first; only when the first number cannot be a month (> 12 in the second place means it must be
 * month/day/year, as US exports from NationBuilder or Action Network write) is the other order taken, and the
 * caller is told so.
 */
import { parseIsoDate } from '../date/date.value.js';

export type ImportDateResult =
  | { ok: true; value: string; note?: string }
  | { ok: false; message: string };

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11,
  november: 11, dec: 12, december: 12,
};

const ISO = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?$/i;
const NUMERIC = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?\s*(?:am|pm)?)?$/i;
const WORDS_DAY_FIRST = /^(?:[a-z]+,?\s+)?(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]+)\.?,?[\s-]+(\d{4})$/i;
const WORDS_MONTH_FIRST = /^(?:[a-z]+,?\s+)?([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/i;
const EXCEL_SERIAL = /^\d{5}$/;

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function build(year: number, month: number, day: number): string | null {
  const iso = `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
  return parseIsoDate(iso).ok ? iso : null;
}

const NOT_A_DATE = 'is not a date we can read (use dd/mm/yyyy or yyyy-mm-dd).';
const NO_SUCH_DATE = 'is not a real date.';

/** Reads one date cell; the caller says what to do with the message (the value is dropped). */
export function parseImportDate(raw: string): ImportDateResult {
  const text = (raw ?? '').trim().replace(/\s+/g, ' ');
  if (text === '') return { ok: false, message: NOT_A_DATE };

  let match = ISO.exec(text);
  if (match) {
    const value = build(Number(match[1]), Number(match[2]), Number(match[3]));
    return value ? { ok: true, value } : { ok: false, message: NO_SUCH_DATE };
  }

  match = NUMERIC.exec(text);
  if (match) {
    const a = Number(match[1]);
    const b = Number(match[2]);
    // Two-digit years as Excel reads them: 00–29 are 2000–2029, 30–99 are 1930–1999.
    const short = match[3].length === 2;
    const year = short ? (Number(match[3]) < 30 ? 2000 : 1900) + Number(match[3]) : Number(match[3]);
    const notes: string[] = [];
    let value: string | null;
    if (b > 12 && a <= 12) {
      value = build(year, a, b);
      notes.push('was read as month/day/year, because the second number is above 12');
    } else {
      value = build(year, b, a);
    }
    if (!value) return { ok: false, message: NO_SUCH_DATE };
    if (short) notes.push(`has a two-digit year, read as ${year}`);
    return notes.length > 0 ? { ok: true, value, note: `${notes.join('; ')}.` } : { ok: true, value };
  }

  match = WORDS_DAY_FIRST.exec(text);
  if (match && MONTHS[match[2].toLowerCase()]) {
    const value = build(Number(match[3]), MONTHS[match[2].toLowerCase()], Number(match[1]));
    return value ? { ok: true, value } : { ok: false, message: NO_SUCH_DATE };
  }
  match = WORDS_MONTH_FIRST.exec(text);
  if (match && MONTHS[match[1].toLowerCase()]) {
    const value = build(Number(match[3]), MONTHS[match[1].toLowerCase()], Number(match[2]));
    return value ? { ok: true, value } : { ok: false, message: NO_SUCH_DATE };
  }

  // Excel's day numbers (1900 date system): 25569 is 1970-01-01. Five digits covers 1927–2173.
  if (EXCEL_SERIAL.test(text)) {
    const serial = Number(text);
    const date = new Date(Date.UTC(1970, 0, 1) + (serial - 25569) * 86_400_000);
    const value = build(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
    if (value) return { ok: true, value, note: 'was read as a spreadsheet day number.' };
  }
  return { ok: false, message: NOT_A_DATE };
}
