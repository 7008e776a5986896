import {
  INITIAL_STATES,
  RESPONSE_STATES,
  applyReminder,
  applyTransition,
  canTransition,
  transitionErrorMessage,
  type ResponseSnapshot,
  type ResponseState,
} from './action.state.js';

const T0 = new Date('2026-03-01T10:00:00Z');
const T1 = new Date('2026-03-02T10:00:00Z');
const T2 = new Date('2026-03-03T10:00:00Z');
const VOL = '0190a5c1-0000-7000-8000-000000000001';
const STAFF = '0190a5c1-0000-7000-8000-000000000002';

/** The whole table, written out by hand: [from, to, legal]. Every pair of states (and null) appears exactly once. */
const LEGAL: Record<string, ResponseState[]> = {
  null: ['ASKED', 'COMMITTED', 'COMPLETED', 'DECLINED'],
  ASKED: ['COMMITTED', 'COMPLETED', 'DECLINED'],
  COMMITTED: ['REMINDED', 'COMPLETED', 'NO_SHOW', 'CANCELLED'],
  REMINDED: ['COMPLETED', 'NO_SHOW', 'CANCELLED'],
  COMPLETED: [],
  NO_SHOW: ['COMMITTED', 'COMPLETED'],
  CANCELLED: ['COMMITTED', 'COMPLETED'],
  DECLINED: ['ASKED', 'COMMITTED', 'COMPLETED'],
};

function snapshot(state: ResponseState, over: Partial<ResponseSnapshot> = {}): ResponseSnapshot {
  return {
    state, channel: 'CALL', creditedUserId: null, askedAt: T0,
    committedAt: ['COMMITTED', 'REMINDED', 'NO_SHOW', 'CANCELLED'].includes(state) ? T0 : null,
    remindedAt: state === 'REMINDED' ? T0 : null, completedAt: state === 'COMPLETED' ? T0 : null,
    closedAt: ['COMPLETED', 'NO_SHOW', 'CANCELLED', 'DECLINED'].includes(state) ? T0 : null,
    reminderCount: state === 'REMINDED' ? 1 : 0, ...over,
  };
}

describe('canTransition: every pair of states', () => {
  const froms: (ResponseState | null)[] = [null, ...RESPONSE_STATES];
  for (const from of froms) {
    for (const to of RESPONSE_STATES) {
      const legal = LEGAL[String(from)].includes(to);
      it(`${String(from)} → ${to} is ${legal ? 'legal' : 'illegal'}`, () => {
        expect(canTransition(from, to)).toBe(legal);
        const result = applyTransition(from === null ? null : snapshot(from), { to, channel: 'WEB', at: T1 });
        expect(result.ok).toBe(legal);
        if (result.ok) {
          expect(result.value.state).toBe(to);
        } else {
          expect(result.error).toEqual({ code: 'RESPONSE_TRANSITION_INVALID', message: transitionErrorMessage(from, to), from, to });
        }
      });
    }
  }

  it('the table covers 8 × 7 pairs with 21 legal moves', () => {
    const pairs = froms.flatMap((f) => RESPONSE_STATES.map((t) => canTransition(f, t)));
    expect(pairs).toHaveLength(56);
    expect(pairs.filter(Boolean)).toHaveLength(21);
    expect([...INITIAL_STATES].sort()).toEqual([...LEGAL.null].sort());
  });

  it('staying in the same state is never a move', () => {
    for (const s of RESPONSE_STATES) expect(canTransition(s, s)).toBe(false);
  });
});

describe('illegal moves have clear messages', () => {
  it('says what is allowed instead', () => {
    expect(transitionErrorMessage('ASKED', 'NO_SHOW')).toBe('A asked response cannot become no-show: it can become committed, completed, declined.');
    expect(transitionErrorMessage('COMPLETED', 'CANCELLED')).toBe('The response is completed, which is final: it cannot become cancelled.');
    expect(transitionErrorMessage(null, 'REMINDED')).toBe('A new response cannot start as reminded: it starts as asked, committed, completed, declined.');
    expect(transitionErrorMessage('REMINDED', 'REMINDED')).toBe('The response is already reminded.');
  });
});

