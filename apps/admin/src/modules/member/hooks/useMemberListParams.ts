import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { parseMemberListParams, toSearchParams, withChanges, type MemberListParams } from '../lib/member-list-params';

/** The list's view state, read from and written to the URL; every change is a history entry so Back undoes it. */
export function useMemberListParams() {
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => parseMemberListParams(search), [search]);
  const update = useCallback(
    (changes: Partial<MemberListParams>) => setSearch(toSearchParams(withChanges(params, changes))),
    [params, setSearch],
  );
  const replace = useCallback((next: MemberListParams) => setSearch(toSearchParams(next)), [setSearch]);
  return { params, update, replace };
}
