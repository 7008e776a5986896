import { gql, type TypedDocumentNode } from '@apollo/client';

export interface AuditEventRow {
  id: string;
  organisationId: string | null;
  action: string;
  actorUserId: string | null;
  actorApiKeyId: string | null;
  actorLabel: string;
  targetType: string | null;
  targetIds: string[];
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  createdAt: string;
}

export interface AuditEventFilterInput {
  action?: { eq?: string; startsWith?: string };
  actorUserId?: string;
  organisationId?: string;
  createdAt?: { gte?: string; lte?: string };
}

export const AUDIT_EVENTS_QUERY: TypedDocumentNode<
  { auditEvents: { totalCount: number; edges: Array<{ cursor: string; node: AuditEventRow }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } },
  { first: number; after?: string | null; filter?: AuditEventFilterInput | null }
> = gql`
  query AuditEvents($first: Int, $after: String, $filter: AuditEventFilter) {
    auditEvents(first: $first, after: $after, filter: $filter) {
      totalCount
      edges {
        cursor
        node {
          id
          organisationId
          action
          actorUserId
          actorApiKeyId
          actorLabel
          targetType
          targetIds
          ip
          userAgent
          requestId
          createdAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;
