import { NEW_CONTACT_STATE, applyCallOutcome, type ContactCallState } from './call-outcome.js';
import { SKIP_REASONS, compareQueueCandidates, contactEligibility, coolDownEndsAt, effectivePriority, type QueueCandidate } from './eligibility.js';
import { validatePhoneBankSettings, type PhoneBankSettings } from './settings.js';

const at = (iso: string) => new Date(iso);
const NOW = at('2026-01-15T12:00:00Z');

function settings(input = {}): PhoneBankSettings {
  const r = validatePhoneBankSettings(input);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}
const S = settings({ coolDownMinutes: 60, maxAttempts: 3 });
const state = (over: Partial<ContactCallState> = {}): ContactCallState => ({ ...NEW_CONTACT_STATE, ...over });

describe('contactEligibility: each reason', () => {
  it('a new contact inside calling hours is eligible', () => {
    expect(contactEligibility(S, state(), NOW)).toEqual({ eligible: true, callBackDue: false });
  });

  it.each([
    ['DO_NOT_CALL', { doNotCall: true }],
    ['NO_VALID_NUMBER', { hasValidNumber: false }],
    ['DONE', { done: true }],
    ['MAX_ATTEMPTS', { attempts: 3, lastAttemptAt: at('2026-01-14T12:00:00Z') }],
  ])('%s is permanent (no retry time)', (reason, over) => {
    expect(contactEligibility(S, state(over), NOW)).toEqual({ eligible: false, reason, retryAt: null });
  });

  it('permanent reasons win over everything, in order', () => {
    const all = { doNotCall: true, hasValidNumber: false, done: true, attempts: 9, callBackAt: at('2026-01-16T10:00:00Z') };
    expect(contactEligibility(S, state(all), NOW)).toMatchObject({ reason: 'DO_NOT_CALL' });
    expect(contactEligibility(S, state({ ...all, doNotCall: false }), NOW)).toMatchObject({ reason: 'NO_VALID_NUMBER' });
    expect(contactEligibility(S, state({ ...all, doNotCall: false, hasValidNumber: true }), NOW)).toMatchObject({ reason: 'DONE' });
    expect(SKIP_REASONS).toHaveLength(7);
  });

  it('IN_COOL_DOWN until the last attempt + the cool-down, then eligible', () => {
    const s = state({ attempts: 1, lastAttemptAt: at('2026-01-15T11:30:00Z') });
    expect(coolDownEndsAt(S, s)?.toISOString()).toBe('2026-01-15T12:30:00.000Z');
    expect(coolDownEndsAt(S, state())).toBeNull();
    expect(contactEligibility(S, s, NOW)).toEqual({
      eligible: false, reason: 'IN_COOL_DOWN', until: at('2026-01-15T12:30:00Z'), retryAt: at('2026-01-15T12:30:00Z'),
    });
    expect(contactEligibility(S, s, at('2026-01-15T12:29:59.999Z'))).toMatchObject({ reason: 'IN_COOL_DOWN' });
    expect(contactEligibility(S, s, at('2026-01-15T12:30:00Z'))).toEqual({ eligible: true, callBackDue: false });
  });

  it('a cool-down ending after hours retries when the next window opens', () => {
    const s = state({ attempts: 1, lastAttemptAt: at('2026-01-15T20:30:00Z') });
    expect(contactEligibility(S, s, at('2026-01-15T20:45:00Z'))).toEqual({
      eligible: false, reason: 'IN_COOL_DOWN', until: at('2026-01-15T21:30:00Z'), retryAt: at('2026-01-16T09:00:00Z'),
    });
  });

  it('a zero cool-down never blocks', () => {
    const s = state({ attempts: 1, lastAttemptAt: NOW });
    expect(contactEligibility(settings({ coolDownMinutes: 0 }), s, NOW)).toEqual({ eligible: true, callBackDue: false });
  });

  it('CALL_BACK_LATER until the call-back time; when due it beats the cool-down and max attempts', () => {
    const callBackAt = at('2026-01-15T15:00:00Z');
    const s = state({ attempts: 3, lastAttemptAt: at('2026-01-15T14:59:00Z'), callBackAt });
    expect(contactEligibility(S, s, NOW)).toEqual({ eligible: false, reason: 'CALL_BACK_LATER', until: callBackAt, retryAt: callBackAt });
    expect(contactEligibility(S, s, at('2026-01-15T14:59:59.999Z'))).toMatchObject({ reason: 'CALL_BACK_LATER' });
    expect(contactEligibility(S, s, callBackAt)).toEqual({ eligible: true, callBackDue: true });
    expect(contactEligibility(S, s, at('2026-01-16T10:00:00Z'))).toEqual({ eligible: true, callBackDue: true });
  });

  it('a call-back at the window edge: 20:59 is callable, and a due call-back after 21:00 waits for 09:00', () => {
    const s = state({ callBackAt: at('2026-01-15T20:59:00Z') });
    expect(contactEligibility(S, s, at('2026-01-15T20:59:00Z'))).toEqual({ eligible: true, callBackDue: true });
    expect(contactEligibility(S, s, at('2026-01-15T21:00:00Z'))).toEqual({
      eligible: false, reason: 'OUTSIDE_CALLING_HOURS', until: at('2026-01-16T09:00:00Z'), retryAt: at('2026-01-16T09:00:00Z'),
    });
  });

  it('a call-back booked outside the hours (hours changed since) retries at the next window', () => {
    const s = state({ callBackAt: at('2026-01-15T22:00:00Z') });
    expect(contactEligibility(S, s, NOW)).toEqual({
      eligible: false, reason: 'CALL_BACK_LATER', until: at('2026-01-15T22:00:00Z'), retryAt: at('2026-01-16T09:00:00Z'),
    });
  });

  it('OUTSIDE_CALLING_HOURS until the next window, across both clock changes in London', () => {
    expect(contactEligibility(S, state(), at('2026-01-15T08:59:59Z'))).toEqual({
      eligible: false, reason: 'OUTSIDE_CALLING_HOURS', until: at('2026-01-15T09:00:00Z'), retryAt: at('2026-01-15T09:00:00Z'),
    });
    // Sunday 29 March 2026: 08:30Z is 09:30 BST (callable); 20:30Z is 21:30 BST (not).
    expect(contactEligibility(S, state(), at('2026-03-29T08:30:00Z'))).toEqual({ eligible: true, callBackDue: false });
    expect(contactEligibility(S, state(), at('2026-03-29T20:30:00Z'))).toMatchObject({ reason: 'OUTSIDE_CALLING_HOURS', until: at('2026-03-30T08:00:00Z') });
    // Sunday 25 October 2026: 08:30Z is 08:30 GMT (not yet); 20:30Z is 20:30 GMT (callable).
    expect(contactEligibility(S, state(), at('2026-10-25T08:30:00Z'))).toMatchObject({ reason: 'OUTSIDE_CALLING_HOURS', until: at('2026-10-25T09:00:00Z') });
    expect(contactEligibility(S, state(), at('2026-10-25T20:30:00Z'))).toEqual({ eligible: true, callBackDue: false });
  });

  it('in another zone (09:00–21:00 America/New_York)', () => {
    const ny = settings({ callingHours: { timeZone: 'America/New_York' } });
    expect(contactEligibility(ny, state(), NOW)).toMatchObject({ reason: 'OUTSIDE_CALLING_HOURS', until: at('2026-01-15T14:00:00Z') }); // 07:00 EST
    expect(contactEligibility(ny, state(), at('2026-01-15T14:00:00Z'))).toEqual({ eligible: true, callBackDue: false });
  });

  it('cool-down applies before calling hours (the reason shown is the cool-down)', () => {
    const s = state({ attempts: 1, lastAttemptAt: at('2026-01-15T21:30:00Z') });
    expect(contactEligibility(S, s, at('2026-01-15T22:00:00Z'))).toMatchObject({ reason: 'IN_COOL_DOWN', retryAt: at('2026-01-16T09:00:00Z') });
  });
});

