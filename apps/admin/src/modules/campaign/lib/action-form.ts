// Pure helpers behind the action form: times between the API (ISO instants) and <input type="datetime-local">
// (the browser's local time), reminder offsets, and donation amounts typed in pounds but stored in pence.

/** An ISO instant as a datetime-local value in the browser's time zone ("" for none). */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value back to an ISO instant (null for empty or nonsense). */
export function fromLocalInput(local: string): string | null {
  if (!local) return null;
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** The reminder choices offered; an action's own offsets that are not among them are offered too. */
export const REMINDER_PRESETS: readonly number[] = [10080, 2880, 1440, 240, 120, 60];

/** "1 week", "2 days", "1 day", "4 hours", "90 minutes": an offset in minutes, in words. */
export function describeOffset(minutes: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (minutes > 0 && minutes % 10080 === 0) return plural(minutes / 10080, 'week');
  if (minutes > 0 && minutes % 1440 === 0) return plural(minutes / 1440, 'day');
  if (minutes > 0 && minutes % 60 === 0) return plural(minutes / 60, 'hour');
  return plural(minutes, 'minute');
}

/** Longest first, no duplicates: the order reminders go out in. */
export function normaliseOffsets(offsets: readonly number[]): number[] {
  return [...new Set(offsets)].sort((a, b) => b - a);
}

/**
 * Suggested donation amounts typed as pounds ("5, 10, 25.50" or "£5 £10") → pence. Returns the problem in words when
 * an amount is not a positive sum of money with at most two decimals.
 */
export function parsePoundsList(text: string): { pence: number[] } | { problem: string } {
  const parts = text.split(/[\s,;]+/).map((p) => p.replace(/^£/, '')).filter(Boolean);
  const pence: number[] = [];
  for (const p of parts) {
    if (!/^\d{1,6}(\.\d{1,2})?$/.test(p)) return { problem: `“${p}” is not an amount in pounds, like 5 or 12.50.` };
    const [whole, frac = ''] = p.split('.');
    const value = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
    if (value <= 0) return { problem: 'Amounts must be more than £0.' };
    pence.push(value);
  }
  return { pence };
}

/** Pence back to what a person types: 500 → "5", 1250 → "12.50". */
export function penceToPoundsText(pence: readonly number[]): string {
  return pence.map((p) => (p % 100 === 0 ? String(p / 100) : (p / 100).toFixed(2))).join(', ');
}
