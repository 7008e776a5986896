/**
 * Phone banks: calling hours (issue 7). A phone bank calls only inside a daily window of local wall-clock time in
 * one IANA time zone (default 09:00–21:00 Europe/London).
 *
 * Owns: validating the window, whether an instant is inside it, when the next window opens, and each local date's
 * window as two instants (the form the API's SQL uses: `now() >= start AND now() < end`).
 * Must never: read a clock (instants are passed in), use a time-zone library (Intl only), or throw for bad input.
 *
 * Rules:
 * - The window is [start, end) in local time on one local date; it never crosses midnight (end > start).
 * - Clock changes (the last Sundays of March and October in Europe/London) are handled conservatively, so a bank
 *   never calls outside the hours a person would read on their own clock:
 *   - a start or end time that does not exist that day (spring forward gap) is the instant the clocks change, i.e.
 *     the first instant whose local time is at or after it;
 *   - a start time that happens twice (autumn back) is its later occurrence, an end time that happens twice its
 *     earlier occurrence.
 *   A window that is empty after this (e.g. 01:10–01:50 on the day that skips 01:00–01:59) has no window that day.
 * - Assumes a zone changes its clocks at most once within a day either side of a given local time (true of every
 *   zone in the IANA database today).
 */
import { domainError, ok, type DomainError, type Result } from '../result.js';

export interface CallingHoursInput {
  /** "HH:MM", 24-hour local time; default "09:00". */
  readonly start?: string;
  /** "HH:MM", 24-hour local time, after `start`; default "21:00". */
  readonly end?: string;
  /** IANA time zone; default "Europe/London". */
  readonly timeZone?: string;
}

/** Validated calling hours: minutes since local midnight and a canonical IANA zone name. */
export interface CallingHours {
  readonly startMinute: number;
  readonly endMinute: number;
  readonly timeZone: string;
}

export const DEFAULT_CALLING_HOURS: CallingHours = { startMinute: 9 * 60, endMinute: 21 * 60, timeZone: 'Europe/London' };

export type CallingHoursErrorCode =
  | 'CALLING_HOURS_TIME_INVALID'
  | 'CALLING_HOURS_EMPTY'
  | 'CALLING_HOURS_TIME_ZONE_INVALID'
  | 'CALLING_HOURS_DATE_INVALID';
export interface CallingHoursError extends DomainError<CallingHoursErrorCode> {
  /** The input field at fault: `start`, `end`, `timeZone` or `date`. */
  readonly path: string;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

function fail(code: CallingHoursErrorCode, path: string, message: string): Result<never, CallingHoursError> {
  const e = domainError(code, message);
  return { ok: false, error: { ...e.error, path } };
}

/** Parses "HH:MM" (00:00–23:59) to minutes since midnight, or null. */
export function parseTimeOfDay(raw: string): number | null {
  const m = TIME.exec(raw.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** Minutes since midnight as "HH:MM". */
export function formatTimeOfDay(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** The canonical name of an IANA time zone ("europe/london" → "Europe/London"), or null when Intl does not know it. */
export function canonicalTimeZone(raw: string): string | null {
  const name = raw.trim();
  if (name === '') return null;
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** Validates a phone bank's calling hours, filling the defaults (09:00–21:00 Europe/London). */
export function validateCallingHours(input: CallingHoursInput = {}): Result<CallingHours, CallingHoursError> {
  const startMinute = input.start === undefined ? DEFAULT_CALLING_HOURS.startMinute : parseTimeOfDay(input.start);
  if (startMinute === null) return fail('CALLING_HOURS_TIME_INVALID', 'start', 'Enter the start time as HH:MM, for example 09:00.');
  const endMinute = input.end === undefined ? DEFAULT_CALLING_HOURS.endMinute : parseTimeOfDay(input.end);
  if (endMinute === null) return fail('CALLING_HOURS_TIME_INVALID', 'end', 'Enter the end time as HH:MM, for example 21:00.');
  if (endMinute <= startMinute) {
    return fail('CALLING_HOURS_EMPTY', 'end', `Calling hours must end after they start (${formatTimeOfDay(startMinute)}) on the same day.`);
  }
  const timeZone = input.timeZone === undefined ? DEFAULT_CALLING_HOURS.timeZone : canonicalTimeZone(input.timeZone);
  if (timeZone === null) {
    return fail('CALLING_HOURS_TIME_ZONE_INVALID', 'timeZone', 'Choose a time zone such as Europe/London.');
  }
  return ok({ startMinute, endMinute, timeZone });
}

/** Local wall-clock fields of an instant in a zone. */
export interface LocalDateTime {
  /** "YYYY-MM-DD" */
  readonly date: string;
  /** Minutes since local midnight, 0–1439. */
  readonly minute: number;
}

function formatter(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit',
  });
}

/** The instant's local wall-clock time, read as if it were UTC, in ms (so `localMs - instantMs` is the offset). */
function localMs(fmt: Intl.DateTimeFormat, ms: number): number {
  const p: Record<string, number> = {};
  for (const part of fmt.formatToParts(new Date(ms))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  const subSecond = ((ms % 1000) + 1000) % 1000;
  // `% 24`: some older engines write midnight as 24 even with hourCycle h23.
  return Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second) + subSecond;
}

/** The local date and minute of day of `instant` in `timeZone` (a canonical zone, as in `CallingHours`). */
export function toLocal(timeZone: string, instant: Date): LocalDateTime {
  const local = localMs(formatter(timeZone), instant.getTime());
  const iso = new Date(local).toISOString();
  const minute = Math.floor((local - Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)))) / MINUTE_MS);
  return { date: iso.slice(0, 10), minute };
}

