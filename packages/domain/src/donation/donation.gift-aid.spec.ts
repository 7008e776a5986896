import { declarationCovers, giftAidOnNet, giftAidPence, londonDay, type GiftAidDeclarationFacts, type GiftAidDonationFacts } from './donation.gift-aid.js';

const declared = new Date('2026-06-01T12:00:00Z');
const future: GiftAidDeclarationFacts = { declaredAt: declared, coversPast: false, coversFuture: true, revokedAt: null };
const both: GiftAidDeclarationFacts = { ...future, coversPast: true };
const paid: GiftAidDonationFacts = {
  amountPence: 1000, refundedPence: 0, currency: 'GBP', status: 'SUCCEEDED', giftAid: true, at: new Date('2026-07-01T00:00:00Z'),
};

describe('giftAidOnNet', () => {
  it('is 25% rounded down to the penny', () => {
    expect(giftAidOnNet(1000)).toBe(250);
    expect(giftAidOnNet(1001)).toBe(250);
    expect(giftAidOnNet(1003)).toBe(250);
    expect(giftAidOnNet(1004)).toBe(251);
    expect(giftAidOnNet(3)).toBe(0);
    expect(giftAidOnNet(0)).toBe(0);
    expect(giftAidOnNet(-100)).toBe(0);
  });
});

describe('declarationCovers', () => {
  it('covers gifts from the declaration\'s day on when it covers future gifts (by London calendar day)', () => {
    expect(declarationCovers(future, declared)).toBe(true);
    // Earlier the same day (a provider's whole-second timestamp before the declaration's): still covered.
    expect(declarationCovers(future, new Date('2026-06-01T08:00:00Z'))).toBe(true);
    expect(declarationCovers(future, new Date('2030-01-01T00:00:00Z'))).toBe(true);
    expect(declarationCovers(future, new Date('2026-05-31T22:59:59Z'))).toBe(false);
    // 23:30 UTC on 31 May is 00:30 on 1 June in London (BST).
    expect(declarationCovers(future, new Date('2026-05-31T23:30:00Z'))).toBe(true);
  });
  it('covers past gifts back four years only when it says so', () => {
    expect(declarationCovers(both, new Date('2023-01-01T00:00:00Z'))).toBe(true);
    expect(declarationCovers(both, new Date('2022-06-01T11:59:59Z'))).toBe(true);
    expect(declarationCovers(both, new Date('2022-05-31T12:00:00Z'))).toBe(false);
    expect(declarationCovers({ ...both, coversFuture: false }, new Date('2026-07-01T00:00:00Z'))).toBe(false);
  });
  it('stops covering from the day of revocation (a gift the day before is still covered)', () => {
    const revoked = { ...future, revokedAt: new Date('2026-08-01T09:00:00Z') };
    expect(declarationCovers(revoked, new Date('2026-07-31T20:00:00Z'))).toBe(true);
    expect(declarationCovers(revoked, new Date('2026-08-01T08:00:00Z'))).toBe(false);
  });
  it('londonDay follows British Summer Time', () => {
    expect(londonDay(new Date('2026-01-15T23:30:00Z'))).toBe('2026-01-15');
    expect(londonDay(new Date('2026-07-15T23:30:00Z'))).toBe('2026-07-16');
  });
});

describe('giftAidPence', () => {
  it('is 25% of the net amount of a paid, ticked, covered GBP gift', () => {
    expect(giftAidPence(paid, future)).toBe(250);
    expect(giftAidPence({ ...paid, status: 'PARTIALLY_REFUNDED', refundedPence: 400 }, future)).toBe(150);
  });
  it('is 0 without a declaration, when not ticked, not GBP, or not covered', () => {
    expect(giftAidPence(paid, null)).toBe(0);
    expect(giftAidPence({ ...paid, giftAid: false }, future)).toBe(0);
    expect(giftAidPence({ ...paid, currency: 'EUR' }, future)).toBe(0);
    expect(giftAidPence({ ...paid, at: new Date('2026-01-01T00:00:00Z') }, future)).toBe(0);
  });
  it.each(['PENDING', 'FAILED', 'REFUNDED'] as const)('is 0 when %s', (status) => {
    expect(giftAidPence({ ...paid, status, refundedPence: status === 'REFUNDED' ? 1000 : 0 }, future)).toBe(0);
  });
});
