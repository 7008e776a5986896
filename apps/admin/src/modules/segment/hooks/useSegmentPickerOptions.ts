import { useQuery } from '@apollo/client/react';
import { formatDateTime } from '@muster/ui';
import { useRegionOptions } from '../../member/hooks/useMembers';
import { SEGMENT_ACTION_OPTIONS_QUERY, SEGMENT_IMPORT_OPTIONS_QUERY, SEGMENT_OPTIONS_QUERY } from '../graphql/segment.graphql';
import type { PickerOptions } from '../components/SegmentBuilder';

/** What the builder's value pickers offer: regions, imports, frozen segments (never `exceptSegmentId`), actions and campaigns. */
export function useSegmentPickerOptions(organisationId: string, exceptSegmentId?: string): PickerOptions & { names: Record<string, string> } {
  const regions = useRegionOptions(organisationId);
  const imports = useQuery(SEGMENT_IMPORT_OPTIONS_QUERY, { variables: { organisationId } });
  const segments = useQuery(SEGMENT_OPTIONS_QUERY, { variables: { organisationId }, fetchPolicy: 'cache-and-network' });
  const importList = (imports.data?.memberImports.edges ?? []).map((e) => ({ id: e.node.id, label: `${e.node.fileName} (${formatDateTime(e.node.createdAt)})` }));
  const actionOptions = useQuery(SEGMENT_ACTION_OPTIONS_QUERY, { variables: { organisationId } });
  const segmentList = (segments.data?.segments.edges ?? []).map((e) => e.node);
  const actions = (actionOptions.data?.actions.edges ?? []).map((e) => ({ id: e.node.id, label: `${e.node.campaign.name} — ${e.node.title}` }));
  const campaigns = (actionOptions.data?.campaigns.edges ?? []).map((e) => ({ id: e.node.id, label: e.node.name }));
  const snapshots = segmentList.filter((s) => s.frozenAt && s.id !== exceptSegmentId).map((s) => ({ id: s.id, label: s.name }));
  const names: Record<string, string> = {};
  for (const i of importList) names[i.id] = i.label;
  for (const s of segmentList) names[s.id] = s.name;
  for (const x of [...actions, ...campaigns]) names[x.id] = x.label;
  return { suggestions: { region: regions }, imports: importList, snapshots, actions, campaigns, names };
}
