/**
 * Phone banks: which contacts the assignment queue may hand out now, and in what order (issue 7, `claimNextCall`).
 *
 * Owns: the skip reasons and their order, when a skipped contact may come back, and the reference queue order
 * (the API's SQL `WHERE` and `ORDER BY` must agree with these; its tests compare them).
 * Must never: read a clock (`now` is passed in), do I/O, or know about leases (a held contact is the queue's
 * business, see lease.ts).
 *
 * Skip reasons, first match wins:
 *   DO_NOT_CALL, NO_VALID_NUMBER, DONE                     permanent for this bank
 *   CALL_BACK_LATER until the call-back time               a call-back in the future
 *   MAX_ATTEMPTS                                           unless a call-back is due (the person asked for it)
 *   IN_COOL_DOWN until last attempt + cool-down            unless a call-back is due
 *   OUTSIDE_CALLING_HOURS until the next window opens
 * `retryAt` is when the contact could next be eligible, taking calling hours into account (null when permanent).
 */
import { callableFrom, isWithinCallingHours, nextCallingWindowStart } from './calling-hours.js';
import type { ContactCallState } from './call-outcome.js';
import type { PhoneBankSettings } from './settings.js';

export const SKIP_REASONS = [
  'DO_NOT_CALL', 'NO_VALID_NUMBER', 'DONE', 'CALL_BACK_LATER', 'MAX_ATTEMPTS', 'IN_COOL_DOWN', 'OUTSIDE_CALLING_HOURS',
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export type ContactEligibility =
  | { readonly eligible: true; readonly callBackDue: boolean }
  | { readonly eligible: false; readonly reason: 'DO_NOT_CALL' | 'NO_VALID_NUMBER' | 'DONE' | 'MAX_ATTEMPTS'; readonly retryAt: null }
  | {
      readonly eligible: false;
      readonly reason: 'CALL_BACK_LATER' | 'IN_COOL_DOWN' | 'OUTSIDE_CALLING_HOURS';
      /** When this reason stops applying. */
      readonly until: Date;
      /** When the contact could next be eligible (`until`, moved into calling hours); null if no window opens. */
      readonly retryAt: Date | null;
    };

/** When the cool-down after the last attempt ends (null: never attempted). */
export function coolDownEndsAt(settings: PhoneBankSettings, state: ContactCallState): Date | null {
  return state.lastAttemptAt === null ? null : new Date(state.lastAttemptAt.getTime() + settings.coolDownMinutes * 60_000);
}

/** Whether the queue may hand out this contact at `now`, or why not and until when. */
export function contactEligibility(settings: PhoneBankSettings, state: ContactCallState, now: Date): ContactEligibility {
  if (state.doNotCall) return { eligible: false, reason: 'DO_NOT_CALL', retryAt: null };
  if (!state.hasValidNumber) return { eligible: false, reason: 'NO_VALID_NUMBER', retryAt: null };
  if (state.done) return { eligible: false, reason: 'DONE', retryAt: null };
  const hours = settings.callingHours;
  if (state.callBackAt !== null && state.callBackAt > now) {
    return { eligible: false, reason: 'CALL_BACK_LATER', until: state.callBackAt, retryAt: callableFrom(hours, state.callBackAt) };
  }
  const callBackDue = state.callBackAt !== null;
  if (!callBackDue) {
    if (state.attempts >= settings.maxAttempts) return { eligible: false, reason: 'MAX_ATTEMPTS', retryAt: null };
    const coolDownEnd = coolDownEndsAt(settings, state);
    if (coolDownEnd !== null && coolDownEnd > now) {
      return { eligible: false, reason: 'IN_COOL_DOWN', until: coolDownEnd, retryAt: callableFrom(hours, coolDownEnd) };
    }
  }
  if (!isWithinCallingHours(hours, now)) {
    const next = nextCallingWindowStart(hours, now);
    if (next === null) return { eligible: false, reason: 'OUTSIDE_CALLING_HOURS', until: now, retryAt: null };
    return { eligible: false, reason: 'OUTSIDE_CALLING_HOURS', until: next, retryAt: next };
  }
  return { eligible: true, callBackDue };
}

/** What the queue orders eligible contacts by. */
export interface QueueCandidate {
  /** The list's priority, or the caller's own priority for this list when set; higher first. */
  readonly priority: number;
  /** A due call-back (null: none). */
  readonly callBackAt: Date | null;
  readonly attempts: number;
  readonly lastAttemptAt: Date | null;
  /** Position in the call list (stable tie-break). */
  readonly position: number;
}

/** A caller's own priority for a list wins over the list's priority. */
export function effectivePriority(listPriority: number, callerPriority: number | null | undefined): number {
  return callerPriority ?? listPriority;
}

/**
 * Queue order (negative: `a` first): higher priority; then due call-backs, earliest first (a promise to the
 * person); then fewer attempts (never-called first); then the longest since the last attempt; then list position.
 */
export function compareQueueCandidates(a: QueueCandidate, b: QueueCandidate): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  if ((a.callBackAt === null) !== (b.callBackAt === null)) return a.callBackAt === null ? 1 : -1;
  if (a.callBackAt !== null && b.callBackAt !== null && a.callBackAt.getTime() !== b.callBackAt.getTime()) {
    return a.callBackAt.getTime() - b.callBackAt.getTime();
  }
  if (a.attempts !== b.attempts) return a.attempts - b.attempts;
  const la = a.lastAttemptAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  const lb = b.lastAttemptAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  if (la !== lb) return la < lb ? -1 : 1;
  return a.position - b.position;
}
