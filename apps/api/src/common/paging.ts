/** Relay paging arguments, checked once for every connection: first/last default 50, max 200. */
import { ValidationFailedException, type FieldError } from './domain.exception.js';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export interface PagingArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface Paging {
  direction: 'forward' | 'backward';
  limit: number;
  cursor: string | null;
}

export function resolvePaging(args: PagingArgs): Paging {
  const fields: FieldError[] = [];
  const check = (name: 'first' | 'last', value: number | null | undefined) => {
    if (value === null || value === undefined) return;
    if (!Number.isInteger(value) || value < 0 || value > MAX_PAGE_SIZE) {
      fields.push({ path: name, message: `Must be a whole number from 0 to ${MAX_PAGE_SIZE}.` });
    }
  };
  check('first', args.first);
  check('last', args.last);
  const backward = args.last != null || args.before != null;
  if (backward && (args.first != null || args.after != null)) {
    fields.push({ path: args.first != null ? 'first' : 'after', message: 'Use first/after or last/before, not both.' });
  }
  if (fields.length) throw new ValidationFailedException(fields);
  return backward
    ? { direction: 'backward', limit: args.last ?? DEFAULT_PAGE_SIZE, cursor: args.before ?? null }
    : { direction: 'forward', limit: args.first ?? DEFAULT_PAGE_SIZE, cursor: args.after ?? null };
}

/** The order of every "newest first" list (api keys, imports, merges, the audit log), and its index. */
export const NEWEST_FIRST = 'ORDER BY created_at DESC, id DESC';

/**
 * The keyset condition continuing a NEWEST_FIRST list after the row `after` (`''` without one): appends its two
 * values to `params` and refers to them by position, so it composes with whatever the caller already added.
 */
export function newestFirstAfter(after: { createdAt: string; id: string } | null, params: unknown[]): string {
  if (!after) return '';
  params.push(after.createdAt, after.id);
  return ` AND (created_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
}
