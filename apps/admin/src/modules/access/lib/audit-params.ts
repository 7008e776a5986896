// The audit log's view lives in the URL (filters, page size, cursor), so a link reproduces it and Back/Forward walk it.
// `after` is the page's cursor; `trail` the cursors of the pages before it, so "Previous" needs no backwards cursor.
import type { AuditEventFilterInput } from '../graphql/audit.graphql';

export interface AuditParams {
  action: string;
  user: string;
  from: string;
  to: string;
  size: number;
  after: string | null;
  trail: string[];
}

export const AUDIT_PAGE_SIZES = [25, 50, 100] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function parseAuditParams(search: URLSearchParams): AuditParams {
  const size = Number(search.get('size'));
  return {
    action: search.get('action')?.trim() ?? '',
    user: search.get('user')?.trim() ?? '',
    from: DATE.test(search.get('from') ?? '') ? search.get('from')! : '',
    to: DATE.test(search.get('to') ?? '') ? search.get('to')! : '',
    size: (AUDIT_PAGE_SIZES as readonly number[]).includes(size) ? size : 50,
    after: search.get('after') || null,
    trail: (search.get('trail') ?? '').split(',').filter(Boolean),
  };
}

export function toAuditSearch(p: AuditParams): URLSearchParams {
  const s = new URLSearchParams();
  if (p.action) s.set('action', p.action);
  if (p.user) s.set('user', p.user);
  if (p.from) s.set('from', p.from);
  if (p.to) s.set('to', p.to);
  if (p.size !== 50) s.set('size', String(p.size));
  if (p.after) s.set('after', p.after);
  if (p.trail.length) s.set('trail', p.trail.join(','));
  return s;
}

/** A changed filter starts again at the first page. */
export function withFilter(p: AuditParams, change: Partial<Pick<AuditParams, 'action' | 'user' | 'from' | 'to' | 'size'>>): AuditParams {
  return { ...p, ...change, after: null, trail: [] };
}

export function nextPage(p: AuditParams, endCursor: string): AuditParams {
  return { ...p, after: endCursor, trail: p.after ? [...p.trail, p.after] : p.trail };
}

export function previousPage(p: AuditParams): AuditParams {
  const trail = [...p.trail];
  const after = trail.pop() || null;
  return { ...p, after, trail };
}

/** The GraphQL filter: an action prefix ("auth." finds every sign-in event), one user, whole UK days. */
export function toAuditFilter(p: AuditParams): AuditEventFilterInput | null {
  const filter: AuditEventFilterInput = {};
  if (p.action) filter.action = { startsWith: p.action };
  if (p.user) filter.actorUserId = p.user;
  if (p.from || p.to) filter.createdAt = { ...(p.from ? { gte: `${p.from}T00:00:00.000Z` } : {}), ...(p.to ? { lte: `${p.to}T23:59:59.999Z` } : {}) };
  return Object.keys(filter).length ? filter : null;
}
