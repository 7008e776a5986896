// List pages keep their filters and page cursor in the URL (STYLE.md), so a filtered list can be bookmarked and
// back/forward walk through it. Pure helpers shared by the campaign, response and donation lists.

/** A comma-separated URL value read as a list of allowed values (unknown ones dropped). */
export function readList<T extends string>(params: URLSearchParams, key: string, allowed: readonly T[]): T[] {
  const raw = params.get(key);
  if (!raw) return [];
  return raw.split(',').filter((v): v is T => (allowed as readonly string[]).includes(v));
}

/**
 * The next URL parameters: `changes` applied over the current ones (an empty value removes a key). Any change of a
 * filter starts again from the first page, so `after` and `page` go unless they are part of the change.
 */
export function nextParams(current: URLSearchParams, changes: Record<string, string | readonly string[] | undefined>): URLSearchParams {
  const next = new URLSearchParams(current);
  const paging = 'after' in changes || 'page' in changes;
  if (!paging) {
    next.delete('after');
    next.delete('page');
  }
  for (const [key, value] of Object.entries(changes)) {
    const text = Array.isArray(value) ? value.join(',') : (value as string | undefined) ?? '';
    if (text) next.set(key, text);
    else next.delete(key);
  }
  return next;
}

/** The page number shown (1 when absent or nonsense). */
export function pageOf(params: URLSearchParams): number {
  return Math.max(1, Math.floor(Number(params.get('page'))) || 1);
}
