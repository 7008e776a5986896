/**
 * Gift Aid: the 25% a UK charity reclaims from HMRC on a taxpayer's donation, and whether a declaration covers it.
 *
 * Rules (docs/donations.md, "Gift Aid"):
 * - A donation earns Gift Aid when it was made with Gift Aid ticked, is in GBP, has been paid (SUCCEEDED or
 *   PARTIALLY_REFUNDED — never PENDING, FAILED or REFUNDED), and a declaration covers it.
 * - The amount is 25% of the net amount (amount − refunded), rounded DOWN to the penny (never claim a fraction more).
 * - A declaration covers a donation made at `at` when it was not revoked by then, and either it covers future gifts
 *   and was made on or before `at`, or it covers past gifts and `at` is within the four years before the declaration
 *   (HMRC's limit for past gifts). Compared by calendar day in Europe/London, as HMRC dates gifts and declarations:
 *   a declaration made on the donate page covers the gift made in the same checkout whatever the clocks of the
 *   provider (whole seconds) and the server say; a revocation stops cover from its own day on.
 * Must never: count Gift Aid on money that was given back, or on a declaration revoked before the gift.
 */
import type { DonationStatus } from './donation.status.js';

export const GIFT_AID_RATE_PERCENT = 25;
/** HMRC lets a declaration cover gifts made in the four years before it. */
export const GIFT_AID_PAST_YEARS = 4;

export interface GiftAidDeclarationFacts {
  declaredAt: Date;
  coversPast: boolean;
  coversFuture: boolean;
  revokedAt: Date | null;
}

export interface GiftAidDonationFacts {
  amountPence: number;
  refundedPence: number;
  currency: string;
  status: DonationStatus;
  giftAid: boolean;
  /** When the gift was made (succeeded_at, else created_at). */
  at: Date;
}

const LONDON_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day of an instant in Europe/London, "YYYY-MM-DD" (sorts as text). */
export function londonDay(at: Date): string {
  return LONDON_DAY.format(at);
}

function yearsBefore(day: string, years: number): string {
  return `${String(Number(day.slice(0, 4)) - years).padStart(4, '0')}${day.slice(4)}`;
}

export function declarationCovers(declaration: GiftAidDeclarationFacts, at: Date): boolean {
  const gift = londonDay(at);
  const declared = londonDay(declaration.declaredAt);
  if (declaration.revokedAt && londonDay(declaration.revokedAt) <= gift) return false;
  if (declaration.coversFuture && declared <= gift) return true;
  if (declaration.coversPast && gift <= declared && gift >= yearsBefore(declared, GIFT_AID_PAST_YEARS)) return true;
  return false;
}

/** 25% of the net amount, rounded down: 1000 → 250, 1001 → 250, 3 → 0. */
export function giftAidOnNet(netPence: number): number {
  if (!Number.isInteger(netPence) || netPence <= 0) return 0;
  return Math.floor((netPence * GIFT_AID_RATE_PERCENT) / 100);
}

/** The Gift Aid a donation earns, in pence (0 when it earns none). */
export function giftAidPence(donation: GiftAidDonationFacts, declaration: GiftAidDeclarationFacts | null): number {
  if (!donation.giftAid || !declaration) return 0;
  if (donation.currency !== 'GBP') return 0;
  if (donation.status !== 'SUCCEEDED' && donation.status !== 'PARTIALLY_REFUNDED') return 0;
  if (!declarationCovers(declaration, donation.at)) return 0;
  return giftAidOnNet(donation.amountPence - donation.refundedPence);
}

export type GiftAidDeclarationErrorCode = 'GIFT_AID_NAME_REQUIRED' | 'GIFT_AID_HOUSE_REQUIRED' | 'GIFT_AID_WORDING_REQUIRED';

/** The exact sentence a donor agrees to (shown on the action page and stored with the declaration). */
export const GIFT_AID_WORDING =
  'I am a UK taxpayer and understand that if I pay less Income Tax and/or Capital Gains Tax in the current tax year than ' +
  'the amount of Gift Aid claimed on all my donations it is my responsibility to pay any difference.';
