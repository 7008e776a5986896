/**
 * Phone banks: the lease a caller holds on the contact the queue handed them (issue 7). The queue never hands a
 * contact out while an unexpired lease holds it; a caller who goes silent stops sending heartbeats and the contact
 * returns to the queue when the lease expires.
 *
 * Owns: a new lease's length, what a heartbeat does (extends to now + the lease length, never shortens, never past
 * the longest hold), and when a lease has expired.
 * Must never: read a clock (`now` is passed in), do I/O, or decide who holds what (the database does, atomically).
 *
 * A lease is [claimedAt, expiresAt): expired at `expiresAt` exactly. The longest hold (settings.maxHoldMinutes)
 * releases a contact held by a tab left open with heartbeats still running.
 */
import { domainError, ok, type DomainError, type Result } from '../result.js';
import type { PhoneBankSettings } from './settings.js';

export interface CallLease {
  readonly claimedAt: Date;
  readonly expiresAt: Date;
}

export type LeaseErrorCode = 'LEASE_EXPIRED';
export type LeaseError = DomainError<LeaseErrorCode>;

function holdLimit(settings: PhoneBankSettings, claimedAt: Date): number {
  return claimedAt.getTime() + settings.maxHoldMinutes * 60_000;
}

/** The lease for a contact claimed at `now`. */
export function newLease(settings: PhoneBankSettings, now: Date): CallLease {
  const expires = Math.min(now.getTime() + settings.leaseSeconds * 1000, holdLimit(settings, now));
  return { claimedAt: now, expiresAt: new Date(expires) };
}

/** Whether the lease no longer holds its contact at `now` (expired at `expiresAt` exactly). */
export function leaseExpired(lease: CallLease, now: Date): boolean {
  return now.getTime() >= lease.expiresAt.getTime();
}

/** How often the caller's screen should send a heartbeat: a third of the lease, so two may be lost. */
export function heartbeatIntervalSeconds(settings: PhoneBankSettings): number {
  return Math.max(1, Math.floor(settings.leaseSeconds / 3));
}

/**
 * A heartbeat at `now`: the lease runs to now + the lease length, but never shorter than it already was and never
 * past the longest hold. An expired lease cannot be revived (the contact may already be someone else's).
 */
export function extendLease(settings: PhoneBankSettings, lease: CallLease, now: Date): Result<CallLease, LeaseError> {
  if (leaseExpired(lease, now)) {
    return domainError('LEASE_EXPIRED', 'This call is no longer held for you: take the next call.');
  }
  const wanted = Math.min(now.getTime() + settings.leaseSeconds * 1000, holdLimit(settings, lease.claimedAt));
  return ok({ claimedAt: lease.claimedAt, expiresAt: new Date(Math.max(wanted, lease.expiresAt.getTime())) });
}
