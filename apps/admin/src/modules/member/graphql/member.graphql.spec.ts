// Every operation the admin app sends must be valid against the API's committed schema: a renamed or removed field
// fails here, in CI, rather than on someone's screen.
import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, validate, type DocumentNode } from 'graphql';
import * as member from './member.graphql';
import * as organisation from '../../organisation/graphql/organisation.graphql';
import * as accessUi from '@muster/access-ui/graphql';
import * as access from '../../access/graphql/access.graphql';
import * as audit from '../../access/graphql/audit.graphql';

const schema = buildSchema(fs.readFileSync(path.resolve(__dirname, '../../../../../api/schema.graphql'), 'utf8'));

const documents = Object.entries({ ...member, ...organisation, ...accessUi, ...access, ...audit }).filter(
  (entry): entry is [string, DocumentNode] => typeof entry[1] === 'object' && entry[1] !== null && (entry[1] as DocumentNode).kind === 'Document',
);

describe(`admin operations against apps/api/schema.graphql`, () => {
  it('finds the operations', () => expect(documents.length).toBeGreaterThanOrEqual(20));
  it.each(documents)('%s is valid', (_name, doc) => {
    expect(validate(schema, doc).map((e) => e.message)).toEqual([]);
  });
});
