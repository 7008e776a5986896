import {
  CALL_OUTCOMES,
  NEW_CONTACT_STATE,
  applyCallOutcome,
  isCallOutcome,
  outcomeEffect,
  validateCallBackTime,
  type CallOutcome,
  type ContactCallState,
} from './call-outcome.js';
import { validatePhoneBankSettings, type PhoneBankSettings } from './settings.js';

const at = (iso: string) => new Date(iso);
const NOW = at('2026-01-15T12:00:00Z'); // 12:00 GMT, inside 09:00–21:00
const PREVIOUS = at('2026-01-14T12:00:00Z');

function settings(input = {}): PhoneBankSettings {
  const r = validatePhoneBankSettings(input);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}
const S = settings();
const STATE: ContactCallState = { ...NEW_CONTACT_STATE, attempts: 1, lastAttemptAt: PREVIOUS };

/** The whole table, by hand: [outcome, disposition, reached, attempt, member update, done after, valid number after, do-not-call after]. */
const TABLE: [CallOutcome, string, boolean, boolean, string, boolean, boolean, boolean][] = [
  ['ANSWERED', 'RETRY_AFTER_COOL_DOWN', true, true, 'NONE', false, true, false],
  ['NO_ANSWER', 'RETRY_AFTER_COOL_DOWN', false, true, 'NONE', false, true, false],
  ['BUSY', 'RETRY_AFTER_COOL_DOWN', false, true, 'NONE', false, true, false],
  ['VOICEMAIL', 'RETRY_AFTER_COOL_DOWN', false, true, 'NONE', false, true, false],
  ['WRONG_NUMBER', 'NEVER_CALL_NUMBER', false, true, 'MARK_NUMBER_INVALID', false, false, false],
  ['CALL_BACK', 'CALL_BACK', true, false, 'NONE', false, true, false],
  ['REFUSED', 'DONE', true, false, 'NONE', true, true, false],
  ['MOVED', 'DONE', true, false, 'NONE', true, true, false],
  ['DECEASED', 'NEVER_CALL', true, false, 'MARK_DECEASED', true, true, true],
];

describe('every outcome', () => {
  it('the table lists each outcome once', () => {
    expect(TABLE.map((r) => r[0])).toEqual([...CALL_OUTCOMES]);
    expect(CALL_OUTCOMES.every(isCallOutcome)).toBe(true);
    expect(isCallOutcome('HUNG_UP')).toBe(false);
    expect(isCallOutcome(3)).toBe(false);
  });

  it.each(TABLE)('%s → %s', (outcome, disposition, reached, countsAsAttempt, memberUpdate, done, hasValidNumber, doNotCall) => {
    expect(outcomeEffect(outcome)).toEqual({ disposition, reached, countsAsAttempt, memberUpdate });
    const callBackAt = outcome === 'CALL_BACK' ? at('2026-01-16T10:00:00Z') : undefined;
    const r = applyCallOutcome(S, STATE, { outcome, callBackAt }, NOW);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.effect).toEqual({ disposition, reached, countsAsAttempt, memberUpdate });
    expect(r.value.state).toEqual({
      doNotCall, hasValidNumber, done,
      attempts: countsAsAttempt ? 2 : 1,
      lastAttemptAt: NOW,
      callBackAt: callBackAt ?? null,
    });
  });

  it('ANSWERED with the key question answered is done and not an attempt', () => {
    expect(outcomeEffect('ANSWERED', true)).toEqual({ disposition: 'DONE', reached: true, countsAsAttempt: false, memberUpdate: 'NONE' });
    const r = applyCallOutcome(S, STATE, { outcome: 'ANSWERED', keyQuestionAnswered: true }, NOW);
    expect(r.ok && r.value.state).toEqual({ ...STATE, done: true, lastAttemptAt: NOW });
  });

  it('any outcome clears an earlier call-back', () => {
    const waiting = { ...STATE, callBackAt: NOW };
    for (const outcome of CALL_OUTCOMES.filter((o) => o !== 'CALL_BACK')) {
      const r = applyCallOutcome(S, waiting, { outcome }, NOW);
      expect(r.ok && r.value.state.callBackAt).toBeNull();
    }
  });

  it('a done contact stays done', () => {
    const r = applyCallOutcome(S, { ...STATE, done: true }, { outcome: 'NO_ANSWER' }, NOW);
    expect(r.ok && r.value.state.done).toBe(true);
  });
});

