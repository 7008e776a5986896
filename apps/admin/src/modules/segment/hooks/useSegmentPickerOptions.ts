import { useQuery } from '@apollo/client/react';
import { formatDateTime } from '@muster/ui';
import { useRegionOptions } from '../../member/hooks/useMembers';
import { SEGMENT_IMPORT_OPTIONS_QUERY, SEGMENT_OPTIONS_QUERY } from '../graphql/segment.graphql';
import type { PickerOptions } from '../components/SegmentBuilder';

/** What the builder's value pickers offer: regions, imports, and frozen segments (never `exceptSegmentId`). */
export function useSegmentPickerOptions(organisationId: string, exceptSegmentId?: string): PickerOptions & { names: Record<string, string> } {
  const regions = useRegionOptions(organisationId);
  const imports = useQuery(SEGMENT_IMPORT_OPTIONS_QUERY, { variables: { organisationId } });
  const segments = useQuery(SEGMENT_OPTIONS_QUERY, { variables: { organisationId }, fetchPolicy: 'cache-and-network' });
  const importList = (imports.data?.memberImports.edges ?? []).map((e) => ({ id: e.node.id, label: `${e.node.fileName} (${formatDateTime(e.node.createdAt)})` }));
  const segmentList = (segments.data?.segments.edges ?? []).map((e) => e.node);
  const snapshots = segmentList.filter((s) => s.frozenAt && s.id !== exceptSegmentId).map((s) => ({ id: s.id, label: s.name }));
  const names: Record<string, string> = {};
  for (const i of importList) names[i.id] = i.label;
  for (const s of segmentList) names[s.id] = s.name;
  return { suggestions: { region: regions }, imports: importList, snapshots, names };
}
