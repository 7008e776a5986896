/**
 * Money for donations and dues: whole pence (integers), never floats, with an ISO 4217 currency (GBP by default).
 *
 * Owns: checking an amount of pence from any source (GraphQL, provider webhooks, action-page forms), parsing a
 * typed "£12.50" into pence, and formatting pence for people.
 * Must never: accept a fraction of a penny, a negative or zero amount, or silently round — a float that "looks
 * like" pence (12.5) is refused, not truncated.
 */
import { domainError, ok, type DomainError, type Result } from '../result.js';

export type MoneyErrorCode = 'AMOUNT_NOT_INTEGER' | 'AMOUNT_NOT_POSITIVE' | 'AMOUNT_TOO_LARGE' | 'AMOUNT_INVALID' | 'CURRENCY_INVALID';
export type MoneyError = DomainError<MoneyErrorCode>;

export const DEFAULT_CURRENCY = 'GBP';

/** £1,000,000: far above any real gift, and well inside a PostgreSQL int (2,147,483,647). */
export const MAX_DONATION_PENCE = 100_000_000;

/** Currencies whose minor unit is 1/100 (the ones the stand-in and our formatting know). */
const TWO_DECIMAL = new Set(['GBP', 'EUR', 'USD']);
const SYMBOL: Record<string, string> = { GBP: '£', EUR: '€', USD: '$' };

/** Checks an amount in pence: a safe integer, 1 ≤ pence ≤ MAX_DONATION_PENCE. */
export function checkPence(value: unknown): Result<number, MoneyError> {
  if (typeof value !== 'number' || Number.isNaN(value) || !Number.isFinite(value)) {
    return domainError('AMOUNT_INVALID', 'Give the amount as a whole number of pence.');
  }
  if (!Number.isInteger(value)) return domainError('AMOUNT_NOT_INTEGER', 'Amounts are whole pence: 1250 for £12.50, not 12.5.');
  if (value <= 0) return domainError('AMOUNT_NOT_POSITIVE', 'The amount must be at least 1p.');
  if (value > MAX_DONATION_PENCE) return domainError('AMOUNT_TOO_LARGE', `The amount must be at most ${formatPence(MAX_DONATION_PENCE)}.`);
  return ok(value);
}

/** "gbp" → "GBP"; undefined/null/"" → GBP; anything but GBP, EUR or USD is refused. */
export function normaliseCurrency(raw: string | null | undefined): Result<string, MoneyError> {
  if (raw === null || raw === undefined || raw.trim() === '') return ok(DEFAULT_CURRENCY);
  const code = raw.trim().toUpperCase();
  if (!TWO_DECIMAL.has(code)) return domainError('CURRENCY_INVALID', 'The currency must be GBP, EUR or USD.');
  return ok(code);
}

/** A typed amount of pounds ("12", "12.5", "£12.50", "1,250.00") → pence; more than two decimals is refused. */
export function parsePounds(raw: string): Result<number, MoneyError> {
  const text = String(raw ?? '').replace(/[£\s,]/g, '');
  const match = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return domainError('AMOUNT_INVALID', 'Enter an amount in pounds, for example 12.50.');
  const pence = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return checkPence(pence);
}

/** 1250 → "£12.50"; 500 → "£5.00"; −250 → "−£2.50" (for refunds in reports). */
export function formatPence(pence: number, currency: string = DEFAULT_CURRENCY): string {
  const sign = pence < 0 ? '−' : '';
  const abs = Math.abs(Math.trunc(pence));
  const pounds = Math.floor(abs / 100).toLocaleString('en-GB');
  const rest = String(abs % 100).padStart(2, '0');
  const symbol = SYMBOL[currency] ?? `${currency} `;
  return `${sign}${symbol}${pounds}.${rest}`;
}