/**
 * The instant a local date and minute of day names in a zone. `edge` says which instant to take when the clock
 * changes: `start` takes the later of two, `end` the earlier; both take the change itself for a time that does not
 * exist. Times are whole minutes since local midnight (0–1440).
 */
export function localToInstant(timeZone: string, date: string, minute: number, edge: 'start' | 'end'): Date {
  const fmt = formatter(timeZone);
  const [y, m, d] = date.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d) + minute * MINUTE_MS;
  const before = localMs(fmt, wall - DAY_MS) - (wall - DAY_MS);
  const after = localMs(fmt, wall + DAY_MS) - (wall + DAY_MS);
  const candidates = [...new Set([wall - before, wall - after])].filter((c) => localMs(fmt, c) === wall).sort((a, b) => a - b);
  if (candidates.length > 0) return new Date(edge === 'start' ? candidates[candidates.length - 1] : candidates[0]);
  // A gap: the wall time does not exist. Find the change: the first instant whose offset is `after`.
  let lo = Math.min(wall - before, wall - after);
  let hi = Math.max(wall - before, wall - after);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (localMs(fmt, mid) - mid === after) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}

function parseDate(date: string): Result<string, CallingHoursError> {
  const m = DATE.exec(date);
  if (m) {
    const t = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    if (t.toISOString().slice(0, 10) === date) return ok(date);
  }
  return fail('CALLING_HOURS_DATE_INVALID', 'date', 'Give the date as YYYY-MM-DD, for example 2026-03-29.');
}

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** One local date's calling window as instants: calling is allowed when `start <= now < end`. */
export interface CallingWindow {
  readonly date: string;
  readonly start: Date;
  readonly end: Date;
}

/**
 * The calling window on a local date ("YYYY-MM-DD") as two instants, for SQL (`now() >= start AND now() < end`).
 * `ok(null)` when the clock change leaves no window that day; an error for a date that is not a real date.
 */
export function callingWindowOn(hours: CallingHours, date: string): Result<CallingWindow | null, CallingHoursError> {
  const parsed = parseDate(date);
  if (!parsed.ok) return parsed;
  return ok(windowOn(hours, date));
}

function windowOn(hours: CallingHours, date: string): CallingWindow | null {
  const start = localToInstant(hours.timeZone, date, hours.startMinute, 'start');
  const end = localToInstant(hours.timeZone, date, hours.endMinute, 'end');
  return start < end ? { date, start, end } : null;
}

/** Whether `instant` is inside the calling window of its own local date. */
export function isWithinCallingHours(hours: CallingHours, instant: Date): boolean {
  const window = windowOn(hours, toLocal(hours.timeZone, instant).date);
  return window !== null && window.start <= instant && instant < window.end;
}

/**
 * The start of the first calling window that opens at or after `instant` (never the window `instant` is already
 * in, unless it opens exactly at `instant`). Searches a week ahead; null only if no window opens in that time.
 */
export function nextCallingWindowStart(hours: CallingHours, instant: Date): Date | null {
  const today = toLocal(hours.timeZone, instant).date;
  for (let i = 0; i <= 7; i++) {
    const window = windowOn(hours, addDays(today, i));
    if (window && window.start >= instant) return window.start;
  }
  return null;
}

/** The earliest instant at or after `instant` when calling is allowed: `instant` itself inside the hours. */
export function callableFrom(hours: CallingHours, instant: Date): Date | null {
  return isWithinCallingHours(hours, instant) ? instant : nextCallingWindowStart(hours, instant);
}
