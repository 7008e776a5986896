/**
 * Segments through the API against a real PostgreSQL: every condition kind (NOT cases with NULLs, consent,
 * reachable, import provenance, snapshots) against expectations computed here from the generated rows with the
 * documented rules (docs/segments.md), written independently of the SQL; the members list and the export by
 * segment (keyset pages in every sort); create/update/delete/freeze/unfreeze with their audit events and rules;
 * validation paths; the count timeout; and another organisation's user or API key getting NOT_FOUND everywhere.
 */
import type { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { createTestApiKey, createTestUser, type TestUser } from './support/auth';
import { connect } from './support/database';
import { buildFixture, loadFixture, OTHER_ID, UNION_ID, type FixtureMember } from './support/fixture';
import { startTestApp, type GqlResponse, type TestApp } from './support/test-app';
import { csvObjects, exportUrl, getExport } from './export.helpers';

const fixture = buildFixture(80);
const union = fixture.members.filter((m) => m.organisationId === UNION_ID);
const other = fixture.members.filter((m) => m.organisationId === OTHER_ID);
const IMPORT_1 = uuidv7();
const IMPORT_2 = uuidv7();
const OTHER_IMPORT = uuidv7();
let t: TestApp;
let db: Client;
let organiser: TestUser;
let outsider: TestUser;
let outsiderKey: { headers: Record<string, string> };
/** member id → the imports that touched it (set up in beforeAll). */
const importsOf = new Map<string, string[]>();

type Cond = Record<string, unknown>;
const cond = (field: string, op: string, rest: Record<string, unknown> = {}): Cond => ({ type: 'condition', field, op, ...rest });
const group = (op: 'and' | 'or' | 'not', children: unknown[]) => ({ type: 'group', op, children });
const def = (...children: unknown[]) => ({ version: 1, root: group('and', children) });

// ---- The documented semantics, evaluated over the fixture rows (independent of the SQL) ----
function hasMobile(m: FixtureMember): boolean {
  return m.phones.some((p) => p.type === 'MOBILE');
}
function matches(node: Record<string, unknown>, m: FixtureMember, snapshots: Map<string, Set<string>>): boolean {
  if (node.type === 'group') {
    const children = node.children as Record<string, unknown>[];
    const results = children.map((c) => matches(c, m, snapshots));
    if (node.op === 'and') return results.every(Boolean);
    if (node.op === 'or') return results.some(Boolean);
    return !results.some(Boolean);
  }
  const values = (node.values as string[] | undefined) ?? [];
  const op = node.op as string;
  const text = (v: string | null) => {
    if (op === 'isEmpty') return v === null;
    if (op === 'isNotEmpty') return v !== null;
    const inList = v !== null && values.includes(v);
    return op === 'in' ? inList : !inList; // notIn: members without a value are "not in"
  };
  const list = (v: string[]) =>
    op === 'anyOf' ? values.some((x) => v.includes(x)) : op === 'allOf' ? values.every((x) => v.includes(x)) : !values.some((x) => v.includes(x));
  const date = (v: string | null) => {
    if (op === 'unknown') return v === null;
    if (v === null) return false;
    if (op === 'before') return v < (node.value as string);
    if (op === 'after') return v > (node.value as string);
    return v >= (node.from as string) && v <= (node.to as string);
  };
  switch (node.field) {
    case 'status': return op === 'in' ? values.includes(m.status) : !values.includes(m.status);
    case 'region': return text(m.region);
    case 'branch': return text(m.branch);
    case 'workplace': return text(m.workplace);
    case 'employer': return text(m.employer);
    case 'tags': return list(m.tags);
    case 'issues': return list(m.issues);
    case 'smsConsent': return op === 'in' ? values.includes(m.smsConsent) : !values.includes(m.smsConsent);
    case 'emailConsent': return op === 'in' ? values.includes(m.emailConsent) : !values.includes(m.emailConsent);
    case 'reachableBySms': return (hasMobile(m) && m.smsConsent === 'GRANTED') === (op === 'is');
    case 'reachableByEmail': return (m.emails.length > 0 && m.emailConsent === 'GRANTED') === (op === 'is');
    case 'supportLevel': {
      const v = m.supportLevel;
      if (op === 'unknown') return v === null;
      if (v === null) return false;
      return op === 'eq' ? v === node.value : op === 'lte' ? v <= (node.value as number) : v >= (node.value as number);
    }
    case 'joinedOn': return date(m.joinedOn);
    case 'leftOn': return date(m.leftOn);
    case 'import': {
      const came = (importsOf.get(m.id) ?? []).some((i) => values.includes(i));
      return op === 'in' ? came : !came;
    }
    case 'segmentSnapshot': {
      const inSnapshot = values.some((id) => snapshots.get(id)?.has(m.id));
      return op === 'in' ? inSnapshot : !inSnapshot;
    }
  }
  throw new Error(`test evaluator: unknown field ${String(node.field)}`);
}
function expectedIds(definition: { root: unknown }, snapshots = new Map<string, Set<string>>()): string[] {
  return union.filter((m) => matches(definition.root as Record<string, unknown>, m, snapshots)).map((m) => m.id).sort();
}

// ---- API helpers ----
async function gql<T = Record<string, unknown>>(query: string, variables: Record<string, unknown>, headers = organiser.headers): Promise<GqlResponse<T>> {
  return t.gql<T>(query, variables, headers);
}
const SEGMENT_FIELDS = 'id organisationId name description definition memberCount createdBy createdAt updatedAt frozenAt';
async function preview(definition: unknown, organisationId = UNION_ID, headers = organiser.headers) {
  return gql<{ segmentPreview: { memberCount: number; tookMs: number } }>(
    `query($o: ID!, $d: SegmentDefinition!) { segmentPreview(organisationId: $o, definition: $d) { memberCount tookMs } }`, { o: organisationId, d: definition }, headers);
}
async function create(name: string, definition: unknown, headers = organiser.headers, organisationId = UNION_ID) {
  return gql<{ createSegment: { id: string; memberCount: number; definition: unknown; frozenAt: string | null } }>(
    `mutation($i: CreateSegmentInput!) { createSegment(input: $i) { ${SEGMENT_FIELDS} } }`, { i: { organisationId, name, definition } }, headers);
}
async function createOk(name: string, definition: unknown): Promise<string> {
  const res = await create(name, definition);
  expect(res.body.errors).toBeUndefined();
  return res.body.data!.createSegment.id;
}
async function memberIdsOf(filter: Record<string, unknown>, orderBy: Record<string, unknown> | null = null, pageSize = 200, organisationId = UNION_ID, headers = organiser.headers) {
  const ids: string[] = [];
  let after: string | null = null;
  let total = -1;
  for (;;) {
    const res: GqlResponse<{ members: { totalCount: number; edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }> = await gql(
      `query($o: ID!, $f: MemberFilter, $ob: MemberOrder, $first: Int, $after: String) {
         members(organisationId: $o, filter: $f, orderBy: $ob, first: $first, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
      { o: organisationId, f: filter, ob: orderBy, first: pageSize, after }, headers);
    if (res.body.errors) return { errors: res.body.errors, ids, total };
    const page = res.body.data!.members;
    total = page.totalCount;
    ids.push(...page.edges.map((e) => e.node.id));
    if (!page.pageInfo.hasNextPage) return { errors: undefined, ids, total };
    after = page.pageInfo.endCursor;
  }
}
function codeOf(res: GqlResponse<unknown>): string | undefined {
  return res.body.errors?.[0]?.extensions.code;
}

beforeAll(async () => {
  t = await startTestApp();
  db = await connect(t.databaseUrl);
  await loadFixture(db, fixture);
  organiser = await createTestUser(t.databaseUrl, [{ organisationId: UNION_ID, role: 'ORGANISER' }]);
  outsider = await createTestUser(t.databaseUrl, [{ organisationId: OTHER_ID, role: 'ORGANISER' }]);
  outsiderKey = await createTestApiKey(t.databaseUrl, OTHER_ID, 'ORGANISER');
  // Two imports of the union and one of the other organisation, with the members they touched.
  for (const [org, id] of [[UNION_ID, IMPORT_1], [UNION_ID, IMPORT_2], [OTHER_ID, OTHER_IMPORT]]) {
    await db.query(`INSERT INTO member_import (organisation_id, id, file_name, byte_size, chunk_count, encoding, delimiter, has_header, status, columns, created_by)
      VALUES ($1, $2, 'members.csv', 1, 0, 'utf-8', ',', true, 'COMPLETED', '[]', 'test')`, [org, id]);
  }
  const touch = async (org: string, importId: string, members: FixtureMember[], outcome: string) => {
    for (const m of members) {
      await db.query(`INSERT INTO member_import_member (organisation_id, import_id, member_id, outcome) VALUES ($1, $2, $3, $4)`, [org, importId, m.id, outcome]);
      importsOf.set(m.id, [...(importsOf.get(m.id) ?? []), importId]);
    }
  };
  await touch(UNION_ID, IMPORT_1, union.slice(0, 30), 'CREATED');
  await touch(UNION_ID, IMPORT_2, union.slice(20, 45), 'UPDATED');
  await touch(OTHER_ID, OTHER_IMPORT, other, 'CREATED');
}, 60000);

afterAll(async () => {
  await db?.end();
  await t?.close();
});

describe('the fixture', () => {
  it('has the cases the tests rely on (NULL regions and support levels, every consent, mobiles and none)', () => {
    expect(union.some((m) => m.region === null)).toBe(true);
    expect(union.some((m) => m.supportLevel === null)).toBe(true);
    expect(union.some((m) => m.joinedOn === null)).toBe(true);
    expect(new Set(union.map((m) => m.smsConsent)).size).toBe(3);
    expect(union.some((m) => !hasMobile(m) && m.smsConsent === 'GRANTED')).toBe(true);
    expect(union.some((m) => m.emails.length === 0 && m.emailConsent === 'GRANTED')).toBe(true);
  });
});

describe('segment filters against hand-computed expectations', () => {
  const cases: [string, ReturnType<typeof def>][] = [
    ['every member (empty root)', def()],
    ['status in', def(cond('status', 'in', { values: ['ACTIVE', 'LAPSED'] }))],
    ['status not in', def(cond('status', 'notIn', { values: ['ACTIVE'] }))],
    ['region in', def(cond('region', 'in', { values: ['Wales', 'Scotland'] }))],
    ['region not in includes members without a region', def(cond('region', 'notIn', { values: ['Wales'] }))],
    ['NOT (region in) equals region not in (NULLs included)', def(group('not', [cond('region', 'in', { values: ['Wales'] })]))],
    ['region is empty', def(cond('region', 'isEmpty'))],
    ['region is not empty', def(cond('region', 'isNotEmpty'))],
    ['branch, workplace and employer', def(cond('branch', 'in', { values: ['Leeds 1', 'Cardiff'] }), cond('workplace', 'notIn', { values: ['Town Hall'] }), cond('employer', 'in', { values: ['NHS'] }))],
    ['tags any of', def(cond('tags', 'anyOf', { values: ['rep', 'steward'] }))],
    ['tags all of', def(cond('tags', 'allOf', { values: ['rep', 'new'] }))],
    ['issues none of', def(cond('issues', 'noneOf', { values: ['pay', 'safety'] }))],
    ['NOT (issues all of)', def(group('not', [cond('issues', 'allOf', { values: ['pay', 'hours'] })]))],
    ['sms consent granted', def(cond('smsConsent', 'in', { values: ['GRANTED'] }))],
    ['email consent not unknown', def(cond('emailConsent', 'notIn', { values: ['UNKNOWN'] }))],
    ['reachable by SMS (mobile and consent)', def(cond('reachableBySms', 'is'))],
    ['not reachable by SMS', def(cond('reachableBySms', 'isNot'))],
    ['reachable by email (address and consent)', def(cond('reachableByEmail', 'is'))],
    ['NOT reachable by email', def(group('not', [cond('reachableByEmail', 'is')]))],
    ['support level ≥ 3', def(cond('supportLevel', 'gte', { value: 3 }))],
    ['NOT (support level ≥ 3) includes unknown support', def(group('not', [cond('supportLevel', 'gte', { value: 3 })]))],
    ['support level = 2 or ≤ 1', def(group('or', [cond('supportLevel', 'eq', { value: 2 }), cond('supportLevel', 'lte', { value: 1 })]))],
    ['support level unknown', def(cond('supportLevel', 'unknown'))],
    ['joined before', def(cond('joinedOn', 'before', { value: '2016-01-01' }))],
    ['NOT joined before includes unknown joining dates', def(group('not', [cond('joinedOn', 'before', { value: '2016-01-01' })]))],
    ['joined between (inclusive)', def(cond('joinedOn', 'between', { from: '2015-01-01', to: '2019-12-31' }))],
    ['joined after or unknown', def(group('or', [cond('joinedOn', 'after', { value: '2020-06-30' }), cond('joinedOn', 'unknown')]))],
    ['left on or after a date', def(cond('leftOn', 'after', { value: '2025-01-01' }))],
    ['came from import 1', def(cond('import', 'in', { values: [IMPORT_1] }))],
    ['came from import 1 or 2', def(cond('import', 'in', { values: [IMPORT_1, IMPORT_2] }))],
    ['did not come from import 2', def(cond('import', 'notIn', { values: [IMPORT_2] }))],
    ['nested: (North West or no region) and not (lapsed or left) and reachable', def(
      group('or', [cond('region', 'in', { values: ['North West'] }), cond('region', 'isEmpty')]),
      group('not', [cond('status', 'in', { values: ['LAPSED'] }), cond('status', 'in', { values: ['LEFT'] })]),
      group('or', [cond('reachableBySms', 'is'), cond('reachableByEmail', 'is')]),
    )],
    ['double negation', def(group('not', [group('not', [cond('region', 'notIn', { values: ['Scotland'] }), cond('supportLevel', 'unknown')])]))],
    ['not of an and (De Morgan)', def(group('not', [group('and', [cond('employer', 'in', { values: ['NHS'] }), cond('supportLevel', 'gte', { value: 4 })])]))],
  ];

  it.each(cases)('%s: preview count, saved segment count and member list all match', async (_name, definition) => {
    const expected = expectedIds(definition);
    const p = await preview(definition);
    expect(p.body.errors).toBeUndefined();
    expect(p.body.data!.segmentPreview.memberCount).toBe(expected.length);
    const id = await createOk(`Case ${_name}`, definition);
    const got = await gql<{ segment: { memberCount: number } }>(`query($id: ID!) { segment(id: $id) { memberCount } }`, { id });
    expect(got.body.data!.segment.memberCount).toBe(expected.length);
    const list = await memberIdsOf({ segmentId: id });
    expect(list.errors).toBeUndefined();
    expect(list.total).toBe(expected.length);
    expect([...list.ids].sort()).toEqual(expected);
  });

  it('the cases are not trivial: NOT and NULL cases differ from their naive SQL reading', () => {
    const notIn = expectedIds(def(cond('region', 'notIn', { values: ['Wales'] })));
    const withRegion = union.filter((m) => m.region !== null && m.region !== 'Wales').length;
    expect(notIn.length).toBeGreaterThan(withRegion);
    expect(expectedIds(def(cond('reachableBySms', 'is'))).length).toBeLessThan(expectedIds(def(cond('smsConsent', 'in', { values: ['GRANTED'] }))).length);
  });

  it('members by segment combine with other filters and keep keyset paging in every sort', async () => {
    const definition = def(cond('status', 'in', { values: ['ACTIVE', 'LAPSED'] }));
    const id = await createOk('Paging by segment', definition);
    const expected = expectedIds(definition);
    for (const field of ['LAST_NAME', 'FIRST_NAME', 'JOINED_ON', 'CREATED_AT', 'MEMBERSHIP_NUMBER']) {
      for (const direction of ['ASC', 'DESC']) {
        const whole = await memberIdsOf({ segmentId: id }, { field, direction }, 200);
        const paged = await memberIdsOf({ segmentId: id }, { field, direction }, 7);
        expect(paged.errors).toBeUndefined();
        expect(paged.ids).toEqual(whole.ids);
        expect([...paged.ids].sort()).toEqual(expected);
      }
    }
    const withRegion = await memberIdsOf({ segmentId: id, region: { eq: 'Wales' } });
    expect([...withRegion.ids].sort()).toEqual(union.filter((m) => m.status !== 'LEFT' && m.region === 'Wales').map((m) => m.id).sort());
  });
});

describe('snapshots', () => {
  it('a frozen segment keeps its members while the data changes; unfreezing makes it live again', async () => {
    const definition = def(cond('tags', 'anyOf', { values: ['donor'] }));
    const id = await createOk('Donors snapshot', definition);
    const before = expectedIds(definition);
    const frozen = await gql<{ freezeSegment: { frozenAt: string | null; memberCount: number } }>(`mutation($id: ID!) { freezeSegment(id: $id) { frozenAt memberCount } }`, { id });
    expect(frozen.body.errors).toBeUndefined();
    expect(frozen.body.data!.freezeSegment.frozenAt).not.toBeNull();
    expect(frozen.body.data!.freezeSegment.memberCount).toBe(before.length);

    // A member who is not a donor becomes one: the live definition sees them, the snapshot does not.
    const newcomer = union.find((m) => !m.tags.includes('donor'))!;
    await db.query(`UPDATE member SET tags = array_append(tags, 'donor') WHERE organisation_id = $1 AND id = $2`, [UNION_ID, newcomer.id]);
    try {
      expect((await preview(definition)).body.data!.segmentPreview.memberCount).toBe(before.length + 1);
      const members = await memberIdsOf({ segmentId: id });
      expect([...members.ids].sort()).toEqual(before);
      const got = await gql<{ segment: { memberCount: number } }>(`query($id: ID!) { segment(id: $id) { memberCount } }`, { id });
      expect(got.body.data!.segment.memberCount).toBe(before.length);

      // "In snapshot of segment" inside another definition.
      const snapshots = new Map([[id, new Set(before)]]);
      const using = def(cond('segmentSnapshot', 'in', { values: [id] }), cond('reachableBySms', 'isNot'));
      expect((await preview(using)).body.data!.segmentPreview.memberCount).toBe(expectedIds(using, snapshots).length);
      const notIn = def(cond('segmentSnapshot', 'notIn', { values: [id] }));
      expect((await preview(notIn)).body.data!.segmentPreview.memberCount).toBe(union.length - before.length);
      const userId = await createOk('Uses the donors snapshot', using);

      // Deleting or unfreezing a segment whose snapshot is in use is refused, naming the user.
      const del = await gql(`mutation($id: ID!) { deleteSegment(id: $id) }`, { id });
      expect(codeOf(del)).toBe('VALIDATION_FAILED');
      expect(del.body.errors![0].extensions.fields![0]).toEqual({ path: 'id', message: expect.stringContaining('"Uses the donors snapshot"') });
      const unfreeze = await gql(`mutation($id: ID!) { unfreezeSegment(id: $id) { id } }`, { id });
      expect(codeOf(unfreeze)).toBe('VALIDATION_FAILED');
      // The definition of a frozen segment cannot change.
      const change = await gql(`mutation($id: ID!, $i: UpdateSegmentInput!) { updateSegment(id: $id, input: $i) { id } }`, { id, i: { definition: def(cond('reachableBySms', 'is')) } });
      expect(codeOf(change)).toBe('VALIDATION_FAILED');
      expect(change.body.errors![0].extensions.fields![0].path).toBe('input.definition');

      expect(codeOf(await gql(`mutation($id: ID!) { deleteSegment(id: $id) }`, { id: userId }))).toBeUndefined();
      const live = await gql<{ unfreezeSegment: { frozenAt: string | null; memberCount: number } }>(`mutation($id: ID!) { unfreezeSegment(id: $id) { frozenAt memberCount } }`, { id });
      expect(live.body.data!.unfreezeSegment).toEqual({ frozenAt: null, memberCount: before.length + 1 });
      expect((await db.query(`SELECT count(*)::int AS n FROM segment_member WHERE segment_id = $1`, [id])).rows[0].n).toBe(0);
    } finally {
      await db.query(`UPDATE member SET tags = array_remove(tags, 'donor') WHERE organisation_id = $1 AND id = $2`, [UNION_ID, newcomer.id]);
    }
  });

  it('using the snapshot of a segment that has none is refused', async () => {
    const id = await createOk('Never frozen', def(cond('reachableBySms', 'is')));
    const res = await preview(def(cond('segmentSnapshot', 'in', { values: [id] })));
    expect(codeOf(res)).toBe('VALIDATION_FAILED');
    expect(res.body.errors![0].message).toContain('"Never frozen" has no snapshot');
  });
});

describe('create, update, delete, list and the audit log', () => {
  it('creates with the stable form, lists with counts, search and paging, updates, deletes, and audits each', async () => {
    const created = await create('  Stewards   in Wales ', def(cond('region', 'in', { values: ['Wales', ' Wales'] }), cond('tags', 'anyOf', { values: ['steward'] })));
    expect(created.body.errors).toBeUndefined();
    const segment = created.body.data!.createSegment as unknown as Record<string, unknown>;
    expect(segment.definition).toEqual(def(cond('region', 'in', { values: ['Wales'] }), cond('tags', 'anyOf', { values: ['steward'] })));
    const id = segment.id as string;
    expect((await gql<{ segment: { name: string } }>(`query($id: ID!) { segment(id: $id) { name } }`, { id })).body.data!.segment.name).toBe('Stewards in Wales');

    const duplicate = await create('stewards in wales', def());
    expect(codeOf(duplicate)).toBe('VALIDATION_FAILED');
    expect(duplicate.body.errors![0].extensions.fields).toEqual([{ path: 'input.name', message: 'Another segment already has this name.' }]);

    const search = await gql<{ segments: { totalCount: number; edges: { node: { id: string; name: string; memberCount: number } }[] } }>(
      `query($o: ID!, $s: String) { segments(organisationId: $o, search: $s) { totalCount edges { node { id name memberCount } } } }`, { o: UNION_ID, s: 'STEWARDS' });
    expect(search.body.errors).toBeUndefined();
    expect(search.body.data!.segments.edges.map((e) => e.node)).toEqual([
      { id, name: 'Stewards in Wales', memberCount: expectedIds(def(cond('region', 'in', { values: ['Wales'] }), cond('tags', 'anyOf', { values: ['steward'] }))).length },
    ]);

    // Paging: newest first, every segment once.
    const all: string[] = [];
    let after: string | null = null;
    let total: number;
    for (;;) {
      const page: GqlResponse<{ segments: { totalCount: number; edges: { node: { id: string; memberCount: number | null } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }> = await gql(
        `query($o: ID!, $a: String) { segments(organisationId: $o, first: 4, after: $a) { totalCount edges { node { id memberCount } } pageInfo { hasNextPage endCursor } } }`, { o: UNION_ID, a: after });
      expect(page.body.errors).toBeUndefined();
      total = page.body.data!.segments.totalCount;
      all.push(...page.body.data!.segments.edges.map((e) => e.node.id));
      expect(page.body.data!.segments.edges.every((e) => typeof e.node.memberCount === 'number')).toBe(true);
      if (!page.body.data!.segments.pageInfo.hasNextPage) break;
      after = page.body.data!.segments.pageInfo.endCursor;
    }
    const inDb = (await db.query(`SELECT id FROM segment WHERE organisation_id = $1 ORDER BY created_at DESC, id DESC`, [UNION_ID])).rows.map((r) => r.id);
    expect(all).toEqual(inDb);
    expect(total).toBe(inDb.length);

    const updated = await gql<{ updateSegment: { name: string; description: string | null; memberCount: number } }>(
      `mutation($id: ID!, $i: UpdateSegmentInput!) { updateSegment(id: $id, input: $i) { name description memberCount } }`,
      { id, i: { description: 'Reps to call first', definition: def(cond('region', 'in', { values: ['Wales'] })) } });
    expect(updated.body.errors).toBeUndefined();
    expect(updated.body.data!.updateSegment).toEqual({
      name: 'Stewards in Wales', description: 'Reps to call first', memberCount: expectedIds(def(cond('region', 'in', { values: ['Wales'] }))).length,
    });
    expect(codeOf(await gql(`mutation($id: ID!) { freezeSegment(id: $id) { id } }`, { id }))).toBeUndefined();
    expect(codeOf(await gql(`mutation($id: ID!) { deleteSegment(id: $id) }`, { id }))).toBeUndefined();
    expect(codeOf(await gql(`query($id: ID!) { segment(id: $id) { id } }`, { id }))).toBe('NOT_FOUND');

    const audit = await db.query(`SELECT action, target_ids, details FROM audit_event WHERE organisation_id = $1 AND $2 = ANY(target_ids) ORDER BY created_at, id`, [UNION_ID, id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['segment.create', 'segment.update', 'segment.freeze', 'segment.delete']);
    expect(audit.rows[2].details).toEqual({ name: 'Stewards in Wales', memberCount: expectedIds(def(cond('region', 'in', { values: ['Wales'] }))).length });
    expect(audit.rows[3].details.name).toBe('Stewards in Wales');
  });

  it('reports every problem of a definition with its path, and writes nothing', async () => {
    const before = (await db.query(`SELECT count(*)::int AS n FROM segment`)).rows[0].n;
    const res = await create('Broken', { version: 1, root: group('and', [cond('region', 'anyOf', { values: ['x'] }), cond('supportLevel', 'gte', { value: 7 }), group('or', [])]) });
    expect(codeOf(res)).toBe('VALIDATION_FAILED');
    expect(res.body.errors![0].extensions.fields!.map((f) => f.path)).toEqual([
      'input.definition.root.children.0.op', 'input.definition.root.children.1.value', 'input.definition.root.children.2.children',
    ]);
    const p = await preview({ version: 1, root: group('and', [cond('tags', 'anyOf', { values: Array.from({ length: 101 }, (_, i) => `t${i}`) })]) });
    expect(p.body.errors![0].extensions.fields).toEqual([{ path: 'definition.root.children.0.values', message: 'At most 100 values.' }]);
    expect(codeOf(await create('   ', def()))).toBe('VALIDATION_FAILED');
    expect((await db.query(`SELECT count(*)::int AS n FROM segment`)).rows[0].n).toBe(before);
  });

  it('a viewer without segment:write cannot change segments; a volunteer cannot read them', async () => {
    const id = await createOk('Read only check', def());
    const viewer = await createTestUser(t.databaseUrl, [{ organisationId: UNION_ID, role: 'CLIENT_VIEWER' }]);
    expect(codeOf(await gql(`mutation($id: ID!) { deleteSegment(id: $id) }`, { id }, viewer.headers))).toBe('FORBIDDEN');
    const clientAdmin = await createTestUser(t.databaseUrl, [{ organisationId: UNION_ID, role: 'CLIENT_ADMIN' }]);
    expect(codeOf(await gql(`query($id: ID!) { segment(id: $id) { memberCount } }`, { id }, clientAdmin.headers))).toBeUndefined();
    expect(codeOf(await gql(`mutation($id: ID!) { deleteSegment(id: $id) }`, { id }, clientAdmin.headers))).toBe('FORBIDDEN');
    const volunteer = await createTestUser(t.databaseUrl, [{ organisationId: UNION_ID, role: 'VOLUNTEER' }]);
    expect(codeOf(await gql(`query($id: ID!) { segment(id: $id) { name } }`, { id }, volunteer.headers))).toBe('FORBIDDEN');
    // Nor through the member list: a segment filter needs segment:read as well as member:read.
    const list = await memberIdsOf({ segmentId: id }, null, 50, UNION_ID, volunteer.headers);
    expect(list.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await db.query(`SELECT count(*)::int AS n FROM segment WHERE id = $1`, [id])).rows[0].n).toBe(1);
  });
});

describe('export by segment', () => {
  it('GET /exports/members.csv?segmentId= exports exactly the segment and records it in the audit event', async () => {
    const definition = def(cond('reachableBySms', 'is'), cond('region', 'notIn', { values: ['Scotland'] }));
    const id = await createOk('Export me', definition);
    const res = await getExport(t.app, exportUrl(UNION_ID, { segmentId: id }), organiser.headers);
    expect(res.status).toBe(200);
    expect(csvObjects(res.text).map((r) => r.id).sort()).toEqual(expectedIds(definition));
    // Wait for the audit event (written when the download ends).
    let audit: { details: Record<string, unknown> } | undefined;
    for (let i = 0; i < 50 && !audit; i++) {
      audit = (await db.query(`SELECT details FROM audit_event WHERE organisation_id = $1 AND action = 'member.export' AND details->'segment'->>'id' = $2`, [UNION_ID, id])).rows[0];
      if (!audit) await new Promise((r) => setTimeout(r, 50));
    }
    expect(audit?.details.segment).toEqual({ id, name: 'Export me' });
    expect(audit?.details.rowCount).toBe(expectedIds(definition).length);
  });
});

describe('the count timeout', () => {
  it('a definition too slow to count stops with QUERY_TOO_COMPLEX and the request stays usable', async () => {
    // A large organisation so the count takes longer than the (lowered) limit.
    const BIG = '01937000-0000-7000-8000-0000000000b9';
    await db.query(`INSERT INTO organisation (id, kind, name, slug) VALUES ($1, 'CLIENT', 'Big', 'big')`, [BIG]);
    await db.query(`INSERT INTO member (organisation_id, id, first_name, last_name, tags, issues)
      SELECT $1, gen_random_uuid(), 'Big', 'Member ' || g, ARRAY['t' || (g % 50)], ARRAY['i' || (g % 7)] FROM generate_series(1, 60000) g`, [BIG]);
    const bigUser = await createTestUser(t.databaseUrl, [{ organisationId: BIG, role: 'ORGANISER' }]);
    const slow = def(group('not', Array.from({ length: 40 }, (_, i) => cond('tags', 'allOf', { values: [`t${i}`, `x${i}`] }))));
    const created = await create('Slow', slow, bigUser.headers, BIG);
    expect(created.body.errors).toBeUndefined();
    const previous = process.env.MUSTER_SEGMENT_COUNT_TIMEOUT_MS;
    process.env.MUSTER_SEGMENT_COUNT_TIMEOUT_MS = '1';
    try {
      const res = await gql(`query($o: ID!, $d: SegmentDefinition!) { segmentPreview(organisationId: $o, definition: $d) { memberCount } }`, { o: BIG, d: slow }, bigUser.headers);
      expect(codeOf(res)).toBe('QUERY_TOO_COMPLEX');
      expect(res.body.errors![0].message).toMatch(/took longer than 0.001 s/);
      // memberCount is nullable: it alone fails, and the rest of the request still answers (the savepoint kept the transaction usable).
      const both = await gql<{ segment: { name: string; memberCount: number | null }; viewer: { user: { id: string } } }>(
        `query($id: ID!) { segment(id: $id) { name memberCount } viewer { user { id } } }`, { id: created.body.data!.createSegment.id }, bigUser.headers);
      expect(codeOf(both)).toBe('QUERY_TOO_COMPLEX');
      expect(both.body.errors![0].path).toEqual(['segment', 'memberCount']);
      expect(both.body.data).toEqual({ segment: { name: 'Slow', memberCount: null }, viewer: { user: { id: bigUser.userId } } });
    } finally {
      if (previous === undefined) delete process.env.MUSTER_SEGMENT_COUNT_TIMEOUT_MS;
      else process.env.MUSTER_SEGMENT_COUNT_TIMEOUT_MS = previous;
    }
    const ok = await gql<{ segmentPreview: { memberCount: number } }>(`query($o: ID!, $d: SegmentDefinition!) { segmentPreview(organisationId: $o, definition: $d) { memberCount } }`,
      { o: BIG, d: slow }, bigUser.headers);
    expect(ok.body.data!.segmentPreview.memberCount).toBe(60000);
  });
});

describe('another organisation', () => {
  let aSegment: string;
  beforeAll(async () => {
    aSegment = await createOk('Union only', def(cond('reachableBySms', 'is')));
    expect(codeOf(await gql(`mutation($id: ID!) { freezeSegment(id: $id) { id } }`, { id: aSegment }))).toBeUndefined();
  });

  const callers = () => [['a user of the other organisation', outsider.headers], ['an API key of the other organisation', outsiderKey.headers]] as const;

  it('cannot read, count, use as a filter, export, freeze, unfreeze, update or delete it, or use it in a definition: NOT_FOUND like a missing id', async () => {
    const missing = uuidv7();
    for (const [, headers] of callers()) {
      for (const id of [aSegment, missing]) {
        const read = await gql(`query($id: ID!) { segment(id: $id) { id name memberCount } }`, { id }, headers);
        expect(codeOf(read)).toBe('NOT_FOUND');
        expect(read.body.errors![0].message).toBe('Segment not found');
        for (const mutation of ['freezeSegment(id: $id) { id }', 'unfreezeSegment(id: $id) { id }', 'deleteSegment(id: $id)', 'updateSegment(id: $id, input: { name: "Taken over" }) { id }']) {
          const res = await gql(`mutation($id: ID!) { ${mutation} }`, { id }, headers);
          expect({ mutation, code: codeOf(res), message: res.body.errors?.[0].message }).toEqual({ mutation, code: 'NOT_FOUND', message: 'Segment not found' });
        }
        // As a filter of its own organisation's members, and in a definition of its own organisation.
        const list = await memberIdsOf({ segmentId: id }, null, 50, OTHER_ID, headers);
        expect(list.errors?.[0].extensions.code).toBe('NOT_FOUND');
        expect(list.errors?.[0].message).toBe('Segment not found');
        const using = await preview(def(cond('segmentSnapshot', 'in', { values: [id] })), OTHER_ID, headers);
        expect(codeOf(using)).toBe('NOT_FOUND');
        expect(codeOf(await create('Steal', def(cond('segmentSnapshot', 'in', { values: [id] })), headers, OTHER_ID))).toBe('NOT_FOUND');
        const csv = await getExport(t.app, exportUrl(OTHER_ID, { segmentId: id }), headers);
        expect(csv.status).toBe(404);
        expect(csv.json?.errors[0].message).toBe('Segment not found');
      }
      // The union's own list, count and preview: the organisation is not theirs.
      expect(codeOf(await gql(`query($o: ID!) { segments(organisationId: $o) { totalCount } }`, { o: UNION_ID }, headers))).toBe('NOT_FOUND');
      expect(codeOf(await preview(def(), UNION_ID, headers))).toBe('NOT_FOUND');
      // Another organisation's import in a definition: NOT_FOUND as for a missing import.
      for (const importId of [IMPORT_1, uuidv7()]) {
        const res = await preview(def(cond('import', 'in', { values: [importId] })), OTHER_ID, headers);
        expect({ code: codeOf(res), message: res.body.errors?.[0].message }).toEqual({ code: 'NOT_FOUND', message: 'Import not found' });
      }
      // Their own import works (and counts only their members).
      const own = await preview(def(cond('import', 'in', { values: [OTHER_IMPORT] })), OTHER_ID, headers);
      expect(own.body.data!.segmentPreview.memberCount).toBe(other.length);
    }
    // Nothing of the union changed.
    expect((await db.query(`SELECT frozen_at IS NOT NULL AS frozen, name FROM segment WHERE id = $1`, [aSegment])).rows[0]).toEqual({ frozen: true, name: 'Union only' });
  });

  it('its own segments see only its own members', async () => {
    const res = await create('Everyone of ours', def(), outsider.headers, OTHER_ID);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.createSegment.memberCount).toBe(other.length);
    const list = await memberIdsOf({ segmentId: res.body.data!.createSegment.id }, null, 50, OTHER_ID, outsider.headers);
    expect([...list.ids].sort()).toEqual(other.map((m) => m.id).sort());
  });
});

describe('snapshots and merges', () => {
  it('a merged member’s place in a snapshot goes to the survivor, and comes back on unmerge', async () => {
    const [inSnapshot, survivor] = other;
    const created = await create('Just one', def(cond('import', 'notIn', { values: [OTHER_IMPORT] }), cond('status', 'in', { values: ['ACTIVE', 'LAPSED', 'LEFT'] })), outsider.headers, OTHER_ID);
    expect(created.body.errors).toBeUndefined();
    const id = created.body.data!.createSegment.id;
    // Every member of the other organisation came from OTHER_IMPORT, so the snapshot would be empty: give one a way in.
    await db.query(`DELETE FROM member_import_member WHERE organisation_id = $1 AND member_id = $2`, [OTHER_ID, inSnapshot.id]);
    expect(codeOf(await gql(`mutation($id: ID!) { freezeSegment(id: $id) { id } }`, { id }, outsider.headers))).toBeUndefined();
    const snapshot = async () => (await db.query(`SELECT member_id FROM segment_member WHERE segment_id = $1 ORDER BY 1`, [id])).rows.map((r) => r.member_id);
    expect(await snapshot()).toEqual([inSnapshot.id]);

    const merged = await gql<{ mergeMembers: { id: string } }>(`mutation($i: MergeMembersInput!) { mergeMembers(input: $i) { id } }`,
      { i: { organisationId: OTHER_ID, survivorId: survivor.id, mergedIds: [inSnapshot.id] } }, outsider.headers);
    expect(merged.body.errors).toBeUndefined();
    expect(await snapshot()).toEqual([survivor.id]);
    const members = await memberIdsOf({ segmentId: id }, null, 50, OTHER_ID, outsider.headers);
    expect(members.ids).toEqual([survivor.id]);

    expect(codeOf(await gql(`mutation($id: ID!) { unmergeMembers(mergeId: $id) { id } }`, { id: merged.body.data!.mergeMembers.id }, outsider.headers))).toBeUndefined();
    expect(await snapshot()).toEqual([inSnapshot.id]);
  });
});