describe('outcomes then eligibility: a contact through a phone bank', () => {
  it('no answer ×3 reaches MAX_ATTEMPTS; a call-back in between is kept', () => {
    let s = state();
    let t = at('2026-01-15T10:00:00Z');
    for (let i = 0; i < 3; i++) {
      expect(contactEligibility(S, s, t)).toMatchObject({ eligible: true });
      const r = applyCallOutcome(S, s, { outcome: 'NO_ANSWER' }, t);
      if (!r.ok) throw new Error(r.error.message);
      s = r.value.state;
      expect(contactEligibility(S, s, t)).toMatchObject({ reason: i < 2 ? 'IN_COOL_DOWN' : 'MAX_ATTEMPTS' });
      t = new Date(t.getTime() + 61 * 60_000);
    }
    const cb = applyCallOutcome(S, { ...s, attempts: 2 }, { outcome: 'CALL_BACK', callBackAt: at('2026-01-16T10:00:00Z') }, t);
    expect(cb.ok && contactEligibility(S, cb.value.state, at('2026-01-16T10:00:00Z'))).toEqual({ eligible: true, callBackDue: true });
  });

  it('wrong number → NO_VALID_NUMBER; deceased → DO_NOT_CALL; refused and moved → DONE', () => {
    const expect_ = (outcome: 'WRONG_NUMBER' | 'DECEASED' | 'REFUSED' | 'MOVED', reason: string) => {
      const r = applyCallOutcome(S, state(), { outcome }, NOW);
      expect(r.ok && contactEligibility(S, r.value.state, at('2026-01-20T12:00:00Z'))).toMatchObject({ eligible: false, reason });
    };
    expect_('WRONG_NUMBER', 'NO_VALID_NUMBER');
    expect_('DECEASED', 'DO_NOT_CALL');
    expect_('REFUSED', 'DONE');
    expect_('MOVED', 'DONE');
  });
});

