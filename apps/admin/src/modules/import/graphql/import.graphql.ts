// The member-import operations of the admin app, typed by hand against the issue-4 contract (apps/api/schema.graphql
// once the import API is in); import.graphql.spec.ts validates every document here against that schema.
import { gql, type TypedDocumentNode } from '@apollo/client';

export const IMPORT_STATUSES = [
  'ANALYSED', 'DRY_RUN_QUEUED', 'DRY_RUN_RUNNING', 'DRY_RUN_DONE', 'QUEUED', 'RUNNING', 'CANCELLING', 'CANCELLED', 'COMPLETED', 'FAILED',
] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];
export const IMPORT_MATCH_KEYS = ['MEMBERSHIP_NUMBER', 'EMAIL', 'MOBILE'] as const;
export type ImportMatchKey = (typeof IMPORT_MATCH_KEYS)[number];
export const IMPORT_FIELDS = [
  'IGNORE', 'MEMBERSHIP_NUMBER', 'FIRST_NAME', 'LAST_NAME', 'FULL_NAME', 'EMAIL', 'EMAIL_2', 'PHONE', 'MOBILE', 'LANDLINE',
  'POSTCODE', 'REGION', 'BRANCH', 'WORKPLACE', 'EMPLOYER', 'STATUS', 'JOINED_ON', 'LEFT_ON', 'TAGS', 'ISSUES', 'SMS_CONSENT',
  'EMAIL_CONSENT', 'SUPPORT_LEVEL',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export type ImportRowOutcome = 'CREATED' | 'UPDATED' | 'UNCHANGED' | 'REJECTED';

export interface ImportColumn { index: number; header: string; samples: string[]; field: ImportField; suggested: ImportField }
export interface ImportCounts { total: number; done: number; created: number; updated: number; unchanged: number; rejected: number }
export interface ImportRowSample { rowNumber: number; outcome: ImportRowOutcome; summary: string; reasons: string[] }

export interface MemberImport {
  id: string;
  organisationId: string;
  fileName: string;
  byteSize: number;
  encoding: string;
  delimiter: string;
  hasHeader: boolean;
  status: ImportStatus;
  columns: ImportColumn[];
  matchOrder: ImportMatchKey[];
  keepExisting: ImportField[];
  dryRun: ImportCounts | null;
  dryRunSamples: ImportRowSample[];
  progress: ImportCounts;
  rowsPerSecond: number | null;
  secondsLeft: number | null;
  startedAt: string | null;
  finishedAt: string | null;
  durationSeconds: number | null;
  createdBy: string;
  createdAt: string;
  error: string | null;
  rejectsUrl: string | null;
}

export type MemberImportListItem = Omit<MemberImport, 'columns' | 'dryRunSamples' | 'matchOrder' | 'keepExisting'>;

export interface ImportMapping { id: string; organisationId: string; name: string; columns: Array<{ header: string; field: ImportField }>; createdAt: string }

const COUNTS = gql`
  fragment ImportCountsFields on ImportCounts {
    total
    done
    created
    updated
    unchanged
    rejected
  }
`;

const IMPORT_SUMMARY = gql`
  fragment MemberImportSummaryFields on MemberImport {
    id
    organisationId
    fileName
    byteSize
    encoding
    delimiter
    hasHeader
    status
    dryRun {
      ...ImportCountsFields
    }
    progress {
      ...ImportCountsFields
    }
    rowsPerSecond
    secondsLeft
    startedAt
    finishedAt
    durationSeconds
    createdBy
    createdAt
    error
    rejectsUrl
  }
  ${COUNTS}
`;

const IMPORT_DETAIL = gql`
  fragment MemberImportDetailFields on MemberImport {
    ...MemberImportSummaryFields
    columns {
      index
      header
      samples
      field
      suggested
    }
    matchOrder
    keepExisting
    dryRunSamples {
      rowNumber
      outcome
      summary
      reasons
    }
  }
  ${IMPORT_SUMMARY}
`;

export const MEMBER_IMPORT_QUERY: TypedDocumentNode<{ memberImport: MemberImport | null }, { id: string }> = gql`
  query AdminMemberImport($id: ID!) {
    memberImport(id: $id) {
      ...MemberImportDetailFields
    }
  }
  ${IMPORT_DETAIL}
`;

export interface MemberImportsData {
  memberImports: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
    edges: Array<{ cursor: string; node: MemberImportListItem }>;
  };
}
export interface MemberImportsVariables { organisationId: string; first?: number; after?: string; status?: ImportStatus[] }

