// Every donation operation must be valid against the API's committed schema.
import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, validate, type DocumentNode } from 'graphql';
import * as donation from './donation.graphql';

const schema = buildSchema(fs.readFileSync(path.resolve(__dirname, '../../../../../api/schema.graphql'), 'utf8'));
const documents = Object.entries(donation).filter(
  (entry): entry is [string, DocumentNode] => typeof entry[1] === 'object' && entry[1] !== null && (entry[1] as DocumentNode).kind === 'Document',
);

describe('donation operations against apps/api/schema.graphql', () => {
  it('finds the operations', () => expect(documents.length).toBeGreaterThanOrEqual(4));
  it.each(documents)('%s is valid', (_name, doc) => {
    expect(validate(schema, doc).map((e) => e.message)).toEqual([]);
  });
});