describe('queue order', () => {
  const c = (over: Partial<QueueCandidate>): QueueCandidate => ({ priority: 0, callBackAt: null, attempts: 0, lastAttemptAt: null, position: 0, ...over });

  it('priority, then due call-backs (earliest first), then fewer attempts, then longest since last attempt, then position', () => {
    const list = {
      high: c({ priority: 5, attempts: 2, position: 9 }),
      callBackEarly: c({ callBackAt: at('2026-01-15T10:00:00Z'), attempts: 2 }),
      callBackLate: c({ callBackAt: at('2026-01-15T11:00:00Z'), attempts: 0 }),
      fresh2: c({ position: 2 }),
      fresh1: c({ position: 1 }),
      triedLongAgo: c({ attempts: 1, lastAttemptAt: at('2026-01-14T10:00:00Z') }),
      triedRecently: c({ attempts: 1, lastAttemptAt: at('2026-01-15T10:00:00Z') }),
      low: c({ priority: -1 }),
    };
    const shuffled = [list.low, list.triedRecently, list.fresh2, list.callBackLate, list.high, list.triedLongAgo, list.fresh1, list.callBackEarly];
    expect([...shuffled].sort(compareQueueCandidates)).toEqual([
      list.high, list.callBackEarly, list.callBackLate, list.fresh1, list.fresh2, list.triedLongAgo, list.triedRecently, list.low,
    ]);
    expect(compareQueueCandidates(list.fresh1, list.fresh1)).toBe(0);
  });

  it("a caller's own priority wins over the list's", () => {
    expect(effectivePriority(1, 7)).toBe(7);
    expect(effectivePriority(1, 0)).toBe(0);
    expect(effectivePriority(1, null)).toBe(1);
    expect(effectivePriority(1, undefined)).toBe(1);
  });
});
