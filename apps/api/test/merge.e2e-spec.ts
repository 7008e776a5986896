/**
 * mergeMembers / unmergeMembers / memberMerges against a real database: what a merge keeps on the survivor, the
 * history it re-points (including tables created after the code was written), its snapshots, an unmerge restoring
 * every row exactly, chains of merges and the refusal to undo out of order, all-or-nothing, and who may do it.
 */
import type { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { createTestApiKey, createTestUser, type TestUser } from './support/auth';
import { connect } from './support/database';
import { startTestApp, type TestApp } from './support/test-app';
import { addMember, addOrganisation, addTenantTable, snapshotOrganisation } from './dedupe.helpers';

const A = '01937000-0000-7000-8000-00000000d0a1';
const B = '01937000-0000-7000-8000-00000000d0b1';

let t: TestApp;
let db: Client;
let organiser: TestUser;
let volunteerV: string;
let volunteerW: string;

const MERGE = `mutation($input: MergeMembersInput!) { mergeMembers(input: $input) {
  id organisationId mergedMemberIds mergedNames createdBy createdAt undoneAt undoneBy
  survivor { id firstName lastName postcode region membershipNumber tags issues smsConsent email phone
    phones { e164 type primary } emails { address primary } } } }`;
const UNMERGE = `mutation($id: ID!) { unmergeMembers(mergeId: $id) { id undoneAt undoneBy mergedMemberIds survivor { id } } }`;
const MERGES = `query($org: ID!, $first: Int, $after: String) { memberMerges(organisationId: $org, first: $first, after: $after) {
  totalCount edges { cursor node { id mergedMemberIds mergedNames undoneAt survivor { id } } } pageInfo { hasNextPage endCursor } } }`;

type MergeResult = { mergeMembers: { id: string; mergedMemberIds: string[]; mergedNames: string[]; createdBy: string; undoneAt: string | null; survivor: Record<string, unknown> } };

async function merge(survivorId: string, mergedIds: string[], headers: Record<string, string> = organiser.headers, organisationId = A) {
  return t.gql<MergeResult>(MERGE, { input: { organisationId, survivorId, mergedIds } }, headers);
}

async function unmerge(id: string, headers: Record<string, string> = organiser.headers) {
  return t.gql<{ unmergeMembers: { id: string; undoneAt: string | null; undoneBy: string | null; mergedMemberIds: string[]; survivor: { id: string } | null } }>(UNMERGE, { id }, headers);
}

async function assign(userId: string, memberId: string, organisationId = A): Promise<string> {
  const id = uuidv7();
  await db.query(`INSERT INTO volunteer_assignment (organisation_id, id, user_id, member_id) VALUES ($1, $2, $3, $4)`, [organisationId, id, userId, memberId]);
  return id;
}

async function auditActions(organisationId: string, action: string): Promise<{ target_ids: string[]; details: Record<string, unknown> }[]> {
  const { rows } = await db.query(`SELECT target_ids, details FROM audit_event WHERE organisation_id = $1 AND action = $2 ORDER BY created_at, id`, [organisationId, action]);
  return rows;
}

beforeAll(async () => {
  t = await startTestApp();
  db = await connect(t.databaseUrl);
  await addOrganisation(db, A, 'Merge Union A');
  await addOrganisation(db, B, 'Merge Union B');
  organiser = await createTestUser(t.databaseUrl, [{ organisationId: A, role: 'ORGANISER' }]);
  volunteerV = (await createTestUser(t.databaseUrl, [{ organisationId: A, role: 'VOLUNTEER' }])).userId;
  volunteerW = (await createTestUser(t.databaseUrl, [{ organisationId: A, role: 'VOLUNTEER' }])).userId;
  // "Later" history tables the code has never heard of: a plain one, and one whose key includes member_id.
  await addTenantTable(db, 'probe_call', 'id uuid NOT NULL, note text NOT NULL', 'organisation_id, id');
  await addTenantTable(db, 'probe_badge', 'badge text NOT NULL, awarded_on date', 'organisation_id, member_id, badge');
}, 120000);

afterAll(async () => {
  await db?.end();
  await t?.close();
});

describe('mergeMembers then unmergeMembers', () => {
  it('keeps every phone, email, tag and issue on the survivor, re-points history, and the unmerge restores every row exactly', async () => {
    const survivor = await addMember(db, A, {
      firstName: 'Sam', lastName: 'Hughes', tags: ['rep'], issues: ['pay'], smsConsent: 'GRANTED', supportLevel: 4,
      phones: [{ e164: '+447700900001', type: 'MOBILE' }], emails: ['sam@hughes.example'],
    });
    const m1 = await addMember(db, A, {
      firstName: 'Samuel', lastName: 'Hughes', postcode: 'LS1 4AP', region: 'Yorkshire', membershipNumber: 'M123', tags: ['rep', 'steward'],
      issues: ['safety'], smsConsent: 'WITHDRAWN', joinedOn: '2019-05-01',
      phones: [{ e164: '+447700900001', type: 'MOBILE' }, { e164: '+441134960001', type: 'LANDLINE' }], emails: ['sam@hughes.example', 'sam.h@work.example'],
    });
    const m2 = await addMember(db, A, { firstName: 'S', lastName: 'Hughes', branch: 'Leeds 1', issues: ['pay', 'hours'], emails: ['sh@else.example'] });
    const bystander = await addMember(db, A, { firstName: 'Other', lastName: 'Person', emails: ['other@x.example'] });
    // History: V is assigned to both survivor and m1 (a unique conflict), and to m2; W to m1. Later tables too.
    const vOnSurvivor = await assign(volunteerV, survivor);
    const vOnM1 = await assign(volunteerV, m1);
    const vOnM2 = await assign(volunteerV, m2);
    const wOnM1 = await assign(volunteerW, m1);
    await assign(volunteerW, bystander);
    const call1 = uuidv7();
    const call2 = uuidv7();
    await db.query(`INSERT INTO probe_call (organisation_id, member_id, id, note) VALUES ($1, $2, $3, 'called m1'), ($1, $4, $5, 'called m2')`, [A, m1, call1, m2, call2]);
    await db.query(`INSERT INTO probe_badge (organisation_id, member_id, badge, awarded_on) VALUES
      ($1, $2, 'founder', '2020-01-01'), ($1, $3, 'founder', '2021-01-01'), ($1, $3, 'donor', NULL), ($1, $4, 'donor', '2022-02-02')`, [A, survivor, m1, m2]);

    const before = await snapshotOrganisation(db, [A, B]);
    const res = await merge(survivor, [m1, m2]);
    expect(res.body.errors).toBeUndefined();
    const result = res.body.data!.mergeMembers;
    expect(result).toMatchObject({ mergedMemberIds: [m1, m2], mergedNames: ['Samuel Hughes', 'S Hughes'], undoneAt: null, createdBy: organiser.email });
    expect(result.survivor).toEqual({
      id: survivor, firstName: 'Sam', lastName: 'Hughes', postcode: 'LS1 4AP', region: 'Yorkshire', membershipNumber: 'M123',
      tags: ['rep', 'steward'], issues: ['pay', 'safety', 'hours'], smsConsent: 'WITHDRAWN', email: 'sam@hughes.example', phone: '+447700900001',
      phones: [{ e164: '+447700900001', type: 'MOBILE', primary: true }, { e164: '+441134960001', type: 'LANDLINE', primary: false }],
      emails: [{ address: 'sam@hughes.example', primary: true }, { address: 'sam.h@work.example', primary: false }, { address: 'sh@else.example', primary: false }],
    });
    // The merged members are gone, with their phones and emails; their history is on the survivor.
    const { rows: left } = await db.query(`SELECT id FROM member WHERE id = ANY($1::uuid[])`, [[m1, m2]]);
    expect(left).toEqual([]);
    const { rows: contacts } = await db.query(`SELECT (SELECT count(*) FROM member_phone WHERE member_id = ANY($1::uuid[]))::int + (SELECT count(*) FROM member_email WHERE member_id = ANY($1::uuid[]))::int AS n`, [[m1, m2]]);
    expect(contacts[0].n).toBe(0);
    const { rows: assignments } = await db.query(`SELECT id, user_id, member_id FROM volunteer_assignment WHERE organisation_id = $1 AND member_id = $2 ORDER BY id`, [A, survivor]);
    expect(assignments).toEqual(expect.arrayContaining([
      { id: vOnSurvivor, user_id: volunteerV, member_id: survivor }, { id: wOnM1, user_id: volunteerW, member_id: survivor },
    ]));
    expect(assignments).toHaveLength(2); // V's assignments to m1 and m2 were duplicates of V's to the survivor
    const { rows: calls } = await db.query(`SELECT id, member_id FROM probe_call ORDER BY id`);
    expect(calls).toEqual([{ id: call1, member_id: survivor }, { id: call2, member_id: survivor }]);
    const { rows: badges } = await db.query(`SELECT badge, to_char(awarded_on, 'YYYY-MM-DD') AS awarded_on FROM probe_badge WHERE member_id = $1 ORDER BY badge`, [survivor]);
    expect(badges).toEqual([{ badge: 'donor', awarded_on: null }, { badge: 'founder', awarded_on: '2020-01-01' }]);

    // The record says exactly what moved and what was removed.
    const { rows: [record] } = await db.query(`SELECT * FROM member_merge WHERE id = $1`, [result.id]);
    expect(record.moved_rows).toEqual(expect.arrayContaining([
      { table: 'volunteer_assignment', key: { organisation_id: A, id: wOnM1 }, memberId: m1 },
      { table: 'probe_call', key: { organisation_id: A, id: call1 }, memberId: m1 },
      { table: 'probe_call', key: { organisation_id: A, id: call2 }, memberId: m2 },
      { table: 'probe_badge', key: { organisation_id: A, member_id: survivor, badge: 'donor' }, memberId: m1 },
    ]));
    expect(record.moved_rows).toHaveLength(4);
    expect(record.removed_rows.map((r: { table: string; row: { id?: string; badge?: string; member_id: string } }) => [r.table, r.row.id ?? r.row.badge, r.row.member_id]).sort()).toEqual([
      ['probe_badge', 'donor', m2], ['probe_badge', 'founder', m1], ['volunteer_assignment', vOnM1, m1], ['volunteer_assignment', vOnM2, m2],
    ].sort());
    expect(record.merged_members.map((s: { member: { id: string }; phones: unknown[]; emails: unknown[] }) => [s.member.id, s.phones.length, s.emails.length])).toEqual([[m1, 2, 2], [m2, 0, 1]]);
    expect(record.survivor_before.member).toMatchObject({ id: survivor, postcode: null, tags: ['rep'] });
    const audit = await auditActions(A, 'member.merge');
    expect(audit).toHaveLength(1);
    expect(audit[0].target_ids).toEqual([survivor, m1, m2]);
    expect(audit[0].details).toMatchObject({ mergeId: result.id, moved: { volunteer_assignment: 1, probe_call: 2, probe_badge: 1 }, removed: { volunteer_assignment: 2, probe_badge: 2 } });

    const undo = await unmerge(result.id);
    expect(undo.body.errors).toBeUndefined();
    expect(undo.body.data!.unmergeMembers).toMatchObject({ id: result.id, undoneBy: organiser.email, mergedMemberIds: [m1, m2], survivor: { id: survivor } });
    expect(undo.body.data!.unmergeMembers.undoneAt).not.toBeNull();
    // Every row of both organisations, in every table (members, phones, emails, assignments, later tables), as before.
    expect(await snapshotOrganisation(db, [A, B])).toEqual(before);
    expect(await auditActions(A, 'member.unmerge')).toEqual([expect.objectContaining({ target_ids: [survivor, m1, m2] })]);

    const again = await unmerge(result.id);
    expect(again.body.errors?.[0]).toMatchObject({ extensions: { code: 'VALIDATION_FAILED' }, message: expect.stringMatching(/already undone/) });
    expect(await snapshotOrganisation(db, [A, B])).toEqual(before);
  });

  it('the survivor keeps later edits to a field the merge did not change; a field the merge filled goes back', async () => {
    const s = await addMember(db, A, { firstName: 'Edit', lastName: 'Later', phones: [{ e164: '+447700900777', type: 'MOBILE' }] });
    const m = await addMember(db, A, { firstName: 'Edit', lastName: 'Later', region: 'Wales' });
    const res = await merge(s, [m]);
    expect(res.body.errors).toBeUndefined();
    const upd = await t.gql(`mutation($id: ID!) { updateMember(id: $id, input: { branch: "Cardiff" }) { id } }`, { id: s }, organiser.headers);
    expect(upd.body.errors).toBeUndefined();
    expect((await unmerge(res.body.data!.mergeMembers.id)).body.errors).toBeUndefined();
    const { rows } = await db.query(`SELECT region, branch FROM member WHERE id = $1`, [s]);
    expect(rows).toEqual([{ region: null, branch: 'Cardiff' }]);
    const { rows: back } = await db.query(`SELECT region FROM member WHERE id = $1`, [m]);
    expect(back).toEqual([{ region: 'Wales' }]);
  });
});

describe('chains of merges', () => {
  it('a merge cannot be undone while a later merge involving its survivor stands; undone newest first, everything is back', async () => {
    const s = await addMember(db, A, { firstName: 'Chain', lastName: 'One', emails: ['chain1@x.example'], tags: ['a'] });
    const m1 = await addMember(db, A, { firstName: 'Chain', lastName: 'Two', emails: ['chain2@x.example'], tags: ['b'] });
    const m2 = await addMember(db, A, { firstName: 'Chain', lastName: 'Three', phones: [{ e164: '+447700900333', type: 'MOBILE' }], tags: ['c'] });
    const x = await addMember(db, A, { firstName: 'Chain', lastName: 'Top', postcode: 'CF10 1AA' });
    await assign(volunteerW, m1);
    await assign(volunteerW, m2);
    const before = await snapshotOrganisation(db, [A]);

    const first = (await merge(s, [m1])).body.data!.mergeMembers.id;    // s ← m1
    const second = (await merge(s, [m2])).body.data!.mergeMembers.id;   // s ← m2 (involves s)
    const third = (await merge(x, [s])).body.data!.mergeMembers.id;     // x ← s (s merged away)
    const { rows: [top] } = await db.query(`SELECT tags, email, phone FROM member WHERE id = $1`, [x]);
    expect(top).toEqual({ tags: ['a', 'b', 'c'], email: 'chain1@x.example', phone: '+447700900333' });

    for (const id of [first, second]) {
      const refused = await unmerge(id);
      expect(refused.body.errors?.[0]).toMatchObject({ extensions: { code: 'VALIDATION_FAILED' }, message: expect.stringContaining(third) });
      expect(refused.body.data).toBeNull();
    }
    const blocked = await unmerge(first);
    expect(blocked.body.errors?.[0].message).toMatch(/later merge involving the surviving member/);
    expect(blocked.body.errors?.[0].message).toContain(second);

    expect((await unmerge(third)).body.errors).toBeUndefined();
    expect((await unmerge(first)).body.errors?.[0].message).toContain(second); // still blocked by the second
    expect((await unmerge(second)).body.errors).toBeUndefined();
    expect((await unmerge(first)).body.errors).toBeUndefined();
    expect(await snapshotOrganisation(db, [A])).toEqual(before);

    const list = await t.gql<{ memberMerges: { totalCount: number; edges: { node: { id: string; undoneAt: string | null } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }>(MERGES, { org: A, first: 2 }, organiser.headers);
    expect(list.body.errors).toBeUndefined();
    expect(list.body.data!.memberMerges.edges.map((e) => e.node.id)).toEqual([third, second]); // newest first
    expect(list.body.data!.memberMerges.edges.every((e) => e.node.undoneAt !== null)).toBe(true);
    const next = await t.gql<{ memberMerges: { edges: { node: { id: string } }[] } }>(MERGES, { org: A, first: 2, after: list.body.data!.memberMerges.pageInfo.endCursor }, organiser.headers);
    expect(next.body.data!.memberMerges.edges[0].node.id).toBe(first);
  });
});

describe('concurrent merges', () => {
  it('two merges of the same members at once: one wins, the other finds them gone (NOT_FOUND); nothing is doubled', async () => {
    const s = await addMember(db, A, { firstName: 'Race', lastName: 'One', emails: ['race1@x.example'] });
    const m = await addMember(db, A, { firstName: 'Race', lastName: 'Two', emails: ['race2@x.example'], phones: [{ e164: '+447700900444', type: 'MOBILE' }] });
    const results = await Promise.all([merge(s, [m]), merge(s, [m])]);
    expect(results.map((r) => r.body.errors?.[0]?.extensions.code ?? 'OK').sort()).toEqual(['NOT_FOUND', 'OK']);
    const { rows: emails } = await db.query(`SELECT address FROM member_email WHERE member_id = $1 ORDER BY position`, [s]);
    expect(emails.map((e) => e.address)).toEqual(['race1@x.example', 'race2@x.example']);
    const { rows: phones } = await db.query(`SELECT e164 FROM member_phone WHERE member_id = $1`, [s]);
    expect(phones).toEqual([{ e164: '+447700900444' }]);
    const { rows: merges } = await db.query(`SELECT count(*)::int AS n FROM member_merge WHERE survivor_id = $1`, [s]);
    expect(merges[0].n).toBe(1);
  });
});

describe('all or nothing', () => {
  it('a merge that fails half way (a unique index it cannot reconcile) changes nothing', async () => {
    await db.query(`CREATE TABLE probe_partial (organisation_id uuid NOT NULL, id uuid NOT NULL, member_id uuid NOT NULL, kind text NOT NULL, PRIMARY KEY (organisation_id, id))`);
    await db.query(`CREATE UNIQUE INDEX probe_partial_one_open ON probe_partial (organisation_id, member_id) WHERE kind = 'open'`);
    await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON probe_partial TO muster_app`);
    await db.query(`ALTER TABLE probe_partial ENABLE ROW LEVEL SECURITY`);
    await db.query(`CREATE POLICY muster_tenant ON probe_partial FOR ALL TO muster_app USING (organisation_id = ANY (string_to_array(current_setting('muster.organisation_ids', true), ',')::uuid[]))`);
    try {
      const s = await addMember(db, A, { firstName: 'Half', lastName: 'Way', emails: ['half@x.example'] });
      const m = await addMember(db, A, { firstName: 'Half', lastName: 'Way', region: 'Wales', emails: ['way@x.example'] });
      await db.query(`INSERT INTO probe_partial VALUES ($1, $2, $3, 'open'), ($1, $4, $5, 'open')`, [A, uuidv7(), s, uuidv7(), m]);
      const before = await snapshotOrganisation(db, [A, B], []);
      const res = await merge(s, [m]);
      expect(res.body.errors?.[0].extensions.code).toBe('INTERNAL');
      expect(await snapshotOrganisation(db, [A, B], [])).toEqual(before);
    } finally {
      await db.query(`DROP TABLE probe_partial`);
    }
  });
});

describe('organisations and roles', () => {
  let a1: string;
  let a2: string;
  let b1: string;
  let mergeId: string;

  beforeAll(async () => {
    a1 = await addMember(db, A, { firstName: 'Alpha', lastName: 'One', emails: ['alpha1@a.example'] });
    a2 = await addMember(db, A, { firstName: 'Alpha', lastName: 'Two', emails: ['alpha2@a.example'] });
    b1 = await addMember(db, B, { firstName: 'Bravo', lastName: 'One', emails: ['bravo1@b.example'] });
    const x = await addMember(db, A, { firstName: 'Alpha', lastName: 'Three' });
    const y = await addMember(db, A, { firstName: 'Alpha', lastName: 'Four' });
    mergeId = (await merge(x, [y])).body.data!.mergeMembers.id;
  });

  it('mixing members of two organisations fails with NOT_FOUND and changes nothing, whichever organisation is named', async () => {
    const bOrganiser = await createTestUser(t.databaseUrl, [{ organisationId: A, role: 'ORGANISER' }, { organisationId: B, role: 'ORGANISER' }]);
    const before = await snapshotOrganisation(db, [A, B], []);
    for (const [survivor, merged, org] of [[a1, [b1], A], [b1, [a1], B], [a1, [a2, b1], A], [b1, [a1], A]] as const) {
      const res = await merge(survivor, [...merged], bOrganiser.headers, org);
      expect({ survivor, code: res.body.errors?.[0]?.extensions.code, data: res.body.data }).toEqual({ survivor, code: 'NOT_FOUND', data: null });
    }
    expect(await snapshotOrganisation(db, [A, B], [])).toEqual(before);
  });

  it("another organisation's user and API key cannot list, merge, unmerge or learn anything", async () => {
    const outsiders = [
      (await createTestUser(t.databaseUrl, [{ organisationId: B, role: 'ORGANISER' }])).headers,
      (await createTestUser(t.databaseUrl, [{ organisationId: B, role: 'AGENCY_ADMIN' }])).headers,
      (await createTestApiKey(t.databaseUrl, B, 'AGENCY_ADMIN')).headers,
    ];
    // api_key: a key's last-used time moves when it is used.
    const before = await snapshotOrganisation(db, [A, B], ['api_key']);
    for (const headers of outsiders) {
      const calls = [
        await t.gql(MERGES, { org: A }, headers),
        await merge(a1, [a2], headers),
        await merge(a1, [a2], headers, B),
        await unmerge(mergeId, headers),
      ];
      for (const res of calls) {
        expect(res.body.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
        expect(res.body.data).toBeNull();
        const text = JSON.stringify(res.body);
        for (const secret of [a1, a2, mergeId, 'Alpha', 'alpha1@a.example']) expect(text).not.toContain(secret);
      }
      // Their own organisation's history does not show A's merges either.
      const own = await t.gql<{ memberMerges: { totalCount: number } }>(MERGES, { org: B }, headers);
      expect(own.body.data!.memberMerges.totalCount).toBe(0);
    }
    expect(await snapshotOrganisation(db, [A, B], ['api_key'])).toEqual(before);
  });

  it('roles without member:merge get FORBIDDEN and change nothing', async () => {
    const insiders = [
      (await createTestUser(t.databaseUrl, [{ organisationId: A, role: 'CLIENT_ADMIN' }])).headers,
      (await createTestUser(t.databaseUrl, [{ organisationId: A, role: 'CLIENT_VIEWER' }])).headers,
      (await createTestUser(t.databaseUrl, [{ organisationId: A, role: 'VOLUNTEER' }])).headers,
      (await createTestApiKey(t.databaseUrl, A, 'CLIENT_ADMIN')).headers,
    ];
    const before = await snapshotOrganisation(db, [A, B], ['api_key']);
    for (const headers of insiders) {
      for (const res of [await t.gql(MERGES, { org: A }, headers), await merge(a1, [a2], headers), await unmerge(mergeId, headers)]) {
        expect(res.body.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
        expect(res.body.data).toBeNull();
      }
    }
    expect(await snapshotOrganisation(db, [A, B], ['api_key'])).toEqual(before);
  });

  it('refuses a survivor merged into itself, and unknown ids', async () => {
    const self = await merge(a1, [a1]);
    expect(self.body.errors?.[0]).toMatchObject({ extensions: { code: 'VALIDATION_FAILED' } });
    expect((await merge(a1, [uuidv7()])).body.errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect((await merge(a1, ['not-an-id'])).body.errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect((await unmerge(uuidv7())).body.errors?.[0].extensions.code).toBe('NOT_FOUND');
  });
});
