import { applyPaymentFact, checkRefundRequest, isPaid, statusRank, type DonationPaymentState, type PaymentFact } from './donation.status.js';

const t = (m: number) => new Date(Date.UTC(2026, 10, 26, 12, m));
const pending: DonationPaymentState = {
  status: 'PENDING', amountPence: 1000, refundedPence: 0, succeededAt: null, failureCode: null, failureMessage: null, providerUpdatedAt: null,
};

function apply(state: DonationPaymentState, fact: PaymentFact) {
  const result = applyPaymentFact(state, fact);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function fold(facts: PaymentFact[], from = pending): DonationPaymentState {
  return facts.reduce((s, f) => apply(s, f).state, from);
}

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

const outcome = (s: DonationPaymentState) => ({
  status: s.status, refundedPence: s.refundedPence, succeededAt: s.succeededAt, failureCode: s.failureCode, failureMessage: s.failureMessage,
});

describe('applyPaymentFact', () => {
  it('PENDING → SUCCEEDED, once (becamePaid the first time only)', () => {
    const first = apply(pending, { kind: 'SUCCEEDED', at: t(1) });
    expect(first).toMatchObject({ changed: true, becamePaid: true, state: { status: 'SUCCEEDED', succeededAt: t(1) } });
    const again = apply(first.state, { kind: 'SUCCEEDED', at: t(1) });
    expect(again).toMatchObject({ changed: false, becamePaid: false, ignoredBecause: 'already SUCCEEDED' });
    expect(again.state).toBe(first.state);
  });

  it('PENDING → FAILED records the reason; a later attempt may still succeed and clears it', () => {
    const failed = apply(pending, { kind: 'FAILED', at: t(1), code: 'card_declined', message: 'Your card was declined.' });
    expect(failed.state).toMatchObject({ status: 'FAILED', failureCode: 'card_declined' });
    const ok = apply(failed.state, { kind: 'SUCCEEDED', at: t(2) });
    expect(ok).toMatchObject({ becamePaid: true, state: { status: 'SUCCEEDED', failureCode: null, failureMessage: null } });
  });

  it('a failure after a success changes nothing', () => {
    const paid = fold([{ kind: 'SUCCEEDED', at: t(2) }]);
    expect(apply(paid, { kind: 'FAILED', at: t(1), code: 'x', message: 'y' })).toMatchObject({ changed: false, state: paid });
    expect(apply(paid, { kind: 'FAILED', at: t(5), code: 'x', message: 'y' })).toMatchObject({ changed: false, state: paid });
  });

  it('FAILED → FAILED: a newer failure replaces the reason, an older or identical one does not', () => {
    const failed = fold([{ kind: 'FAILED', at: t(2), code: 'card_declined', message: 'declined' }]);
    expect(apply(failed, { kind: 'FAILED', at: t(1), code: 'expired_card', message: 'old' }).changed).toBe(false);
    expect(apply(failed, { kind: 'FAILED', at: t(2), code: 'card_declined', message: 'declined' }).changed).toBe(false);
    expect(apply(failed, { kind: 'FAILED', at: t(3), code: 'processing_error', message: 'later' }).state.failureCode).toBe('processing_error');
  });

  it('refund totals are cumulative: partial, then full; a smaller or repeated total is ignored', () => {
    const paid = fold([{ kind: 'SUCCEEDED', at: t(1) }]);
    const partial = apply(paid, { kind: 'REFUNDED', at: t(2), refundedPence: 300 });
    expect(partial.state).toMatchObject({ status: 'PARTIALLY_REFUNDED', refundedPence: 300 });
    expect(apply(partial.state, { kind: 'REFUNDED', at: t(2), refundedPence: 300 }).changed).toBe(false);
    const full = apply(partial.state, { kind: 'REFUNDED', at: t(3), refundedPence: 1000 });
    expect(full.state).toMatchObject({ status: 'REFUNDED', refundedPence: 1000 });
    const late = apply(full.state, { kind: 'REFUNDED', at: t(4), refundedPence: 300 });
    expect(late).toMatchObject({ changed: false, state: { status: 'REFUNDED', refundedPence: 1000 } });
  });

  it('a success arriving after the refund does not un-refund', () => {
    const refunded = fold([{ kind: 'SUCCEEDED', at: t(1) }, { kind: 'REFUNDED', at: t(2), refundedPence: 1000 }]);
    const replay = apply(refunded, { kind: 'SUCCEEDED', at: t(1) });
    expect(replay.changed).toBe(false);
    expect(replay.state.status).toBe('REFUNDED');
  });

  it('a refund seen before the success marks the donation paid (becamePaid) and refunded', () => {
    const r = apply(pending, { kind: 'REFUNDED', at: t(3), refundedPence: 1000 });
    expect(r).toMatchObject({ changed: true, becamePaid: true, state: { status: 'REFUNDED', succeededAt: t(3) } });
    // The success arriving later only corrects the success time.
    const s = apply(r.state, { kind: 'SUCCEEDED', at: t(1) });
    expect(s).toMatchObject({ becamePaid: false, state: { status: 'REFUNDED', succeededAt: t(1), refundedPence: 1000 } });
  });

  it('refuses a refund total above the amount or not a whole number', () => {
    expect(applyPaymentFact(pending, { kind: 'REFUNDED', at: t(1), refundedPence: 1001 })).toMatchObject({ ok: false, error: { code: 'REFUND_EXCEEDS_AMOUNT' } });
    expect(applyPaymentFact(pending, { kind: 'REFUNDED', at: t(1), refundedPence: 1.5 })).toMatchObject({ ok: false, error: { code: 'REFUND_INVALID' } });
    expect(applyPaymentFact(pending, { kind: 'REFUNDED', at: t(1), refundedPence: -1 })).toMatchObject({ ok: false, error: { code: 'REFUND_INVALID' } });
  });

  it('never moves backwards: any sequence only raises the rank', () => {
    const facts: PaymentFact[] = [
      { kind: 'FAILED', at: t(1), code: 'card_declined', message: 'declined' },
      { kind: 'SUCCEEDED', at: t(2) },
      { kind: 'REFUNDED', at: t(3), refundedPence: 400 },
      { kind: 'REFUNDED', at: t(4), refundedPence: 1000 },
    ];
    for (const order of permutations(facts)) {
      let state = pending;
      for (const fact of [...order, ...order]) {
        const next = apply(state, fact).state;
        expect(statusRank(next.status)).toBeGreaterThanOrEqual(statusRank(state.status));
        expect(next.refundedPence).toBeGreaterThanOrEqual(state.refundedPence);
        state = next;
      }
    }
  });

  it('every order of the same facts (each delivered twice) ends in the same state', () => {
    const scenarios: PaymentFact[][] = [
      [{ kind: 'FAILED', at: t(1), code: 'card_declined', message: 'declined' }, { kind: 'SUCCEEDED', at: t(2) }, { kind: 'REFUNDED', at: t(3), refundedPence: 400 }, { kind: 'REFUNDED', at: t(4), refundedPence: 1000 }],
      [{ kind: 'SUCCEEDED', at: t(2) }, { kind: 'REFUNDED', at: t(3), refundedPence: 250 }],
      [{ kind: 'FAILED', at: t(1), code: 'card_declined', message: 'declined' }, { kind: 'FAILED', at: t(2), code: 'processing_error', message: 'later' }],
    ];
    for (const facts of scenarios) {
      const expected = outcome(fold(facts));
      for (const order of permutations(facts)) {
        expect(outcome(fold([...order, ...order]))).toEqual(expected);
      }
    }
  });
});

describe('isPaid / statusRank', () => {
  it('paid means the money arrived at some point', () => {
    expect(['PENDING', 'FAILED', 'SUCCEEDED', 'PARTIALLY_REFUNDED', 'REFUNDED'].map((s) => isPaid(s as never))).toEqual([false, false, true, true, true]);
    expect(statusRank('PENDING')).toBeLessThan(statusRank('FAILED'));
    expect(statusRank('SUCCEEDED')).toBeLessThan(statusRank('PARTIALLY_REFUNDED'));
  });
});

describe('checkRefundRequest', () => {
  const paid = { status: 'SUCCEEDED' as const, amountPence: 1000, refundedPence: 0 };
  it('returns the new cumulative total', () => {
    expect(checkRefundRequest(paid, 300, 'donor asked')).toEqual({ ok: true, value: 300 });
    expect(checkRefundRequest({ ...paid, status: 'PARTIALLY_REFUNDED', refundedPence: 300 }, 700, 'rest')).toEqual({ ok: true, value: 1000 });
  });
  it('refuses unpaid, fully refunded, too large, and reasonless refunds', () => {
    expect(checkRefundRequest({ ...paid, status: 'PENDING' }, 100, 'x')).toMatchObject({ error: { code: 'REFUND_NOT_PAID' } });
    expect(checkRefundRequest({ ...paid, status: 'FAILED' }, 100, 'x')).toMatchObject({ error: { code: 'REFUND_NOT_PAID' } });
    expect(checkRefundRequest({ ...paid, status: 'REFUNDED', refundedPence: 1000 }, 1, 'x')).toMatchObject({ error: { code: 'REFUND_ALREADY_FULL' } });
    expect(checkRefundRequest({ ...paid, refundedPence: 600, status: 'PARTIALLY_REFUNDED' }, 401, 'x')).toMatchObject({ error: { code: 'REFUND_TOO_LARGE' } });
    expect(checkRefundRequest(paid, 100, '  ')).toMatchObject({ error: { code: 'REFUND_REASON_REQUIRED' } });
  });
});
