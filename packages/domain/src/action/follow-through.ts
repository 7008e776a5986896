/**
 * Follow-through: the counts of a set of action responses and the rate computed from them (docs/campaigns.md,
 * "Follow-through"). Pure: the API computes the counts in SQL (or from the rollup) and this file says what they mean.
 *
 * Must never: round the rate (callers format it), or count a completion that had no commitment in the rate.
 */
import type { ResponseSnapshot, ResponseState } from './action.state.js';

/** The counts follow-through is computed from; every field is a number of responses. */
export interface FollowThroughCounts {
  /** Every response: each one is a member who was asked (whatever state it started in). */
  readonly asked: number;
  /** Responses that ever reached COMMITTED (committed_at is set), whatever their state now. */
  readonly committed: number;
  /** Responses that were ever reminded (reminded_at is set). */
  readonly reminded: number;
  /** Responses COMPLETED now (with or without a commitment before). */
  readonly completed: number;
  /** Responses COMPLETED now that had been COMMITTED first: the rate's numerator. */
  readonly completedAfterCommit: number;
  /** Responses NO_SHOW now. */
  readonly noShow: number;
  /** Responses CANCELLED now (a cancellation always follows a commitment). */
  readonly cancelled: number;
  /** Responses DECLINED now. */
  readonly declined: number;
  /** Responses COMMITTED or REMINDED now: commitments whose outcome is not known yet. */
  readonly pending: number;
}

export const EMPTY_FOLLOW_THROUGH: FollowThroughCounts = {
  asked: 0, committed: 0, reminded: 0, completed: 0, completedAfterCommit: 0, noShow: 0, cancelled: 0, declined: 0, pending: 0,
};

/**
 * Follow-through rate: of the commitments whose outcome is known, the share that was kept.
 *   completedAfterCommit ÷ (completedAfterCommit + noShow + cancelled)
 * Pending commitments are not in it (their outcome is not known yet); completions without a commitment (a petition
 * signed on the spot) are not in it either (nothing was followed through). Null when the denominator is 0.
 */
export function followThroughRate(counts: Pick<FollowThroughCounts, 'completedAfterCommit' | 'noShow' | 'cancelled'>): number | null {
  const denominator = counts.completedAfterCommit + counts.noShow + counts.cancelled;
  return denominator === 0 ? null : counts.completedAfterCommit / denominator;
}

export interface FollowThrough extends FollowThroughCounts {
  readonly rate: number | null;
}

export function followThrough(counts: FollowThroughCounts): FollowThrough {
  return { ...counts, rate: followThroughRate(counts) };
}

/** One response as the counts see it: its state now and whether it was ever committed / reminded. */
export type CountableResponse = Pick<ResponseSnapshot, 'state' | 'committedAt' | 'remindedAt'>;

/** The counts of a list of responses (the reference the SQL aggregate and the rollup are tested against). */
export function countFollowThrough(responses: Iterable<CountableResponse>): FollowThroughCounts {
  const c = { ...EMPTY_FOLLOW_THROUGH } as { -readonly [K in keyof FollowThroughCounts]: number };
  for (const r of responses) {
    c.asked++;
    if (r.committedAt !== null) c.committed++;
    if (r.remindedAt !== null) c.reminded++;
    const s: ResponseState = r.state;
    if (s === 'COMPLETED') {
      c.completed++;
      if (r.committedAt !== null) c.completedAfterCommit++;
    } else if (s === 'NO_SHOW') c.noShow++;
    else if (s === 'CANCELLED') c.cancelled++;
    else if (s === 'DECLINED') c.declined++;
    else if (s === 'COMMITTED' || s === 'REMINDED') c.pending++;
  }
  return c;
}

/** Adds counts (a campaign's from its actions'). */
export function addFollowThrough(a: FollowThroughCounts, b: FollowThroughCounts): FollowThroughCounts {
  return {
    asked: a.asked + b.asked, committed: a.committed + b.committed, reminded: a.reminded + b.reminded,
    completed: a.completed + b.completed, completedAfterCommit: a.completedAfterCommit + b.completedAfterCommit,
    noShow: a.noShow + b.noShow, cancelled: a.cancelled + b.cancelled, declined: a.declined + b.declined,
    pending: a.pending + b.pending,
  };
}