describe('applyTransition: dates, channel and credit', () => {
  it('a new response is asked at `at`, in the given channel, with no credit for an ask', () => {
    const r = applyTransition(null, { to: 'ASKED', channel: 'CALL', creditedUserId: VOL, at: T0 });
    expect(r).toEqual({ ok: true, value: {
      state: 'ASKED', channel: 'CALL', creditedUserId: null, askedAt: T0, committedAt: null, remindedAt: null,
      completedAt: null, closedAt: null, reminderCount: 0,
    } });
  });

  it('asked → committed → reminded → completed: each date once, the commitment keeps its channel and credit', () => {
    let s = applyTransition(null, { to: 'ASKED', channel: 'CALL', at: T0 });
    if (!s.ok) throw new Error();
    s = applyTransition(s.value, { to: 'COMMITTED', channel: 'SMS', creditedUserId: VOL, at: T1 });
    if (!s.ok) throw new Error();
    expect(s.value).toMatchObject({ state: 'COMMITTED', channel: 'SMS', creditedUserId: VOL, askedAt: T0, committedAt: T1, closedAt: null });
    s = applyTransition(s.value, { to: 'REMINDED', channel: 'SMS', at: T1 });
    if (!s.ok) throw new Error();
    expect(s.value).toMatchObject({ state: 'REMINDED', remindedAt: T1, reminderCount: 1, channel: 'SMS' });
    s = applyTransition(s.value, { to: 'COMPLETED', channel: 'EVENT', creditedUserId: STAFF, at: T2 });
    if (!s.ok) throw new Error();
    expect(s.value).toMatchObject({ state: 'COMPLETED', channel: 'SMS', creditedUserId: VOL, completedAt: T2, closedAt: T2, committedAt: T1 });
  });

  it('a completion after an uncredited commitment takes the credit given with it', () => {
    const r = applyTransition(snapshot('COMMITTED', { channel: 'WEB' }), { to: 'COMPLETED', channel: 'EVENT', creditedUserId: STAFF, at: T1 });
    expect(r.ok && r.value).toMatchObject({ channel: 'WEB', creditedUserId: STAFF });
  });

  it('a completion without a commitment takes its own channel and credit', () => {
    const r = applyTransition(snapshot('ASKED', { channel: 'CALL' }), { to: 'COMPLETED', channel: 'WEB', creditedUserId: VOL, at: T1 });
    expect(r.ok && r.value).toMatchObject({ channel: 'WEB', creditedUserId: VOL, committedAt: null, completedAt: T1 });
    const direct = applyTransition(null, { to: 'COMPLETED', channel: 'WEB', at: T1 });
    expect(direct.ok && direct.value).toMatchObject({ channel: 'WEB', creditedUserId: null, askedAt: T1, completedAt: T1, closedAt: T1 });
  });

  it('a recommitment after a cancellation takes the new channel and credit, and reopens', () => {
    const r = applyTransition(snapshot('CANCELLED', { creditedUserId: VOL }), { to: 'COMMITTED', channel: 'EMAIL', creditedUserId: STAFF, at: T2 });
    expect(r.ok && r.value).toMatchObject({ state: 'COMMITTED', channel: 'EMAIL', creditedUserId: STAFF, committedAt: T2, closedAt: null });
    const keep = applyTransition(snapshot('NO_SHOW', { creditedUserId: VOL }), { to: 'COMMITTED', channel: 'CALL', at: T2 });
    expect(keep.ok && keep.value).toMatchObject({ creditedUserId: VOL });
  });

  it('declined, no-show and cancelled close the response without changing channel or credit', () => {
    for (const [from, to] of [['ASKED', 'DECLINED'], ['COMMITTED', 'NO_SHOW'], ['REMINDED', 'CANCELLED']] as const) {
      const r = applyTransition(snapshot(from, { creditedUserId: VOL }), { to, channel: 'STAFF', creditedUserId: STAFF, at: T2 });
      expect(r.ok && r.value).toMatchObject({ state: to, closedAt: T2, channel: 'CALL', creditedUserId: VOL });
    }
  });

  it('asked again after declining: a new asked_at, reopened', () => {
    const r = applyTransition(snapshot('DECLINED'), { to: 'ASKED', channel: 'SMS', at: T2 });
    expect(r.ok && r.value).toMatchObject({ state: 'ASKED', askedAt: T2, closedAt: null, channel: 'CALL' });
  });
});

describe('applyReminder', () => {
  it('counts a second reminder of a reminded response', () => {
    const r = applyReminder(snapshot('REMINDED'), T2);
    expect(r.ok && r.value).toMatchObject({ state: 'REMINDED', remindedAt: T2, reminderCount: 2 });
  });
  it('reminds a committed response', () => {
    const r = applyReminder(snapshot('COMMITTED'), T2);
    expect(r.ok && r.value).toMatchObject({ state: 'REMINDED', reminderCount: 1 });
  });
  it('refuses every other state', () => {
    for (const s of ['ASKED', 'COMPLETED', 'NO_SHOW', 'CANCELLED', 'DECLINED'] as const) {
      const r = applyReminder(snapshot(s), T2);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatchObject({ code: 'RESPONSE_TRANSITION_INVALID', from: s, to: 'REMINDED' });
    }
  });
});
