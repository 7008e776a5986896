/**
 * Calendar dates as the API and the apps exchange them: "YYYY-MM-DD", no time, no zone.
 *
 * Owns: checking that such a string is a real date, and comparing two of them.
 * Must never: read the clock or depend on the process time zone (a join date is a calendar date
 * in Europe/London, not an instant); callers pass "today" in when they need it.
 */
import { domainError, ok, type DomainError, type Result } from '../result.js';

export type IsoDateErrorCode = 'DATE_EMPTY' | 'DATE_FORMAT' | 'DATE_INVALID';
export type IsoDateError = DomainError<IsoDateErrorCode>;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; UTC avoids zone and DST effects.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Accepts only real dates in "YYYY-MM-DD" (so "2023-02-29" and "2023-2-1" are rejected). */
export function parseIsoDate(raw: string): Result<string, IsoDateError> {
  if (typeof raw !== 'string' || raw.trim() === '') return domainError('DATE_EMPTY', 'Enter a date.');
  const text = raw.trim();
  const match = ISO_DATE.exec(text);
  if (!match) return domainError('DATE_FORMAT', 'Enter a date as YYYY-MM-DD.');
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return domainError('DATE_INVALID', 'This date does not exist.');
  }
  return ok(text);
}

export function isIsoDate(raw: string): boolean {
  return parseIsoDate(raw).ok;
}

/** Negative if a is before b, 0 if equal, positive if after; both must be valid ISO dates. */
export function compareIsoDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
