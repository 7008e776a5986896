/**
 * Phone banks: call outcomes and what each does to the contact (issue 7, `recordCallOutcome`).
 *
 * Owns: the outcomes, their effect on the contact's state in this phone bank (done / try again after the
 * cool-down / call back at a time / never call this number), which member-record update each asks for, how each
 * counts towards the maximum attempts, and the call-back time rules.
 * Must never: read a clock (`now` is passed in), do I/O, or write the member record itself (it says what to write).
 *
 *   outcome        contact                        attempt?  member record
 *   ANSWERED       done if the key question was   yes if    —
 *                  answered, else cool-down        not done
 *   NO_ANSWER      cool-down                       yes       —
 *   BUSY           cool-down                       yes       —
 *   VOICEMAIL      cool-down                       yes       —
 *   WRONG_NUMBER   never call this number          yes       number marked invalid
 *   CALL_BACK      call back at the given time     no        —
 *   REFUSED        done for this bank              no        —
 *   MOVED          done for this bank              no        —
 *   DECEASED       never call                      no        member marked deceased
 *
 * Attempts count the calls that did not get the bank what it wanted from a conversation: unreached calls, a wrong
 * number, and an answered call that ended before the key question. A call-back is a conversation with a promise,
 * so it does not count; reaching `maxAttempts` ends calling unless a call-back is due (see eligibility.ts).
 */
import { domainError, ok, type DomainError, type Result } from '../result.js';
import { formatTimeOfDay, isWithinCallingHours } from './calling-hours.js';
import type { PhoneBankSettings } from './settings.js';

export const CALL_OUTCOMES = [
  'ANSWERED', 'NO_ANSWER', 'BUSY', 'VOICEMAIL', 'WRONG_NUMBER', 'CALL_BACK', 'REFUSED', 'MOVED', 'DECEASED',
] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

export function isCallOutcome(value: unknown): value is CallOutcome {
  return typeof value === 'string' && (CALL_OUTCOMES as readonly string[]).includes(value);
}

/** What the outcome means for the contact in this phone bank. */
export type ContactDisposition = 'DONE' | 'RETRY_AFTER_COOL_DOWN' | 'CALL_BACK' | 'NEVER_CALL_NUMBER' | 'NEVER_CALL';
/** The member-record update the outcome asks the API to make. */
export type MemberUpdate = 'NONE' | 'MARK_NUMBER_INVALID' | 'MARK_DECEASED';

export interface OutcomeEffect {
  readonly disposition: ContactDisposition;
  /** The person (or someone speaking for them) was reached: a contact for the contact rate. */
  readonly reached: boolean;
  readonly countsAsAttempt: boolean;
  readonly memberUpdate: MemberUpdate;
}

/** The effect of each outcome; ANSWERED depends on whether the key question was answered. */
export function outcomeEffect(outcome: CallOutcome, keyQuestionAnswered = false): OutcomeEffect {
  switch (outcome) {
    case 'ANSWERED':
      return keyQuestionAnswered
        ? { disposition: 'DONE', reached: true, countsAsAttempt: false, memberUpdate: 'NONE' }
        : { disposition: 'RETRY_AFTER_COOL_DOWN', reached: true, countsAsAttempt: true, memberUpdate: 'NONE' };
    case 'NO_ANSWER':
    case 'BUSY':
    case 'VOICEMAIL':
      return { disposition: 'RETRY_AFTER_COOL_DOWN', reached: false, countsAsAttempt: true, memberUpdate: 'NONE' };
    case 'WRONG_NUMBER':
      return { disposition: 'NEVER_CALL_NUMBER', reached: false, countsAsAttempt: true, memberUpdate: 'MARK_NUMBER_INVALID' };
    case 'CALL_BACK':
      return { disposition: 'CALL_BACK', reached: true, countsAsAttempt: false, memberUpdate: 'NONE' };
    case 'REFUSED':
    case 'MOVED':
      return { disposition: 'DONE', reached: true, countsAsAttempt: false, memberUpdate: 'NONE' };
    case 'DECEASED':
      return { disposition: 'NEVER_CALL', reached: true, countsAsAttempt: false, memberUpdate: 'MARK_DECEASED' };
  }
}

