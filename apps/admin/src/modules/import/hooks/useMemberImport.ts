import { useEffect, useRef } from 'react';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { MEMBER_IMPORT_QUERY, type ImportStatus } from '../graphql/import.graphql';
import { isActive } from '../lib/import-progress';

export const POLL_MS = 1000;

/**
 * One import, polled every second while the API works on it (a dry run or the import itself) and not otherwise.
 * When an import this page watched run completes, the cached member lists are dropped so they show the new members.
 */
export function useMemberImport(id: string, onFinished?: (status: ImportStatus) => void) {
  const client = useApolloClient();
  const result = useQuery(MEMBER_IMPORT_QUERY, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const status = result.data?.memberImport?.status;
  const { startPolling, stopPolling } = result;
  const watched = useRef<ImportStatus | undefined>(undefined);
  useEffect(() => {
    if (status && isActive(status)) startPolling(POLL_MS);
    else stopPolling();
    return () => stopPolling();
  }, [status, startPolling, stopPolling]);
  useEffect(() => {
    const before = watched.current;
    watched.current = status;
    if (!before || !status || before === status || !isActive(before) || isActive(status)) return;
    if (status === 'COMPLETED' || status === 'CANCELLED') {
      client.cache.evict({ fieldName: 'members' });
      client.cache.evict({ fieldName: 'insights' });
      client.cache.gc();
    }
    onFinished?.(status);
  }, [status, client, onFinished]);
  return result;
}
