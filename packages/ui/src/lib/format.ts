// Formatting for people in the UK: en-GB digits, dates and month names in one place so both apps agree.
const numberFormat = new Intl.NumberFormat('en-GB');
const percentFormat = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 });
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function formatNumber(value: number | null | undefined): string {
  return value == null || Number.isNaN(value) ? '–' : numberFormat.format(value);
}

export function formatPercent(fraction: number): string {
  return percentFormat.format(Number.isFinite(fraction) ? fraction : 0);
}

/** "2025-03" → "Mar 2025". Anything else is returned unchanged rather than guessed at. */
export function formatMonth(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return month;
  const index = Number(m[2]) - 1;
  return index >= 0 && index < 12 ? `${MONTHS[index]} ${m[1]}` : month;
}

/** "2025-03-09" (a calendar date, no time zone) → "9 Mar 2025". Parsed by hand so no time zone can shift the day. */
export function formatDate(date: string | null | undefined): string {
  if (!date) return '–';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return date;
  const index = Number(m[2]) - 1;
  if (index < 0 || index > 11) return date;
  return `${Number(m[3])} ${MONTHS[index]} ${m[1]}`;
}

/** An ISO timestamp in Europe/London, e.g. "9 Mar 2025, 14:05". */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '–';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London',
  }).format(d);
}

/** "LAPSED" → "Lapsed", "SMS_ONLY" → "Sms only": enum values read as words. */
export function humanise(value: string): string {
  const words = value.replace(/_/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function pluralise(count: number, one: string, many = `${one}s`): string {
  return `${formatNumber(count)} ${count === 1 ? one : many}`;
}
