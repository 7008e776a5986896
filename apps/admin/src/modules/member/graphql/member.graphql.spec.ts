// Every operation the admin app sends must be valid against the API's committed schema: a renamed or removed field
// fails here, in CI, rather than on someone's screen. Until the API's schema has the sign-in operations, those are
// checked against the committed schema plus only the contract's additions it lacks (CONTRACT.md), never against nothing.
import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, validate, type DocumentNode } from 'graphql';
import * as member from './member.graphql';
import * as organisation from '../../organisation/graphql/organisation.graphql';
import * as auth from '../../auth/graphql/auth.graphql';
import * as access from '../../access/graphql/access.graphql';
import * as audit from '../../access/graphql/audit.graphql';
import { withContractAdditions } from '../../auth/graphql/contract-auth.graphql';

const committed = buildSchema(fs.readFileSync(path.resolve(__dirname, '../../../../../api/schema.graphql'), 'utf8'));
const { schema, missing } = withContractAdditions(committed);

const documents = Object.entries({ ...member, ...organisation, ...auth, ...access, ...audit }).filter(
  (entry): entry is [string, DocumentNode] => typeof entry[1] === 'object' && entry[1] !== null && (entry[1] as DocumentNode).kind === 'Document',
);

describe(`admin operations against apps/api/schema.graphql${missing.length ? ` (+ from the contract, not in it yet: ${missing.join(', ')})` : ''}`, () => {
  it('finds the operations', () => expect(documents.length).toBeGreaterThanOrEqual(20));
  it.each(documents)('%s is valid', (_name, doc) => {
    expect(validate(schema, doc).map((e) => e.message)).toEqual([]);
  });
});
