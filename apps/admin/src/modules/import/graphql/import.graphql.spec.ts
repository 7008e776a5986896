// The import, export and dedupe operations must be valid against the API's committed schema. Until the issue-4 API is
// merged into this branch the committed schema lacks those types; the test then checks the operations against the
// committed schema extended with the contract's SDL (/work/contract4/CONTRACT.md), so the UI is held to the contract.
import fs from 'node:fs';
import path from 'node:path';
import { Kind, buildSchema, extendSchema, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import * as imports from './import.graphql';
import * as dedupe from '../../dedupe/graphql/dedupe.graphql';

const CONTRACT_SDL = `
enum ImportStatus { ANALYSED DRY_RUN_QUEUED DRY_RUN_RUNNING DRY_RUN_DONE QUEUED RUNNING CANCELLING CANCELLED COMPLETED FAILED }
enum ImportMatchKey { MEMBERSHIP_NUMBER EMAIL MOBILE }
enum ImportField { IGNORE MEMBERSHIP_NUMBER FIRST_NAME LAST_NAME FULL_NAME EMAIL EMAIL_2 PHONE MOBILE LANDLINE POSTCODE
  REGION BRANCH WORKPLACE EMPLOYER STATUS JOINED_ON LEFT_ON TAGS ISSUES SMS_CONSENT EMAIL_CONSENT SUPPORT_LEVEL }
enum ImportRowOutcome { CREATED UPDATED UNCHANGED REJECTED }
type ImportColumn { index: Int! header: String! samples: [String!]! field: ImportField! suggested: ImportField! }
type ImportCounts { total: Int! done: Int! created: Int! updated: Int! unchanged: Int! rejected: Int! }
type ImportRowSample { rowNumber: Int! outcome: ImportRowOutcome! summary: String! reasons: [String!]! }
type MemberImport {
  id: ID! organisationId: ID! fileName: String! byteSize: Float! encoding: String! delimiter: String! hasHeader: Boolean!
  status: ImportStatus! columns: [ImportColumn!]! matchOrder: [ImportMatchKey!]! keepExisting: [ImportField!]!
  dryRun: ImportCounts dryRunSamples: [ImportRowSample!]! progress: ImportCounts!
  rowsPerSecond: Float secondsLeft: Float startedAt: DateTime finishedAt: DateTime durationSeconds: Float
  createdBy: String! createdAt: DateTime! error: String rejectsUrl: String
}
type MemberImportEdge { cursor: String! node: MemberImport! }
type MemberImportConnection { edges: [MemberImportEdge!]! pageInfo: PageInfo! totalCount: Int! }
type ImportMappingColumn { header: String! field: ImportField! }
type ImportMapping { id: ID! organisationId: ID! name: String! columns: [ImportMappingColumn!]! createdAt: DateTime! }
input ImportColumnInput { index: Int! field: ImportField! }
input UpdateMemberImportInput { id: ID! columns: [ImportColumnInput!] matchOrder: [ImportMatchKey!] keepExisting: [ImportField!] }
input SaveImportMappingInput { organisationId: ID! name: String! columns: [ImportMappingColumnInput!]! }
input ImportMappingColumnInput { header: String! field: ImportField! }
enum DuplicateRule { SAME_EMAIL SAME_MOBILE SAME_NAME_POSTCODE }
type DuplicateSuggestion { id: ID! organisationId: ID! rule: DuplicateRule! matchedValue: String! members: [Member!]! createdAt: DateTime! }
type DuplicateSuggestionEdge { cursor: String! node: DuplicateSuggestion! }
type DuplicateSuggestionConnection { edges: [DuplicateSuggestionEdge!]! pageInfo: PageInfo! totalCount: Int! }
input MergeMembersInput { organisationId: ID! survivorId: ID! mergedIds: [ID!]! suggestionId: ID }
type MemberMerge { id: ID! organisationId: ID! survivor: Member mergedMemberIds: [ID!]! mergedNames: [String!]!
  createdBy: String! createdAt: DateTime! undoneAt: DateTime undoneBy: String }
type MemberMergeEdge { cursor: String! node: MemberMerge! }
type MemberMergeConnection { edges: [MemberMergeEdge!]! pageInfo: PageInfo! totalCount: Int! }
extend type Query {
  memberImports(organisationId: ID!, first: Int, after: String, status: [ImportStatus!]): MemberImportConnection!
  memberImport(id: ID!): MemberImport
  importMappings(organisationId: ID!): [ImportMapping!]!
  duplicateSuggestions(organisationId: ID!, first: Int, after: String, rule: DuplicateRule): DuplicateSuggestionConnection!
  memberMerges(organisationId: ID!, first: Int, after: String): MemberMergeConnection!
}
extend type Mutation {
  updateMemberImport(input: UpdateMemberImportInput!): MemberImport!
  startImportDryRun(id: ID!): MemberImport!
  startMemberImport(id: ID!): MemberImport!
  cancelMemberImport(id: ID!): MemberImport!
  saveImportMapping(input: SaveImportMappingInput!): ImportMapping!
  deleteImportMapping(id: ID!): Boolean!
  refreshDuplicateSuggestions(organisationId: ID!): Int!
  markNotDuplicate(suggestionId: ID!): Boolean!
  mergeMembers(input: MergeMembersInput!): MemberMerge!
  unmergeMembers(mergeId: ID!): MemberMerge!
}
`;

const committed = buildSchema(fs.readFileSync(path.resolve(__dirname, '../../../../../api/schema.graphql'), 'utf8'));

/** The contract's types the committed schema does not have yet (none once both API branches are merged). */
function withContract(schema: GraphQLSchema): { schema: GraphQLSchema; missing: string[] } {
  const definitions = parse(CONTRACT_SDL).definitions.filter((d) => {
    if (d.kind === 'ObjectTypeExtension') return true;
    return 'name' in d && d.name ? !schema.getType(d.name.value) : true;
  });
  const query = schema.getQueryType()!.getFields();
  const mutation = schema.getMutationType()!.getFields();
  const trimmed = definitions
    .map((d) => {
      if (d.kind !== 'ObjectTypeExtension') return d;
      const have = d.name.value === 'Query' ? query : mutation;
      return { ...d, fields: (d.fields ?? []).filter((f) => !have[f.name.value]) };
    })
    .filter((d) => d.kind !== 'ObjectTypeExtension' || (d.fields ?? []).length > 0);
  const missing = trimmed.flatMap((d) => (d.kind === 'ObjectTypeExtension' ? (d.fields ?? []).map((f) => `${d.name.value}.${f.name.value}`) : 'name' in d && d.name ? [d.name.value] : []));
  if (!trimmed.length) return { schema, missing };
  return { schema: extendSchema(schema, { kind: Kind.DOCUMENT, definitions: trimmed } as DocumentNode), missing };
}

const { schema, missing } = withContract(committed);
const documents = Object.entries({ ...imports, ...dedupe }).filter(
  (entry): entry is [string, DocumentNode] => typeof entry[1] === 'object' && entry[1] !== null && (entry[1] as DocumentNode).kind === 'Document',
);

describe('admin import, export and dedupe operations against apps/api/schema.graphql (+ the issue-4 contract where missing)', () => {
  it('finds the operations', () => expect(documents.length).toBe(15));
  it('says which contract types the committed schema still lacks', () => {
    // Informational: empty once the API branches are merged. The documents below are valid either way.
    if (missing.length) console.log(`schema.graphql lacks ${missing.length} contract definitions; validating against the contract for: ${missing.join(', ')}`);
    expect(Array.isArray(missing)).toBe(true);
  });
  it.each(documents)('%s is valid', (_name, doc) => {
    expect(validate(schema, doc).map((e) => e.message)).toEqual([]);
  });
});