/** A contact's calling state in one phone bank, as the queue and the outcome rules read it. */
export interface ContactCallState {
  /** The member must not be called (no phone consent, opted out, deceased): the API derives it from the record. */
  readonly doNotCall: boolean;
  /** The member has a number that is neither marked invalid nor unparseable. */
  readonly hasValidNumber: boolean;
  /** Finished for this phone bank (goal reached, refused, moved, deceased). */
  readonly done: boolean;
  readonly attempts: number;
  readonly lastAttemptAt: Date | null;
  /** A call-back the person asked for; cleared by the next outcome. */
  readonly callBackAt: Date | null;
}

export const NEW_CONTACT_STATE: ContactCallState = {
  doNotCall: false, hasValidNumber: true, done: false, attempts: 0, lastAttemptAt: null, callBackAt: null,
};

export interface CallOutcomeInput {
  readonly outcome: CallOutcome;
  /** Required for CALL_BACK, refused for every other outcome. */
  readonly callBackAt?: Date | null;
  /** Only with ANSWERED: the member answered the bank's key question (the goal). */
  readonly keyQuestionAnswered?: boolean;
}

export type CallOutcomeErrorCode =
  | 'CALL_BACK_TIME_MISSING'
  | 'CALL_BACK_TIME_UNEXPECTED'
  | 'CALL_BACK_NOT_IN_FUTURE'
  | 'CALL_BACK_TOO_FAR'
  | 'CALL_BACK_OUTSIDE_CALLING_HOURS'
  | 'KEY_ANSWER_UNEXPECTED';
export type CallOutcomeError = DomainError<CallOutcomeErrorCode>;

/**
 * A call-back time must be after `now`, at most `maxCallBackDays` days ahead, and inside the bank's calling hours
 * (at or after the start, before the end).
 */
export function validateCallBackTime(settings: PhoneBankSettings, callBackAt: Date, now: Date): Result<Date, CallOutcomeError> {
  if (callBackAt.getTime() <= now.getTime()) return domainError('CALL_BACK_NOT_IN_FUTURE', 'The call-back time must be in the future.');
  if (callBackAt.getTime() > now.getTime() + settings.maxCallBackDays * 24 * 60 * 60 * 1000) {
    return domainError('CALL_BACK_TOO_FAR', `The call-back must be within ${settings.maxCallBackDays} days.`);
  }
  if (!isWithinCallingHours(settings.callingHours, callBackAt)) {
    const h = settings.callingHours;
    return domainError(
      'CALL_BACK_OUTSIDE_CALLING_HOURS',
      `The call-back must be within calling hours (${formatTimeOfDay(h.startMinute)}–${formatTimeOfDay(h.endMinute)} ${h.timeZone}).`,
    );
  }
  return ok(callBackAt);
}

export interface RecordedOutcome {
  readonly state: ContactCallState;
  readonly effect: OutcomeEffect;
}

/** Applies an outcome recorded at `now` to a contact's state; returns the new state and the effect, or the error. */
export function applyCallOutcome(
  settings: PhoneBankSettings,
  state: ContactCallState,
  input: CallOutcomeInput,
  now: Date,
): Result<RecordedOutcome, CallOutcomeError> {
  const callBackAt = input.callBackAt ?? null;
  if (input.outcome === 'CALL_BACK') {
    if (callBackAt === null) return domainError('CALL_BACK_TIME_MISSING', 'Choose when to call back.');
    const valid = validateCallBackTime(settings, callBackAt, now);
    if (!valid.ok) return valid;
  } else if (callBackAt !== null) {
    return domainError('CALL_BACK_TIME_UNEXPECTED', 'A call-back time goes only with the "call back" outcome.');
  }
  if (input.keyQuestionAnswered && input.outcome !== 'ANSWERED') {
    return domainError('KEY_ANSWER_UNEXPECTED', 'The key question can only be answered on an answered call.');
  }
  const effect = outcomeEffect(input.outcome, input.keyQuestionAnswered ?? false);
  const next: ContactCallState = {
    ...state,
    attempts: state.attempts + (effect.countsAsAttempt ? 1 : 0),
    lastAttemptAt: now,
    callBackAt: effect.disposition === 'CALL_BACK' ? callBackAt : null,
    done: state.done || effect.disposition === 'DONE' || effect.disposition === 'NEVER_CALL',
    hasValidNumber: effect.memberUpdate === 'MARK_NUMBER_INVALID' ? false : state.hasValidNumber,
    doNotCall: state.doNotCall || effect.disposition === 'NEVER_CALL',
  };
  return ok({ state: next, effect });
}
