// The portal's operations must be valid against the API's committed schema. Until the API's schema has the sign-in
// operations, those are checked against the committed schema extended with the contract's additions (CONTRACT.md).
import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, validate, type DocumentNode } from 'graphql';
import * as insights from './insights.graphql';
import * as organisation from '../../organisation/graphql/organisation.graphql';
import * as auth from '../../auth/graphql/auth.graphql';
import * as access from '../../access/graphql/access.graphql';
import { withContractAdditions } from '../../auth/graphql/contract-auth.graphql';

const committed = buildSchema(fs.readFileSync(path.resolve(__dirname, '../../../../../api/schema.graphql'), 'utf8'));
const { schema, missing } = withContractAdditions(committed);

const documents = Object.entries({ ...insights, ...organisation, ...auth, ...access }).filter(
  (entry): entry is [string, DocumentNode] => typeof entry[1] === 'object' && entry[1] !== null && (entry[1] as DocumentNode).kind === 'Document',
);

describe(`portal operations against apps/api/schema.graphql${missing.length ? ` (+ from the contract, not in it yet: ${missing.join(', ')})` : ''}`, () => {
  it('finds the operations', () => expect(documents.length).toBeGreaterThanOrEqual(15));
  it.each(documents)('%s is valid', (_n, doc) => {
    expect(validate(schema, doc).map((e) => e.message)).toEqual([]);
  });
});
