import { suppressTotals } from './donation.service';

const row = (count: number, total: number, extra: Partial<{ refunded: number; giftAid: number; recurring: number }> = {}) => ({
  count, total_pence: String(total), refunded_pence: String(extra.refunded ?? 0), gift_aid_pence: String(extra.giftAid ?? 0), recurring_count: extra.recurring ?? 0,
});

describe('suppressTotals', () => {
  it('threshold 0 (agency roles): everything shown', () => {
    const out = suppressTotals(row(3, 3000, { refunded: 500, giftAid: 100, recurring: 1 }), [{ month: '2026-10', ...row(3, 3000) }], 0);
    expect(out).toEqual({ count: 3, totalPence: 3000, refundedPence: 500, netPence: 2500, giftAidPence: 100, recurringCount: 1,
      byMonth: [{ month: '2026-10', count: 3, totalPence: 3000 }], suppressed: false });
  });

  it('fewer donations than the threshold: every figure null', () => {
    const out = suppressTotals(row(4, 4000, { recurring: 2 }), [{ month: '2026-10', ...row(4, 4000) }], 5);
    expect(out).toEqual({ count: null, totalPence: null, refundedPence: null, netPence: null, giftAidPence: null, recurringCount: null,
      byMonth: [{ month: '2026-10', count: null, totalPence: null }], suppressed: true });
  });

  it('a small month is hidden, and so is the smallest other month (else total − shown months gives it away)', () => {
    const months = [{ month: '2026-08', ...row(2, 200) }, { month: '2026-09', ...row(10, 1000) }, { month: '2026-10', ...row(20, 2000) }];
    const out = suppressTotals(row(32, 3200, { recurring: 0 }), months, 5);
    expect(out.count).toBe(32);
    expect(out.recurringCount).toBe(0);
    expect(out.byMonth).toEqual([
      { month: '2026-08', count: null, totalPence: null },
      { month: '2026-09', count: null, totalPence: null },
      { month: '2026-10', count: 20, totalPence: 2000 },
    ]);
    expect(out.suppressed).toBe(true);
  });

  it('zero recurring payments is not a small number (nothing to hide)', () => {
    expect(suppressTotals(row(10, 1000), [{ month: '2026-10', ...row(10, 1000) }], 5)).toMatchObject({ recurringCount: 0, suppressed: false });
  });
});
