import {
  DEFAULT_CALLING_HOURS,
  callableFrom,
  callingWindowOn,
  canonicalTimeZone,
  formatTimeOfDay,
  isWithinCallingHours,
  localToInstant,
  nextCallingWindowStart,
  parseTimeOfDay,
  toLocal,
  validateCallingHours,
  type CallingHours,
} from './calling-hours.js';

const at = (iso: string) => new Date(iso);
const LONDON = DEFAULT_CALLING_HOURS;

function hours(start: string, end: string, timeZone = 'Europe/London'): CallingHours {
  const r = validateCallingHours({ start, end, timeZone });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function window(h: CallingHours, date: string) {
  const r = callingWindowOn(h, date);
  if (!r.ok) throw new Error(r.error.message);
  return r.value && { start: r.value.start.toISOString(), end: r.value.end.toISOString() };
}

describe('validateCallingHours', () => {
  it('defaults to 09:00–21:00 Europe/London', () => {
    expect(validateCallingHours()).toEqual({ ok: true, value: { startMinute: 540, endMinute: 1260, timeZone: 'Europe/London' } });
    expect(validateCallingHours({})).toEqual({ ok: true, value: DEFAULT_CALLING_HOURS });
  });

  it('accepts other hours and zones, canonicalising the zone name', () => {
    expect(validateCallingHours({ start: '10:30', end: '20:15', timeZone: 'america/new_york' })).toEqual({
      ok: true, value: { startMinute: 630, endMinute: 1215, timeZone: 'America/New_York' },
    });
    expect(validateCallingHours({ start: ' 00:00 ', end: '23:59', timeZone: 'UTC' }).ok).toBe(true);
  });

  it.each([
    ['start', { start: '9:00' }, 'CALLING_HOURS_TIME_INVALID'],
    ['start', { start: '24:00' }, 'CALLING_HOURS_TIME_INVALID'],
    ['start', { start: '' }, 'CALLING_HOURS_TIME_INVALID'],
    ['end', { end: '21:60' }, 'CALLING_HOURS_TIME_INVALID'],
    ['end', { end: '9pm' }, 'CALLING_HOURS_TIME_INVALID'],
    ['end', { start: '21:00', end: '09:00' }, 'CALLING_HOURS_EMPTY'],
    ['end', { start: '12:00', end: '12:00' }, 'CALLING_HOURS_EMPTY'],
    ['timeZone', { timeZone: 'Europe/Atlantis' }, 'CALLING_HOURS_TIME_ZONE_INVALID'],
    ['timeZone', { timeZone: '  ' }, 'CALLING_HOURS_TIME_ZONE_INVALID'],
  ])('rejects bad %s: %j', (path, input, code) => {
    const r = validateCallingHours(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe(code);
      expect(r.error.path).toBe(path);
      expect(r.error.message).toMatch(/\w/);
    }
  });

  it('says what went wrong in plain English', () => {
    const r = validateCallingHours({ start: '21:00', end: '09:00' });
    expect(!r.ok && r.error.message).toBe('Calling hours must end after they start (21:00) on the same day.');
  });
});

describe('time helpers', () => {
  it('parse and format times of day', () => {
    expect(parseTimeOfDay('09:05')).toBe(545);
    expect(parseTimeOfDay('23:59')).toBe(1439);
    expect(parseTimeOfDay('25:00')).toBeNull();
    expect(formatTimeOfDay(545)).toBe('09:05');
    expect(formatTimeOfDay(0)).toBe('00:00');
  });

  it('canonicalTimeZone knows IANA names only', () => {
    expect(canonicalTimeZone('Europe/London')).toBe('Europe/London');
    expect(canonicalTimeZone('nowhere/at_all')).toBeNull();
  });

  it('toLocal reads the wall clock either side of the clock changes', () => {
    expect(toLocal('Europe/London', at('2026-03-29T00:59:59Z'))).toEqual({ date: '2026-03-29', minute: 59 });
    expect(toLocal('Europe/London', at('2026-03-29T01:00:00Z'))).toEqual({ date: '2026-03-29', minute: 120 });
    expect(toLocal('Europe/London', at('2026-10-25T00:30:00Z'))).toEqual({ date: '2026-10-25', minute: 90 });
    expect(toLocal('Europe/London', at('2026-10-25T01:30:00Z'))).toEqual({ date: '2026-10-25', minute: 90 });
    expect(toLocal('Europe/London', at('2026-06-30T23:30:00Z'))).toEqual({ date: '2026-07-01', minute: 30 });
    expect(toLocal('Asia/Kolkata', at('2026-01-01T18:29:00Z'))).toEqual({ date: '2026-01-01', minute: 1439 });
  });

  it('localToInstant: a normal time, a skipped time and a repeated time', () => {
    expect(localToInstant('Europe/London', '2026-01-15', 540, 'start').toISOString()).toBe('2026-01-15T09:00:00.000Z');
    // 01:30 does not exist on 2026-03-29: the clocks jump 01:00 GMT → 02:00 BST at 01:00Z.
    expect(localToInstant('Europe/London', '2026-03-29', 90, 'start').toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(localToInstant('Europe/London', '2026-03-29', 90, 'end').toISOString()).toBe('2026-03-29T01:00:00.000Z');
    // 01:30 happens twice on 2026-10-25: 00:30Z (BST) and 01:30Z (GMT).
    expect(localToInstant('Europe/London', '2026-10-25', 90, 'start').toISOString()).toBe('2026-10-25T01:30:00.000Z');
    expect(localToInstant('Europe/London', '2026-10-25', 90, 'end').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    // Midnight at the end of a day (1440) is the next day's midnight.
    expect(localToInstant('Europe/London', '2026-07-01', 1440, 'end').toISOString()).toBe('2026-07-01T23:00:00.000Z');
  });
});

describe('callingWindowOn (the SQL form)', () => {
  it('is 09:00–21:00 GMT in winter and 08:00–20:00 UTC in summer', () => {
    expect(window(LONDON, '2026-01-15')).toEqual({ start: '2026-01-15T09:00:00.000Z', end: '2026-01-15T21:00:00.000Z' });
    expect(window(LONDON, '2026-07-01')).toEqual({ start: '2026-07-01T08:00:00.000Z', end: '2026-07-01T20:00:00.000Z' });
  });

  it('follows the clocks forward on Sunday 29 March 2026', () => {
    expect(window(LONDON, '2026-03-28')).toEqual({ start: '2026-03-28T09:00:00.000Z', end: '2026-03-28T21:00:00.000Z' });
    expect(window(LONDON, '2026-03-29')).toEqual({ start: '2026-03-29T08:00:00.000Z', end: '2026-03-29T20:00:00.000Z' });
  });

  it('follows the clocks back on Sunday 25 October 2026', () => {
    expect(window(LONDON, '2026-10-24')).toEqual({ start: '2026-10-24T08:00:00.000Z', end: '2026-10-24T20:00:00.000Z' });
    expect(window(LONDON, '2026-10-25')).toEqual({ start: '2026-10-25T09:00:00.000Z', end: '2026-10-25T21:00:00.000Z' });
  });

  it('a window starting in the skipped hour opens when the clocks change', () => {
    expect(window(hours('01:30', '03:00'), '2026-03-29')).toEqual({ start: '2026-03-29T01:00:00.000Z', end: '2026-03-29T02:00:00.000Z' });
  });

  it('a window ending in the skipped hour closes when the clocks change', () => {
    expect(window(hours('00:00', '01:30'), '2026-03-29')).toEqual({ start: '2026-03-29T00:00:00.000Z', end: '2026-03-29T01:00:00.000Z' });
  });

  it('a window inside the skipped hour does not open that day', () => {
    expect(window(hours('01:10', '01:50'), '2026-03-29')).toBeNull();
    expect(window(hours('01:10', '01:50'), '2026-03-30')).toEqual({ start: '2026-03-30T00:10:00.000Z', end: '2026-03-30T00:50:00.000Z' });
  });

  it('a repeated start is taken at its second occurrence, a repeated end at its first (never outside the local hours)', () => {
    expect(window(hours('01:30', '05:00'), '2026-10-25')).toEqual({ start: '2026-10-25T01:30:00.000Z', end: '2026-10-25T05:00:00.000Z' });
    expect(window(hours('00:00', '01:30'), '2026-10-25')).toEqual({ start: '2026-10-24T23:00:00.000Z', end: '2026-10-25T00:30:00.000Z' });
  });

  it('rejects a date that is not a real date', () => {
    for (const bad of ['2026-02-30', '2026-3-29', '29/03/2026', '']) {
      const r = callingWindowOn(LONDON, bad);
      expect(!r.ok && r.error).toEqual({ code: 'CALLING_HOURS_DATE_INVALID', path: 'date', message: 'Give the date as YYYY-MM-DD, for example 2026-03-29.' });
    }
  });
});

describe('isWithinCallingHours', () => {
  it.each([
    ['2026-01-15T08:59:59.999Z', false],
    ['2026-01-15T09:00:00.000Z', true],
    ['2026-01-15T20:59:59.999Z', true],
    ['2026-01-15T21:00:00.000Z', false],
    ['2026-01-15T23:30:00.000Z', false],
    ['2026-07-01T07:59:00.000Z', false],
    ['2026-07-01T08:00:00.000Z', true],
    ['2026-07-01T20:00:00.000Z', false],
    // 29 March: 08:30Z is 09:30 BST (inside), 20:30Z is 21:30 BST (outside); the day before it is the other way.
    ['2026-03-28T08:30:00.000Z', false],
    ['2026-03-28T20:30:00.000Z', true],
    ['2026-03-29T08:30:00.000Z', true],
    ['2026-03-29T20:30:00.000Z', false],
    ['2026-03-29T07:59:59.999Z', false],
    // 25 October: 08:30Z is 08:30 GMT (outside), 20:30Z is 20:30 GMT (inside); the day before it is the other way.
    ['2026-10-24T08:30:00.000Z', true],
    ['2026-10-24T20:30:00.000Z', false],
    ['2026-10-25T08:30:00.000Z', false],
    ['2026-10-25T20:30:00.000Z', true],
    ['2026-10-25T21:00:00.000Z', false],
  ])('London 09:00–21:00 at %s → %s', (iso, expected) => {
    expect(isWithinCallingHours(LONDON, at(iso))).toBe(expected);
  });

  it('an overnight-facing window around the repeated hour never calls at a local time outside it', () => {
    const h = hours('00:00', '01:30');
    expect(isWithinCallingHours(h, at('2026-10-25T00:29:00Z'))).toBe(true); // 01:29 BST
    expect(isWithinCallingHours(h, at('2026-10-25T00:30:00Z'))).toBe(false); // 01:30 BST
    expect(isWithinCallingHours(h, at('2026-10-25T01:10:00Z'))).toBe(false); // 01:10 GMT, second pass: closed
  });

  it('works in other zones: New York (clocks change 8 March and 1 November 2026) and Kolkata (no clock change)', () => {
    const ny = hours('09:00', '21:00', 'America/New_York');
    expect(isWithinCallingHours(ny, at('2026-03-07T14:00:00Z'))).toBe(true); // 09:00 EST
    expect(isWithinCallingHours(ny, at('2026-03-08T13:00:00Z'))).toBe(true); // 09:00 EDT
    expect(isWithinCallingHours(ny, at('2026-03-08T12:59:00Z'))).toBe(false); // 08:59 EDT
    expect(isWithinCallingHours(ny, at('2026-03-08T01:30:00Z'))).toBe(true); // 20:30 EST on 7 March
    expect(isWithinCallingHours(ny, at('2026-03-08T02:00:00Z'))).toBe(false); // 21:00 EST on 7 March
    expect(window(ny, '2026-11-01')).toEqual({ start: '2026-11-01T14:00:00.000Z', end: '2026-11-02T02:00:00.000Z' });
    const kolkata = hours('09:00', '21:00', 'Asia/Kolkata');
    expect(window(kolkata, '2026-03-29')).toEqual({ start: '2026-03-29T03:30:00.000Z', end: '2026-03-29T15:30:00.000Z' });
    expect(isWithinCallingHours(kolkata, at('2026-03-29T03:29:59Z'))).toBe(false);
    expect(isWithinCallingHours(kolkata, at('2026-03-29T03:30:00Z'))).toBe(true);
  });

  it('a window in a zone ahead of UTC whose local date differs from the UTC date', () => {
    const auckland = hours('09:00', '21:00', 'Pacific/Auckland');
    // 2026-01-14T21:00Z is 10:00 on 15 January in Auckland (NZDT, +13).
    expect(isWithinCallingHours(auckland, at('2026-01-14T21:00:00Z'))).toBe(true);
    expect(toLocal('Pacific/Auckland', at('2026-01-14T21:00:00Z'))).toEqual({ date: '2026-01-15', minute: 600 });
  });
});

describe('nextCallingWindowStart and callableFrom', () => {
  it('before the window: today’s start; inside or after: tomorrow’s', () => {
    expect(nextCallingWindowStart(LONDON, at('2026-01-15T06:00:00Z'))?.toISOString()).toBe('2026-01-15T09:00:00.000Z');
    expect(nextCallingWindowStart(LONDON, at('2026-01-15T09:00:00Z'))?.toISOString()).toBe('2026-01-15T09:00:00.000Z');
    expect(nextCallingWindowStart(LONDON, at('2026-01-15T12:00:00Z'))?.toISOString()).toBe('2026-01-16T09:00:00.000Z');
    expect(nextCallingWindowStart(LONDON, at('2026-01-15T21:00:00Z'))?.toISOString()).toBe('2026-01-16T09:00:00.000Z');
  });

  it('across the March change: Saturday night → Sunday 09:00 BST (08:00Z)', () => {
    expect(nextCallingWindowStart(LONDON, at('2026-03-28T21:30:00Z'))?.toISOString()).toBe('2026-03-29T08:00:00.000Z');
    expect(nextCallingWindowStart(LONDON, at('2026-03-29T01:30:00Z'))?.toISOString()).toBe('2026-03-29T08:00:00.000Z');
  });

  it('across the October change: Saturday night → Sunday 09:00 GMT (09:00Z)', () => {
    expect(nextCallingWindowStart(LONDON, at('2026-10-24T20:30:00Z'))?.toISOString()).toBe('2026-10-25T09:00:00.000Z');
    expect(nextCallingWindowStart(LONDON, at('2026-10-25T01:30:00Z'))?.toISOString()).toBe('2026-10-25T09:00:00.000Z');
  });

  it('skips a day with no window', () => {
    const h = hours('01:10', '01:50');
    expect(nextCallingWindowStart(h, at('2026-03-28T02:00:00Z'))?.toISOString()).toBe('2026-03-30T00:10:00.000Z');
  });

  it('callableFrom is the instant itself inside the hours, else the next start', () => {
    expect(callableFrom(LONDON, at('2026-01-15T12:00:00Z'))?.toISOString()).toBe('2026-01-15T12:00:00.000Z');
    expect(callableFrom(LONDON, at('2026-01-15T22:00:00Z'))?.toISOString()).toBe('2026-01-16T09:00:00.000Z');
  });
});