export const MEMBER_IMPORTS_QUERY: TypedDocumentNode<MemberImportsData, MemberImportsVariables> = gql`
  query AdminMemberImports($organisationId: ID!, $first: Int, $after: String, $status: [ImportStatus!]) {
    memberImports(organisationId: $organisationId, first: $first, after: $after, status: $status) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        cursor
        node {
          ...MemberImportSummaryFields
        }
      }
    }
  }
  ${IMPORT_SUMMARY}
`;

export interface UpdateMemberImportInput {
  id: string;
  columns?: Array<{ index: number; field: ImportField }>;
  matchOrder?: ImportMatchKey[];
  keepExisting?: ImportField[];
}

export const UPDATE_MEMBER_IMPORT_MUTATION: TypedDocumentNode<{ updateMemberImport: MemberImport }, { input: UpdateMemberImportInput }> = gql`
  mutation AdminUpdateMemberImport($input: UpdateMemberImportInput!) {
    updateMemberImport(input: $input) {
      ...MemberImportDetailFields
    }
  }
  ${IMPORT_DETAIL}
`;

export const START_IMPORT_DRY_RUN_MUTATION: TypedDocumentNode<{ startImportDryRun: MemberImport }, { id: string }> = gql`
  mutation AdminStartImportDryRun($id: ID!) {
    startImportDryRun(id: $id) {
      ...MemberImportDetailFields
    }
  }
  ${IMPORT_DETAIL}
`;

export const START_MEMBER_IMPORT_MUTATION: TypedDocumentNode<{ startMemberImport: MemberImport }, { id: string }> = gql`
  mutation AdminStartMemberImport($id: ID!) {
    startMemberImport(id: $id) {
      ...MemberImportDetailFields
    }
  }
  ${IMPORT_DETAIL}
`;

export const CANCEL_MEMBER_IMPORT_MUTATION: TypedDocumentNode<{ cancelMemberImport: MemberImport }, { id: string }> = gql`
  mutation AdminCancelMemberImport($id: ID!) {
    cancelMemberImport(id: $id) {
      ...MemberImportDetailFields
    }
  }
  ${IMPORT_DETAIL}
`;

const MAPPING = gql`
  fragment ImportMappingFields on ImportMapping {
    id
    organisationId
    name
    columns {
      header
      field
    }
    createdAt
  }
`;

export const IMPORT_MAPPINGS_QUERY: TypedDocumentNode<{ importMappings: ImportMapping[] }, { organisationId: string }> = gql`
  query AdminImportMappings($organisationId: ID!) {
    importMappings(organisationId: $organisationId) {
      ...ImportMappingFields
    }
  }
  ${MAPPING}
`;

export interface SaveImportMappingInput { organisationId: string; name: string; columns: Array<{ header: string; field: ImportField }> }

export const SAVE_IMPORT_MAPPING_MUTATION: TypedDocumentNode<{ saveImportMapping: ImportMapping }, { input: SaveImportMappingInput }> = gql`
  mutation AdminSaveImportMapping($input: SaveImportMappingInput!) {
    saveImportMapping(input: $input) {
      ...ImportMappingFields
    }
  }
  ${MAPPING}
`;

export const DELETE_IMPORT_MAPPING_MUTATION: TypedDocumentNode<{ deleteImportMapping: boolean }, { id: string }> = gql`
  mutation AdminDeleteImportMapping($id: ID!) {
    deleteImportMapping(id: $id)
  }
`;
