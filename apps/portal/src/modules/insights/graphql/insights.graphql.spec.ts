// The dashboard's operations must be valid against the API's committed schema.
import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, validate } from 'graphql';
import { DASHBOARD_QUERY } from './insights.graphql';
import { ORGANISATIONS_QUERY } from '../../organisation/graphql/organisation.graphql';

const schema = buildSchema(fs.readFileSync(path.resolve(__dirname, '../../../../../api/schema.graphql'), 'utf8'));

describe('portal operations against apps/api/schema.graphql', () => {
  it.each([['PortalDashboard', DASHBOARD_QUERY], ['PortalOrganisations', ORGANISATIONS_QUERY]])('%s is valid', (_n, doc) => {
    expect(validate(schema, doc).map((e) => e.message)).toEqual([]);
  });
});
