import { useEffect, useState } from 'react';
import { useApolloClient } from '@apollo/client/react';
import type { SegmentDefinition } from '@muster/domain';
import { toApiProblem, type ApiProblem } from '@muster/ui';
import { SEGMENT_PREVIEW_QUERY } from '../graphql/segment.graphql';
import { forPreview } from '../lib/segment-builder';

export const PREVIEW_DEBOUNCE_MS = 400;

export interface SegmentPreviewState {
  count: number | null;
  /** Conditions left out of the count because they are not finished. */
  incomplete: number;
  loading: boolean;
  problem: ApiProblem | null;
}

/** The live count of the definition being edited: asked again 400 ms after the last change; older answers are ignored. */
export function useSegmentPreview(organisationId: string, definition: SegmentDefinition): SegmentPreviewState {
  const client = useApolloClient();
  const [state, setState] = useState<SegmentPreviewState>({ count: null, incomplete: 0, loading: true, problem: null });
  const key = JSON.stringify(definition);
  useEffect(() => {
    let current = true;
    const { definition: sendable, incomplete } = forPreview(JSON.parse(key) as SegmentDefinition);
    setState((s) => ({ ...s, incomplete, loading: true }));
    const timer = setTimeout(() => {
      client
        .query({ query: SEGMENT_PREVIEW_QUERY, variables: { organisationId, definition: sendable }, fetchPolicy: 'no-cache' })
        .then((res) => {
          if (!current) return;
          if (res.error) setState({ count: null, incomplete, loading: false, problem: toApiProblem(res.error) });
          else setState({ count: res.data?.segmentPreview.memberCount ?? null, incomplete, loading: false, problem: null });
        })
        .catch((error: unknown) => {
          if (current) setState({ count: null, incomplete, loading: false, problem: toApiProblem(error) });
        });
    }, PREVIEW_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, organisationId, key]);
  return state;
}
