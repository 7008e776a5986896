'use strict';
// The floor for the members page: plain node:http + pg, no framework, running EXACTLY the statements the API runs for
// the same GraphQL request and answering with the same JSON. Whatever the API costs above this is framework + app code.
//
// Where the SQL comes from: apps/api/src/member/member.repository.ts (MemberRepository.page, MEMBER_COLUMNS) with the
// WHERE/ORDER BY pieces from apps/api/src/member/member.sql.ts (buildMemberFilter, searchCondition, keysetClauses,
// MEMBER_SORTS.LAST_NAME), inside the per-request transaction of apps/api/src/common/request-context.ts (TypeORM
// QueryRunner: START TRANSACTION … COMMIT). run.cjs re-captures the API's statements at every run (pg hooked in a
// throwaway API process) and refuses to benchmark if they differ from these, text and parameters.
//
// Row-level security: the API opens each request's transaction with START TRANSACTION and the settings statement of
// request-context.ts (rlsSettingsSql: the reach, the user id, SET LOCAL ROLE muster_app) in one round trip. Started
// with FLOOR_RLS_ORGANISATION_IDS (comma-separated, in the API's order) and FLOOR_RLS_USER_ID, the floor sends the
// same statement for a FIXED principal: it does no authentication lookup (run.cjs). Without them it sends a plain
// START TRANSACTION (rls.cjs's floor: no auth, no RLS).
const http = require('node:http');
const { Pool } = require('pg');

const COLUMNS =
  'm.organisation_id, m.id, m.first_name, m.last_name, m.email, m.phone, m.postcode, m.region, m.branch, ' +
  'm.workplace, m.employer, m.membership_number, m.status, m.joined_on, m.left_on, m.tags, m.issues, ' +
  'm.sms_consent, m.email_consent, m.support_level, m.engagement_score, m.created_at, m.updated_at';
// MEMBER_SORTS.LAST_NAME.keys: the trigger-kept, C-collated name keys (the columns of the member_last_name_sort
// index; plain columns so the comparisons are leakproof and stay index conditions under row-level security).
const K0 = 'm.last_name_key';
const K1 = 'm.first_name_key';
const ORDER = `ORDER BY ${K0} ASC, ${K1} ASC, m.id ASC`;
const SELECT = `SELECT ${COLUMNS}, ${K0} AS k0, ${K1} AS k1 FROM member m `;

const SQL = {
  // members(organisationId, first: 50, orderBy: {field: LAST_NAME}) — no filter, first page.
  page: `${SELECT}WHERE m.organisation_id = $1 AND TRUE AND TRUE ${ORDER} LIMIT $2`,
  // filter: { status: { eq }, region: { eq } }
  filter: `${SELECT}WHERE m.organisation_id = $1 AND TRUE AND (m.status = $2::member_status AND m.region = $3) ${ORDER} LIMIT $4`,
  // filter: { search: "<one word>" } — a surname prefix (as @muster/domain classifies one word); sorted by surname, the
  // API keeps the sort index (the prefix fixes the leading sort key, so the walk is one short range).
  // searchCondition: the prefix as a range [prefix, prefixUpperBound(prefix)).
  search: `${SELECT}WHERE m.organisation_id = $1 AND TRUE AND (${K0} >= $2 AND ${K0} < $3) ${ORDER} LIMIT $4`,
};
const BEGIN = 'START TRANSACTION';
const COMMIT = 'COMMIT';
const APP_ROLE = 'muster_app';

/** START TRANSACTION + request-context.ts's rlsSettingsSql(reach, principal, 'muster_app'), as one simple-protocol string. */
function rlsBegin({ organisationIds, userId, role = APP_ROLE }) {
  return `${BEGIN}; SELECT set_config('muster.organisation_ids', '${organisationIds.join(',')}', true), set_config('muster.user_id', '${userId}', true)` +
    (role ? `, set_config('role', '${role}', true)` : '');
}

/** The statement that opens each transaction, from the environment (see the header). */
function beginFromEnv(env = process.env) {
  if (!env.FLOOR_RLS_ORGANISATION_IDS) return BEGIN;
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  const ids = env.FLOOR_RLS_ORGANISATION_IDS.split(',');
  const userId = env.FLOOR_RLS_USER_ID ?? '';
  if (!ids.every((id) => uuid.test(id)) || !uuid.test(userId)) throw new Error('FLOOR_RLS_ORGANISATION_IDS / FLOOR_RLS_USER_ID must be lower-case uuids');
  return rlsBegin({ organisationIds: ids, userId });
}

/** member.sql.ts's prefixUpperBound: the prefix with its last code point incremented (surrogates skipped). */
function prefixUpperBound(prefix) {
  const points = Array.from(prefix);
  while (points.length > 0) {
    const last = points.pop().codePointAt(0);
    if (last < 0x10ffff) { points.push(String.fromCodePoint(last + 1 === 0xd800 ? 0xe000 : last + 1)); return points.join(''); }
  }
  return null;
}

/** The statement and parameters for one request's variables (the same as the API derives from them). */
function statementFor(variables) {
  const org = variables.org;
  const limit = (variables.first ?? 50) + 1;
  const f = variables.filter;
  if (!f) return { text: SQL.page, values: [org, limit] };
  if (f.search != null) {
    const prefix = f.search.trim().toLocaleLowerCase('en-GB');
    return { text: SQL.search, values: [org, prefix, prefixUpperBound(prefix), limit] };
  }
  return { text: SQL.filter, values: [org, f.status.eq, f.region.eq, limit] };
}

const cursorOf = (r) => Buffer.from(JSON.stringify(['LAST_NAME:ASC', r.k0, r.k1, r.id]), 'utf8').toString('base64url');

async function page(pool, variables, begin) {
  const { text, values } = statementFor(variables);
  const client = await pool.connect();
  let rows;
  try {
    await client.query(begin);
    rows = (await client.query(text, values)).rows;
    await client.query(COMMIT);
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release(err);
    throw err;
  }
  client.release();
  const first = variables.first ?? 50;
  const edges = rows.slice(0, first).map((r) => ({
    cursor: cursorOf(r),
    node: { id: r.id, firstName: r.first_name, lastName: r.last_name, email: r.email, phone: r.phone, status: r.status, region: r.region, branch: r.branch },
  }));
  return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.length ? edges[edges.length - 1].cursor : null } };
}

function main() {
  const begin = beginFromEnv();
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE ?? 20), connectionTimeoutMillis: 5000, application_name: 'muster-bench-floor' });
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      let variables;
      try { variables = JSON.parse(Buffer.concat(chunks).toString()).variables; } catch { res.writeHead(400).end(); return; }
      page(pool, variables, begin).then(
        (members) => {
          const json = JSON.stringify({ data: { members } });
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
          res.end(json);
        },
        (err) => { res.writeHead(500, { 'content-type': 'application/json' }); res.end(JSON.stringify({ errors: [{ message: err.message }] })); },
      );
    });
  });
  server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('ready'));
  process.on('SIGTERM', () => { server.close(); void pool.end(); });
}

if (require.main === module) main();
module.exports = { SQL, BEGIN, COMMIT, APP_ROLE, rlsBegin, beginFromEnv, statementFor };
