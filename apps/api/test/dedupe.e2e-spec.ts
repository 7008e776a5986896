/**
 * The duplicate review queue against a real database: each rule's suggestions (and what each rule must not
 * match), stable ids across refreshes, paging and the rule filter, "not a duplicate" never re-suggested, merges
 * closing suggestions, and that another organisation's callers and roles without member:merge get nothing.
 */
import type { Client } from 'pg';
import { RequestContext } from '../src/common/request-context';
import { createTestApiKey, createTestUser, type TestUser } from './support/auth';
import { connect } from './support/database';
import { startTestApp, type TestApp } from './support/test-app';
import { addMember, addOrganisation, snapshotOrganisation } from './dedupe.helpers';

const A = '01937000-0000-7000-8000-00000000dda1';
const B = '01937000-0000-7000-8000-00000000ddb1';

let t: TestApp;
let db: Client;
let organiser: TestUser;

const REFRESH = `mutation($org: ID!) { refreshDuplicateSuggestions(organisationId: $org) }`;
const LIST = `query($org: ID!, $rule: DuplicateRule, $first: Int, $after: String) {
  duplicateSuggestions(organisationId: $org, rule: $rule, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor node { id organisationId rule matchedValue createdAt members { id firstName emails { address } phones { e164 type } } } } } }`;
const NOT_DUPLICATE = `mutation($id: ID!) { markNotDuplicate(suggestionId: $id) }`;

interface Suggestion { id: string; organisationId: string; rule: string; matchedValue: string; members: { id: string; firstName: string }[] }
type ListResult = { duplicateSuggestions: { totalCount: number; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null }; edges: { cursor: string; node: Suggestion }[] } };

async function refresh(headers: Record<string, string> = organiser.headers, org = A) {
  return t.gql<{ refreshDuplicateSuggestions: number }>(REFRESH, { org }, headers);
}

async function list(variables: Record<string, unknown> = {}, headers: Record<string, string> = organiser.headers) {
  return t.gql<ListResult>(LIST, { org: A, ...variables }, headers);
}

async function suggestions(rule?: string): Promise<Suggestion[]> {
  const res = await list({ rule, first: 200 });
  expect(res.body.errors).toBeUndefined();
  return res.body.data!.duplicateSuggestions.edges.map((e) => e.node);
}

const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp();
  db = await connect(t.databaseUrl);
  await addOrganisation(db, A, 'Dedupe Union A');
  await addOrganisation(db, B, 'Dedupe Union B');
  organiser = await createTestUser(t.databaseUrl, [{ organisationId: A, role: 'ORGANISER' }]);
  // SAME_EMAIL: ann1 and ann2 share an address (ann2's second one).
  ids.ann1 = await addMember(db, A, { firstName: 'Ann', lastName: 'Lee', emails: ['ann@lee.example'] });
  ids.ann2 = await addMember(db, A, { firstName: 'Annie', lastName: 'Lee', emails: ['annie@work.example', 'ann@lee.example'] });
  // SAME_MOBILE: bob1 and bob2 share a mobile; cat1 and cat2 share only a landline (not a rule).
  ids.bob1 = await addMember(db, A, { firstName: 'Bob', lastName: 'Ray', phones: [{ e164: '+447700900100', type: 'MOBILE' }] });
  ids.bob2 = await addMember(db, A, { firstName: 'Robert', lastName: 'Ray', phones: [{ e164: '+441134960100', type: 'LANDLINE' }, { e164: '+447700900100', type: 'MOBILE' }] });
  ids.cat1 = await addMember(db, A, { firstName: 'Cat', lastName: 'Hill', phones: [{ e164: '+441134960200', type: 'LANDLINE' }] });
  ids.cat2 = await addMember(db, A, { firstName: 'Kate', lastName: 'Hill', phones: [{ e164: '+441134960200', type: 'LANDLINE' }] });
  // SAME_NAME_POSTCODE: case and spacing differ; dan3 has the name elsewhere; eve1/eve2 have no postcode.
  ids.dan1 = await addMember(db, A, { firstName: 'Dan', lastName: "O'Neil", postcode: 'LS1 4AP' });
  ids.dan2 = await addMember(db, A, { firstName: 'DAN', lastName: "o'neil", postcode: 'ls14ap' });
  ids.dan3 = await addMember(db, A, { firstName: 'Dan', lastName: "O'Neil", postcode: 'CF10 1AA' });
  ids.eve1 = await addMember(db, A, { firstName: 'Eve', lastName: 'Moss' });
  ids.eve2 = await addMember(db, A, { firstName: 'Eve', lastName: 'Moss' });
  // B holds the same email, mobile and name+postcode as A's members: never grouped with A's.
  ids.bAnn = await addMember(db, B, { firstName: 'Dan', lastName: "O'Neil", postcode: 'LS1 4AP', emails: ['ann@lee.example'], phones: [{ e164: '+447700900100', type: 'MOBILE' }] });
}, 120000);

afterAll(async () => {
  await db?.end();
  await t?.close();
});

