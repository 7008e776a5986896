// Words, tones and small rules for donations on screen. Money stays integer pence; pounds only for reading and typing.
import type { Tone } from '@muster/ui';
import type { DonationItem, DonationKind, DonationPlanItem, DonationPlanStatus, DonationStatus } from '../graphql/donation.graphql';

export const DONATION_STATUSES: readonly DonationStatus[] = ['PENDING', 'SUCCEEDED', 'FAILED', 'REFUNDED', 'PARTIALLY_REFUNDED'];
export const DONATION_STATUS_LABELS: Readonly<Record<DonationStatus, string>> = {
  PENDING: 'Pending', SUCCEEDED: 'Succeeded', FAILED: 'Failed', REFUNDED: 'Refunded', PARTIALLY_REFUNDED: 'Partly refunded',
};
export const DONATION_STATUS_TONES: Readonly<Record<DonationStatus, Tone>> = {
  PENDING: 'neutral', SUCCEEDED: 'success', FAILED: 'danger', REFUNDED: 'warning', PARTIALLY_REFUNDED: 'warning',
};
export const DONATION_KINDS: readonly DonationKind[] = ['ONE_OFF', 'RECURRING'];
export const DONATION_KIND_LABELS: Readonly<Record<DonationKind, string>> = { ONE_OFF: 'One-off', RECURRING: 'Monthly or yearly' };

export const DONATION_PLAN_STATUSES: readonly DonationPlanStatus[] = ['ACTIVE', 'PENDING', 'CANCELLED', 'FAILED'];
export const DONATION_PLAN_STATUS_LABELS: Readonly<Record<DonationPlanStatus, string>> = {
  ACTIVE: 'Active', PENDING: 'Checkout not finished', CANCELLED: 'Cancelled', FAILED: 'Never started',
};
export const DONATION_PLAN_STATUS_TONES: Readonly<Record<DonationPlanStatus, Tone>> = {
  ACTIVE: 'success', PENDING: 'neutral', CANCELLED: 'warning', FAILED: 'danger',
};

/** Only an active plan, or one whose checkout is not finished, can be cancelled (as the API decides). */
export function cancellable(plan: Pick<DonationPlanItem, 'status'>): boolean {
  return plan.status === 'ACTIVE' || plan.status === 'PENDING';
}

/** What is left to refund (pence). */
export function refundable(d: Pick<DonationItem, 'amountPence' | 'refundedPence' | 'status'>): number {
  if (d.status !== 'SUCCEEDED' && d.status !== 'PARTIALLY_REFUNDED') return 0;
  return Math.max(0, d.amountPence - d.refundedPence);
}

/** An amount typed in pounds ("12.50", "£5") → whole pence, by string arithmetic (never through floating point). */
export function parsePounds(text: string): { pence: number } | { problem: string } {
  const t = text.trim().replace(/^£/, '');
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(t)) return { problem: 'An amount in pounds, like 5 or 12.50.' };
  const [whole, frac = ''] = t.split('.');
  const pence = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  if (pence <= 0) return { problem: 'The amount must be more than £0.' };
  return { pence };
}

/** A refund amount typed in pounds → pence, checked against what is left; or the problem in words. */
export function parseRefund(text: string, leftPence: number): { pence: number } | { problem: string } {
  const parsed = parsePounds(text);
  if ('problem' in parsed) return parsed;
  if (parsed.pence > leftPence) return { problem: `At most ${(leftPence / 100).toFixed(2)} can be refunded.` };
  return parsed;
}

/** A calendar date from the filter as the start or the end of that day in the browser's time zone (ISO). */
export function dayBoundary(date: string, end: boolean): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const d = new Date(`${date}T00:00:00`);
  if (end) {
    d.setDate(d.getDate() + 1);
    d.setMilliseconds(-1);
  }
  return d.toISOString();
}
