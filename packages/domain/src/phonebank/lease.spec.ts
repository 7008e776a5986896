import { extendLease, heartbeatIntervalSeconds, leaseExpired, newLease } from './lease.js';
import { validatePhoneBankSettings, type PhoneBankSettings } from './settings.js';

const at = (iso: string) => new Date(iso);
const T0 = at('2026-01-15T12:00:00Z');
const plus = (ms: number, from = T0) => new Date(from.getTime() + ms);

function settings(input = {}): PhoneBankSettings {
  const r = validatePhoneBankSettings(input);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}
const S = settings({ leaseSeconds: 120, maxHoldMinutes: 10 });

describe('leases', () => {
  it('a new lease runs for the lease length', () => {
    expect(newLease(S, T0)).toEqual({ claimedAt: T0, expiresAt: at('2026-01-15T12:02:00Z') });
  });

  it('a lease never starts longer than the longest hold', () => {
    const s = settings({ leaseSeconds: 300, maxHoldMinutes: 5 });
    expect(newLease(s, T0).expiresAt).toEqual(at('2026-01-15T12:05:00Z'));
  });

  it('expires at expiresAt exactly', () => {
    const lease = newLease(S, T0);
    expect(leaseExpired(lease, T0)).toBe(false);
    expect(leaseExpired(lease, plus(119_999))).toBe(false);
    expect(leaseExpired(lease, plus(120_000))).toBe(true);
    expect(leaseExpired(lease, plus(3_600_000))).toBe(true);
  });

  it('a heartbeat extends to now + the lease length', () => {
    const r = extendLease(S, newLease(S, T0), plus(40_000));
    expect(r).toEqual({ ok: true, value: { claimedAt: T0, expiresAt: plus(160_000) } });
  });

  it('a heartbeat never shortens the lease (a late-arriving older heartbeat)', () => {
    const lease = { claimedAt: T0, expiresAt: plus(200_000) };
    expect(extendLease(S, lease, plus(10_000))).toEqual({ ok: true, value: lease });
  });

  it('heartbeats stop extending at the longest hold, and the lease then expires', () => {
    let lease = newLease(S, T0);
    for (let s = 40; s < 600; s += 40) {
      const r = extendLease(S, lease, plus(s * 1000));
      if (!r.ok) throw new Error(r.error.message);
      lease = r.value;
    }
    expect(lease.expiresAt).toEqual(at('2026-01-15T12:10:00Z'));
    expect(leaseExpired(lease, at('2026-01-15T12:10:00Z'))).toBe(true);
    expect(extendLease(S, lease, at('2026-01-15T12:10:00Z')).ok).toBe(false);
  });

  it('an expired lease cannot be extended', () => {
    expect(extendLease(S, newLease(S, T0), plus(120_000))).toEqual({
      ok: false, error: { code: 'LEASE_EXPIRED', message: 'This call is no longer held for you: take the next call.' },
    });
  });

  it('heartbeats every third of the lease', () => {
    expect(heartbeatIntervalSeconds(S)).toBe(40);
    expect(heartbeatIntervalSeconds(settings({ leaseSeconds: 31 }))).toBe(10);
  });
});