describe('refreshDuplicateSuggestions and duplicateSuggestions', () => {
  it('finds each rule\'s groups within the organisation only, and nothing else', async () => {
    const res = await refresh();
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.refreshDuplicateSuggestions).toBe(3);
    const all = await suggestions();
    expect(all.map((s) => ({ rule: s.rule, matchedValue: s.matchedValue, members: s.members.map((m) => m.id).sort(), organisationId: s.organisationId }))).toEqual([
      { rule: 'SAME_EMAIL', matchedValue: 'ann@lee.example', members: [ids.ann1, ids.ann2].sort(), organisationId: A },
      { rule: 'SAME_MOBILE', matchedValue: '+447700900100', members: [ids.bob1, ids.bob2].sort(), organisationId: A },
      { rule: 'SAME_NAME_POSTCODE', matchedValue: "dan o'neil, LS14AP", members: [ids.dan1, ids.dan2].sort(), organisationId: A },
    ]);
    const { rows } = await db.query(`SELECT details FROM audit_event WHERE organisation_id = $1 AND action = 'member.duplicates.refresh'`, [A]);
    expect(rows).toEqual([{ details: { open: 3 } }]);
  });

  it('filters by rule and pages with cursors', async () => {
    expect((await suggestions('SAME_MOBILE')).map((s) => s.rule)).toEqual(['SAME_MOBILE']);
    const first = await list({ first: 2 });
    expect(first.body.data!.duplicateSuggestions).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true, hasPreviousPage: false } });
    const second = await list({ first: 2, after: first.body.data!.duplicateSuggestions.pageInfo.endCursor });
    expect(second.body.data!.duplicateSuggestions.edges.map((e) => e.node.rule)).toEqual(['SAME_NAME_POSTCODE']);
    expect(second.body.data!.duplicateSuggestions.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const filtered = await list({ rule: 'SAME_EMAIL', first: 1 });
    expect(filtered.body.data!.duplicateSuggestions.totalCount).toBe(1);
    // A cursor from the unfiltered list is refused under a filter.
    const mixed = await list({ rule: 'SAME_EMAIL', after: first.body.data!.duplicateSuggestions.pageInfo.endCursor });
    expect(mixed.body.errors?.[0].extensions.code).toBe('VALIDATION_FAILED');
  });

  it('a second refresh keeps the same suggestions (same ids); a new member joins its group', async () => {
    const before = await suggestions();
    expect((await refresh()).body.data!.refreshDuplicateSuggestions).toBe(3);
    expect(await suggestions()).toEqual(before);
    ids.ann3 = await addMember(db, A, { firstName: 'A', lastName: 'Lee', emails: ['ann@lee.example'] });
    await refresh();
    const email = (await suggestions('SAME_EMAIL'))[0];
    expect(email.id).toBe(before[0].id);
    expect(email.members.map((m) => m.id).sort()).toEqual([ids.ann1, ids.ann2, ids.ann3].sort());
    await db.query(`DELETE FROM member WHERE id = $1`, [ids.ann3]);
    await refresh();
    expect((await suggestions('SAME_EMAIL'))[0].members.map((m) => m.id).sort()).toEqual([ids.ann1, ids.ann2].sort());
  });
});

describe('the recompute is set-based', () => {
  it('issues the same statements for 3 groups as for 300 (no per-member or per-group work)', async () => {
    const statements = async () => {
      let n = 0;
      const original = RequestContext.prototype.query;
      const spy = jest.spyOn(RequestContext.prototype, 'query').mockImplementation(function (this: RequestContext, sql: string, params?: unknown[]) {
        n++;
        return original.call(this, sql, params) as never;
      });
      try {
        expect((await refresh()).body.errors).toBeUndefined();
      } finally {
        spy.mockRestore();
      }
      return n;
    };
    const small = await statements();
    // 300 more pairs sharing an email (removed again below).
    await db.query(`CREATE TEMP TABLE bulk AS SELECT gen_random_uuid() AS id, i FROM generate_series(1, 600) AS i`);
    await db.query(`INSERT INTO member (organisation_id, id, first_name, last_name) SELECT $1, id, 'Bulk', 'Member ' || i FROM bulk`, [A]);
    await db.query(`INSERT INTO member_email (organisation_id, id, member_id, address, is_primary, position)
      SELECT $1, gen_random_uuid(), id, 'bulk' || (i % 300) || '@x.example', true, 0 FROM bulk`, [A]);
    try {
      expect(await statements()).toBe(small);
      expect((await list({ rule: 'SAME_EMAIL', first: 1 })).body.data!.duplicateSuggestions.totalCount).toBe(301);
    } finally {
      await db.query(`DELETE FROM member WHERE id IN (SELECT id FROM bulk)`);
      await db.query(`DROP TABLE bulk`);
      await refresh();
    }
    expect((await list()).body.data!.duplicateSuggestions.totalCount).toBe(3);
  });
});

