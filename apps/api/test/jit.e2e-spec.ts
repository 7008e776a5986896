/**
 * Mercurius compiles a query with graphql-jit on its second run. graphql-jit unrolls input types
 * when it compiles variable parsing, so a recursive input type (a MemberFilter containing
 * MemberFilter) never finishes compiling and freezes the API on the second identical request.
 * This compiles the apps' query shapes against the committed schema in a child process, so a
 * hang fails the test instead of freezing jest.
 */
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';

const mercurius = dirname(require.resolve('mercurius/package.json'));
const graphqlJit = require.resolve('graphql-jit', { paths: [mercurius] });
const graphql = require.resolve('graphql');
const schemaFile = resolve(__dirname, '..', 'schema.graphql');

const QUERIES = [
  `query($org: ID!, $first: Int, $after: String, $last: Int, $before: String, $filter: MemberFilter, $orderBy: MemberOrder) {
     members(organisationId: $org, first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {
       totalCount edges { cursor node { id fullName phones { e164 } emails { address } } } pageInfo { hasNextPage endCursor } } }`,
  `mutation($input: CreateMemberInput!) { createMember(input: $input) { id } }`,
  `mutation($id: ID!, $input: UpdateMemberInput!) { updateMember(id: $id, input: $input) { id } }`,
  `query($org: ID!, $scope: InsightsScopeInput) { insights(organisationId: $org, scope: $scope) { total { count suppressed }
     breakdown(dimension: STATUS) { rows { key label count suppressed } otherCount { count } total { count } }
     membershipByMonth(months: 24) { month total { count } joiners { count } leavers { count } net { count suppressed } }
     topIssues(limit: 3, by: REGION) { key count unit unitLabel } reach { smsReachable { count } } } }`,
];

it('every query shape the apps send compiles under graphql-jit (no recursive input types)', () => {
  const script = `
    const { buildSchema, parse } = require(${JSON.stringify(graphql)});
    const { compileQuery, isCompiledQuery } = require(${JSON.stringify(graphqlJit)});
    const schema = buildSchema(require('fs').readFileSync(${JSON.stringify(schemaFile)}, 'utf8'));
    for (const q of JSON.parse(process.argv[1])) {
      if (!isCompiledQuery(compileQuery(schema, parse(q)))) { console.error('not compiled: ' + q); process.exit(1); }
    }`;
  const result = spawnSync(process.execPath, ['-e', script, JSON.stringify(QUERIES)], { timeout: 30000, encoding: 'utf8' });
  expect(result.error).toBeUndefined(); // a timeout here means graphql-jit is looping
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
});