describe('input errors', () => {
  it('CALL_BACK needs a time; other outcomes refuse one', () => {
    expect(applyCallOutcome(S, STATE, { outcome: 'CALL_BACK' }, NOW)).toEqual({
      ok: false, error: { code: 'CALL_BACK_TIME_MISSING', message: 'Choose when to call back.' },
    });
    expect(applyCallOutcome(S, STATE, { outcome: 'CALL_BACK', callBackAt: null }, NOW).ok).toBe(false);
    const r = applyCallOutcome(S, STATE, { outcome: 'BUSY', callBackAt: at('2026-01-16T10:00:00Z') }, NOW);
    expect(!r.ok && r.error.code).toBe('CALL_BACK_TIME_UNEXPECTED');
  });

  it('the key question goes only with ANSWERED', () => {
    const r = applyCallOutcome(S, STATE, { outcome: 'REFUSED', keyQuestionAnswered: true }, NOW);
    expect(!r.ok && r.error).toEqual({ code: 'KEY_ANSWER_UNEXPECTED', message: 'The key question can only be answered on an answered call.' });
  });
});

describe('call-back times', () => {
  const code = (callBackAt: Date, now = NOW, s = S) => {
    const r = validateCallBackTime(s, callBackAt, now);
    return r.ok ? 'OK' : r.error.code;
  };

  it('must be in the future', () => {
    expect(code(NOW)).toBe('CALL_BACK_NOT_IN_FUTURE');
    expect(code(at('2026-01-15T11:00:00Z'))).toBe('CALL_BACK_NOT_IN_FUTURE');
    expect(code(at('2026-01-15T12:00:00.001Z'))).toBe('OK');
  });

  it('must be within maxCallBackDays (14 by default)', () => {
    expect(code(at('2026-01-29T12:00:00Z'))).toBe('OK');
    expect(code(at('2026-01-29T12:00:00.001Z'))).toBe('CALL_BACK_TOO_FAR');
    const r = validateCallBackTime(settings({ maxCallBackDays: 2 }), at('2026-01-18T10:00:00Z'), NOW);
    expect(!r.ok && r.error.message).toBe('The call-back must be within 2 days.');
  });

  it('at the window edges: 09:00 and 20:59 are in, 08:59 and 21:00 are out', () => {
    expect(code(at('2026-01-16T09:00:00Z'))).toBe('OK');
    expect(code(at('2026-01-16T20:59:59Z'))).toBe('OK');
    expect(code(at('2026-01-16T08:59:59Z'))).toBe('CALL_BACK_OUTSIDE_CALLING_HOURS');
    expect(code(at('2026-01-16T21:00:00Z'))).toBe('CALL_BACK_OUTSIDE_CALLING_HOURS');
    const r = validateCallBackTime(S, at('2026-01-16T21:00:00Z'), NOW);
    expect(!r.ok && r.error.message).toBe('The call-back must be within calling hours (09:00–21:00 Europe/London).');
  });

  it('at the window edges across the clock changes (local 09:00 and 21:00 on the Sundays)', () => {
    const march = at('2026-03-27T12:00:00Z');
    expect(code(at('2026-03-29T08:00:00Z'), march)).toBe('OK'); // 09:00 BST
    expect(code(at('2026-03-29T07:59:59Z'), march)).toBe('CALL_BACK_OUTSIDE_CALLING_HOURS'); // 08:59 BST
    expect(code(at('2026-03-29T19:59:59Z'), march)).toBe('OK'); // 20:59 BST
    expect(code(at('2026-03-29T20:00:00Z'), march)).toBe('CALL_BACK_OUTSIDE_CALLING_HOURS'); // 21:00 BST
    const october = at('2026-10-23T12:00:00Z');
    expect(code(at('2026-10-25T08:59:59Z'), october)).toBe('CALL_BACK_OUTSIDE_CALLING_HOURS'); // 08:59 GMT
    expect(code(at('2026-10-25T09:00:00Z'), october)).toBe('OK'); // 09:00 GMT
    expect(code(at('2026-10-25T20:59:59Z'), october)).toBe('OK');
    expect(code(at('2026-10-25T21:00:00Z'), october)).toBe('CALL_BACK_OUTSIDE_CALLING_HOURS');
  });

  it('in another zone: 09:00–21:00 America/New_York', () => {
    const ny = settings({ callingHours: { timeZone: 'America/New_York' } });
    expect(code(at('2026-01-16T14:00:00Z'), NOW, ny)).toBe('OK'); // 09:00 EST
    expect(code(at('2026-01-16T10:00:00Z'), NOW, ny)).toBe('CALL_BACK_OUTSIDE_CALLING_HOURS'); // 05:00 EST
    expect(code(at('2026-01-17T01:59:00Z'), NOW, ny)).toBe('OK'); // 20:59 EST on the 16th
  });

  it('applyCallOutcome reports the same errors', () => {
    const r = applyCallOutcome(S, STATE, { outcome: 'CALL_BACK', callBackAt: at('2026-01-15T22:00:00Z') }, NOW);
    expect(!r.ok && r.error.code).toBe('CALL_BACK_OUTSIDE_CALLING_HOURS');
  });
});
