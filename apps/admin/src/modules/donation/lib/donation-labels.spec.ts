import { cancellable, dayBoundary, parsePounds, parseRefund, refundable } from './donation-labels';

describe('donation helpers', () => {
  it('refunds only what is left of a succeeded donation', () => {
    expect(refundable({ amountPence: 2500, refundedPence: 0, status: 'SUCCEEDED' })).toBe(2500);
    expect(refundable({ amountPence: 2500, refundedPence: 1000, status: 'PARTIALLY_REFUNDED' })).toBe(1500);
    expect(refundable({ amountPence: 2500, refundedPence: 2500, status: 'REFUNDED' })).toBe(0);
    expect(refundable({ amountPence: 2500, refundedPence: 0, status: 'PENDING' })).toBe(0);
    expect(refundable({ amountPence: 2500, refundedPence: 0, status: 'FAILED' })).toBe(0);
  });

  it('cancels only active plans and those whose checkout is not finished', () => {
    expect(cancellable({ status: 'ACTIVE' })).toBe(true);
    expect(cancellable({ status: 'PENDING' })).toBe(true);
    expect(cancellable({ status: 'CANCELLED' })).toBe(false);
    expect(cancellable({ status: 'FAILED' })).toBe(false);
  });

  it('reads a refund in pounds as exact pence, within what is left', () => {
    expect(parseRefund('12.50', 2500)).toEqual({ pence: 1250 });
    expect(parseRefund('£25', 2500)).toEqual({ pence: 2500 });
    expect(parseRefund('0.29', 2500)).toEqual({ pence: 29 });
    expect(parseRefund('25.01', 2500)).toEqual({ problem: 'At most 25.00 can be refunded.' });
    expect(parseRefund('0', 2500)).toEqual({ problem: 'The amount must be more than £0.' });
    expect(parseRefund('ten', 2500)).toHaveProperty('problem');
    expect(parseRefund('1.234', 2500)).toHaveProperty('problem');
  });

  it('reads a gift in pounds as exact pence', () => {
    expect(parsePounds('19.99')).toEqual({ pence: 1999 });
    expect(parsePounds(' £1234567.8 ')).toEqual({ pence: 123456780 });
    expect(parsePounds('12,50')).toHaveProperty('problem');
    expect(parsePounds('')).toHaveProperty('problem');
  });

  it('turns a filter date into the start or end of that day', () => {
    const start = new Date(dayBoundary('2026-03-01', false)!);
    const end = new Date(dayBoundary('2026-03-01', true)!);
    expect(end.getTime() - start.getTime()).toBe(24 * 3600 * 1000 - 1);
    expect(start.getDate()).toBe(1);
    expect(dayBoundary('nope', false)).toBeUndefined();
  });
});
