// The tracked-link operations of the action page (issue 6, built by the action-pages work on issue6-pages): typed by
// hand against apps/api/schema.graphql; tracked-link.graphql.spec.ts validates them against that schema.
import { gql, type TypedDocumentNode } from '@apollo/client';
import type { ResponseChannel } from '@muster/domain';

export interface TrackedLinkData { id: string; code: string; url: string; channel: ResponseChannel; clickCount: number; createdAt: string }

export const CREATE_TRACKED_LINK_MUTATION: TypedDocumentNode<
  { createTrackedLink: TrackedLinkData },
  { input: { actionId: string; memberId?: string | null; channel: ResponseChannel; creditedUserId?: string | null } }
> = gql`
  mutation CreateTrackedLink($input: CreateTrackedLinkInput!) {
    createTrackedLink(input: $input) { id code url channel clickCount createdAt }
  }
`;

export const ACTION_LINK_STATS_QUERY: TypedDocumentNode<
  { actionLinkStats: { links: number; clicks: number; uniqueClickers: number; submissions: number } },
  { actionId: string }
> = gql`
  query ActionLinkStats($actionId: ID!) {
    actionLinkStats(actionId: $actionId) { links clicks uniqueClickers submissions }
  }
`;