describe('markNotDuplicate', () => {
  it('takes the group out of the queue for good, under any rule, until someone new joins it', async () => {
    const email = (await suggestions('SAME_EMAIL'))[0];
    const res = await t.gql<{ markNotDuplicate: boolean }>(NOT_DUPLICATE, { id: email.id }, organiser.headers);
    expect(res.body).toEqual({ data: { markNotDuplicate: true } });
    expect(await suggestions('SAME_EMAIL')).toEqual([]);
    expect((await refresh()).body.data!.refreshDuplicateSuggestions).toBe(2);
    expect(await suggestions('SAME_EMAIL')).toEqual([]);
    // The same two people sharing a mobile as well: still not duplicates.
    await db.query(`INSERT INTO member_phone (organisation_id, id, member_id, e164, type, is_primary, position)
      SELECT $1, gen_random_uuid(), id, '+447700900999', 'MOBILE', false, 5 FROM member WHERE id = ANY($2::uuid[])`, [A, [ids.ann1, ids.ann2]]);
    await refresh();
    expect(await suggestions('SAME_MOBILE')).toHaveLength(1); // only Bob's
    // Someone new with that address: the group is new, so it is suggested again.
    ids.ann4 = await addMember(db, A, { firstName: 'Ann', lastName: 'Lee', emails: ['ann@lee.example'] });
    await refresh();
    expect((await suggestions('SAME_EMAIL'))[0].members.map((m) => m.id).sort()).toEqual([ids.ann1, ids.ann2, ids.ann4].sort());
    const { rows } = await db.query(`SELECT target_ids, details->>'suggestionId' AS suggestion FROM audit_event WHERE organisation_id = $1 AND action = 'member.not_duplicate'`, [A]);
    expect(rows).toEqual([{ target_ids: email.members.map((m) => m.id).sort(), suggestion: email.id }]);
    expect((await t.gql(NOT_DUPLICATE, { id: email.id }, organiser.headers)).body.errors?.[0].extensions.code).toBe('NOT_FOUND');
  });

  it('a merge closes the suggestion it resolves', async () => {
    const mobile = (await suggestions('SAME_MOBILE'))[0];
    const res = await t.gql(`mutation($input: MergeMembersInput!) { mergeMembers(input: $input) { id } }`,
      { input: { organisationId: A, survivorId: ids.bob1, mergedIds: [ids.bob2], suggestionId: mobile.id } }, organiser.headers);
    expect(res.body.errors).toBeUndefined();
    expect(await suggestions('SAME_MOBILE')).toEqual([]);
    await refresh();
    expect(await suggestions('SAME_MOBILE')).toEqual([]);
  });
});

describe('organisations and roles', () => {
  it("another organisation's user and API key cannot list, refresh or dismiss A's suggestions, nor learn anything", async () => {
    await refresh();
    const target = (await suggestions())[0];
    const outsiders = [
      (await createTestUser(t.databaseUrl, [{ organisationId: B, role: 'ORGANISER' }])).headers,
      (await createTestUser(t.databaseUrl, [{ organisationId: B, role: 'AGENCY_ADMIN' }])).headers,
      (await createTestApiKey(t.databaseUrl, B, 'AGENCY_ADMIN')).headers,
    ];
    const before = await snapshotOrganisation(db, [A], []);
    for (const headers of outsiders) {
      for (const res of [await list({}, headers), await refresh(headers), await t.gql(NOT_DUPLICATE, { id: target.id }, headers)]) {
        expect(res.body.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
        expect(res.body.data).toBeNull();
        const text = JSON.stringify(res.body);
        for (const secret of [target.id, target.matchedValue, ...target.members.map((m) => m.id)]) expect(text).not.toContain(secret);
      }
      // Their own queue holds only their own members (B's lone member matches nobody there).
      const own = await refresh(headers, B);
      expect(own.body.data!.refreshDuplicateSuggestions).toBe(0);
    }
    expect(await snapshotOrganisation(db, [A], [])).toEqual(before);
  });

  it('roles without member:merge get FORBIDDEN and change nothing', async () => {
    const target = (await suggestions())[0];
    const insiders = [
      (await createTestUser(t.databaseUrl, [{ organisationId: A, role: 'CLIENT_ADMIN' }])).headers,
      (await createTestUser(t.databaseUrl, [{ organisationId: A, role: 'CLIENT_VIEWER' }])).headers,
      (await createTestUser(t.databaseUrl, [{ organisationId: A, role: 'VOLUNTEER' }])).headers,
      (await createTestApiKey(t.databaseUrl, A, 'VOLUNTEER')).headers,
    ];
    const before = await snapshotOrganisation(db, [A], ['api_key']);
    for (const headers of insiders) {
      for (const res of [await list({}, headers), await refresh(headers), await t.gql(NOT_DUPLICATE, { id: target.id }, headers)]) {
        expect(res.body.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
        expect(res.body.data).toBeNull();
      }
    }
    expect(await snapshotOrganisation(db, [A], ['api_key'])).toEqual(before);
  });
});
