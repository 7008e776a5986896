/**
 * Member import end to end against PostgreSQL: upload (streamed into chunks), analysis, dry run, real run
 * in the pg-boss job, re-run changing nothing, merging, keepExisting, consent records, rejects CSV.
 */
import { isBlankRecord, parseCsv } from '@muster/domain';
import type { Client } from 'pg';
import { createTestApiKey, createTestUser } from './support/auth';
import { connect } from './support/database';
import { buildFixture, loadFixture, OTHER_ID, UNION_ID } from './support/fixture';
import { fixture, getImport, importFile, manifest, mutate, upload, waitFor } from './support/imports';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let db: Client;
let as: Record<string, string>;

beforeAll(async () => {
  t = await startTestApp();
  db = await connect(t.databaseUrl);
  await loadFixture(db, buildFixture(0)); // the union starts empty (the fixture's phones overlap the files')
  as = (await createTestUser(t.databaseUrl, [{ organisationId: UNION_ID, role: 'ORGANISER' }], 'organiser@union.example')).headers;
});

afterAll(async () => {
  for (const line of t?.logs ?? []) if ((line.level as number) >= 50) console.log(JSON.stringify(line).slice(0, 2000));
  await db?.end();
  await t?.close();
});

async function memberSnapshot(): Promise<string[]> {
  const { rows } = await db.query(`SELECT to_jsonb(m)::text AS r FROM member m WHERE organisation_id = $1 ORDER BY id`, [UNION_ID]);
  const { rows: e } = await db.query(`SELECT to_jsonb(e)::text AS r FROM member_email e WHERE organisation_id = $1 ORDER BY id`, [UNION_ID]);
  const { rows: p } = await db.query(`SELECT to_jsonb(p)::text AS r FROM member_phone p WHERE organisation_id = $1 ORDER BY id`, [UNION_ID]);
  const { rows: c } = await db.query(`SELECT to_jsonb(c)::text AS r FROM consent_record c WHERE organisation_id = $1 ORDER BY id`, [UNION_ID]);
  return [...rows, ...e, ...p, ...c].map((r) => r.r);
}

describe('quirky UTF-8 file', () => {
  const spec = manifest().files['quirky-utf8.csv'];
  let id: string;

  it('uploads and analyses: encoding, delimiter, header, suggested mapping, samples', async () => {
    const up = await upload(t, UNION_ID, fixture('quirky-utf8.csv'), 'quirky-utf8.csv', as);
    expect(up.status).toBe(201);
    id = up.body.data!.memberImport.id;
    const view = await getImport(t, id, as);
    expect(view).toMatchObject({ status: 'ANALYSED', encoding: spec.encoding, delimiter: spec.delimiter, hasHeader: spec.hasHeader, fileName: 'quirky-utf8.csv', dryRun: null });
    expect(view.byteSize).toBe(fixture('quirky-utf8.csv').length);
    expect(view.columns.map((c) => c.suggested)).toEqual(spec.mapping);
    expect(view.columns.map((c) => c.field)).toEqual(spec.mapping);
    expect(view.columns[1].samples).toContain('Siân');
  });

  it('refuses a real run before a dry run', async () => {
    const res = await mutate(t, 'startMemberImport', id, as);
    expect(res.body.errors?.[0].extensions.code).toBe('VALIDATION_FAILED');
    expect((await getImport(t, id, as)).status).toBe('ANALYSED');
  });

  it('dry run: counts, samples and rejects, nothing written', async () => {
    const before = await memberSnapshot();
    expect((await mutate(t, 'startImportDryRun', id, as)).body.errors).toBeUndefined();
    const view = await waitFor(t, id, ['DRY_RUN_DONE', 'FAILED'], 60_000, as);
    expect(view.error).toBeNull();
    expect(view.dryRun).toEqual({ total: spec.dataRows, done: spec.dataRows, created: spec.accepted, updated: 0, unchanged: 0, rejected: spec.rejected });
    expect(view.dryRunSamples.filter((s) => s.outcome === 'REJECTED').map((s) => s.rowNumber)).toEqual(spec.rejectedLines);
    expect(view.dryRunSamples.filter((s) => s.outcome === 'REJECTED').every((s) => s.reasons.length > 0)).toBe(true);
    expect(view.rejectsUrl).toBe(`/imports/${id}/rejects.csv`);
    expect(await memberSnapshot()).toEqual(before);

    const res = await t.app.inject({ method: 'GET', url: view.rejectsUrl!, headers: as });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment/);
    const records = parseCsv(res.body, ',').filter((r) => !isBlankRecord(r)).map((r) => r.fields);
    expect(records[0]).toEqual(['Membership No', 'First Name', 'Last Name', 'Email', 'Mobile', 'Phone', 'Phone', 'Postcode', 'Branch', 'Status', 'Date Joined', 'Tags', 'Notes', 'SMS Opt In', 'row_number', 'reason']);
    expect(records).toHaveLength(1 + spec.rejected);
    expect(records.slice(1).map((r) => Number(r.at(-2)))).toEqual(spec.rejectedLines);
    expect(records.slice(1).every((r) => r.length === 16 && r.at(-1)!.length > 0)).toBe(true);
    // The original values come back as they were in the file.
    expect(records.find((r) => r.at(-2) === '9')?.slice(1, 3)).toEqual(['Priya', 'Patel']);
  });

  it('runs: creates the accepted rows with E.164 phones, lowercased emails, consent records from the import', async () => {
    expect((await mutate(t, 'startMemberImport', id, as)).body.errors).toBeUndefined();
    const view = await waitFor(t, id, ['COMPLETED', 'FAILED'], 60_000, as);
    expect(view.error).toBeNull();
    expect(view.progress).toEqual({ total: spec.dataRows, done: spec.dataRows, created: spec.accepted, updated: 0, unchanged: 0, rejected: spec.rejected });
    expect(view.durationSeconds).toBeGreaterThanOrEqual(0);
    expect(view.finishedAt).not.toBeNull();
    const { rows } = await db.query(`SELECT m.first_name, m.last_name, m.email, m.phone, m.membership_number, m.tags, m.sms_consent FROM member m
      WHERE organisation_id = $1 AND membership_number IN ('M0001', 'M0002') ORDER BY membership_number`, [UNION_ID]);
    expect(rows[0]).toMatchObject({ first_name: 'Jo', last_name: 'Bloggs', email: 'jo.bloggs@example.org', phone: '+447700900001', tags: ['pay', 'housing'], sms_consent: 'GRANTED' });
    expect(rows[1]).toMatchObject({ first_name: 'Siân', last_name: 'Ó Dún', email: 'sian@example.org', phone: '+447700900002', sms_consent: 'WITHDRAWN' });
    const consents = await db.query(`SELECT channel, status, source, source_id FROM consent_record WHERE organisation_id = $1 ORDER BY recorded_at, id`, [UNION_ID]);
    expect(consents.rows.length).toBeGreaterThan(0);
    expect(consents.rows.every((c) => c.source === 'IMPORT' && c.source_id === id)).toBe(true);
    const dupes = await db.query(`SELECT address, count(*) FROM member_email WHERE organisation_id = $1 GROUP BY address HAVING count(*) > 1`, [UNION_ID]);
    expect(dupes.rows).toEqual([]);
  });

  it('re-importing the same file changes nothing', async () => {
    const before = await memberSnapshot();
    const { dry, done } = await importFile(t, UNION_ID, fixture('quirky-utf8.csv'), as);
    expect(dry.dryRun).toMatchObject({ created: 0, updated: 0, unchanged: spec.accepted, rejected: spec.rejected });
    expect(done.progress).toMatchObject({ created: 0, updated: 0, unchanged: spec.accepted, rejected: spec.rejected });
    expect(await memberSnapshot()).toEqual(before);
  });
});


describe('the other real-world files', () => {
  const files = manifest().files;
  it.each(Object.keys(files).filter((f) => f !== 'quirky-utf8.csv'))('%s: analysed as the manifest says, dry run and run account for every row', async (name) => {
    const spec = files[name];
    const up = await upload(t, UNION_ID, fixture(name), name, as);
    expect(up.status).toBe(201);
    const id = up.body.data!.memberImport.id;
    const view = await getImport(t, id, as);
    expect({ encoding: view.encoding, delimiter: view.delimiter, hasHeader: view.hasHeader }).toEqual({ encoding: spec.encoding, delimiter: spec.delimiter, hasHeader: spec.hasHeader });
    if (spec.hasHeader) expect(view.columns.map((c) => c.suggested)).toEqual(spec.mapping);
    else {
      expect(view.columns.map((c) => c.header)).toEqual(spec.mapping.map((_, i) => `Column ${i + 1}`));
      const res = await t.gql(`mutation($input: UpdateMemberImportInput!) { updateMemberImport(input: $input) { id columns { field } } }`,
        { input: { id, columns: spec.mapping.map((field, index) => ({ index, field })) } }, as);
      expect(res.body.errors).toBeUndefined();
    }
    expect((await mutate(t, 'startImportDryRun', id, as)).body.errors).toBeUndefined();
    const dry = (await waitFor(t, id, ['DRY_RUN_DONE', 'FAILED'], 60_000, as));
    expect(dry.error).toBeNull();
    expect(dry.dryRun!.total).toBe(spec.dataRows);
    expect(dry.dryRun!.rejected).toBe(spec.rejected);
    expect(dry.dryRun!.created + dry.dryRun!.updated + dry.dryRun!.unchanged).toBe(spec.accepted);
    expect((await mutate(t, 'startMemberImport', id, as)).body.errors).toBeUndefined();
    const done = await waitFor(t, id, ['COMPLETED', 'FAILED'], 60_000, as);
    expect(done.progress).toEqual({ ...dry.dryRun, total: spec.dataRows, done: spec.dataRows });
  });

  it('Windows-1252 bytes arrive as the right characters', async () => {
    const { rows } = await db.query(`SELECT first_name, last_name FROM member WHERE organisation_id = $1 AND (first_name IN ('Siân', 'Zoë') OR last_name LIKE '%Dún%')`, [UNION_ID]);
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toMatch(/\uFFFD|Ã/);
  });
});

describe('matching and merging', () => {
  const header = 'Membership No,First Name,Last Name,Email,Mobile,Branch,Tags,Issues,SMS Opt In,Email Opt In';
  const csv = (...rows: string[]) => Buffer.from([header, ...rows].join('\n') + '\n');

  it('updates matched members: tags and issues merged, emails and phones added, keepExisting honoured, consent recorded', async () => {
    await importFile(t, UNION_ID, csv('K1,Kim,Lee,kim@merge.example.org,07400 000701,North,alpha,pay,yes,'), as);
    const before = (await db.query(`SELECT id, updated_at FROM member WHERE organisation_id = $1 AND membership_number = 'K1'`, [UNION_ID])).rows[0];
    const { dry, done } = await importFile(t, UNION_ID,
      csv('K1,Kimberly,Lee-Smith,kim.work@merge.example.org,07400 000702,South,beta,housing,no,yes', 'K1,,,,,,gamma,,,'), as,
      async (id) => {
        const res = await t.gql(`mutation($input: UpdateMemberImportInput!) { updateMemberImport(input: $input) { keepExisting matchOrder } }`,
          { input: { id, keepExisting: ['FIRST_NAME', 'BRANCH'], matchOrder: ['EMAIL', 'MEMBERSHIP_NUMBER', 'MOBILE'] } }, as);
        expect(res.body.errors).toBeUndefined();
      });
    expect(dry.dryRun).toMatchObject({ created: 0, updated: 2, unchanged: 0, rejected: 0 });
    expect(done.keepExisting).toEqual(['FIRST_NAME', 'BRANCH']);
    expect(done.matchOrder).toEqual(['EMAIL', 'MEMBERSHIP_NUMBER', 'MOBILE']);
    const { rows } = await db.query(`SELECT id, first_name, last_name, branch, tags, issues, email, phone, sms_consent, email_consent FROM member
      WHERE organisation_id = $1 AND membership_number = 'K1'`, [UNION_ID]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: before.id, first_name: 'Kim', last_name: 'Lee-Smith', branch: 'North', tags: ['alpha', 'beta', 'gamma'], issues: ['pay', 'housing'],
      email: 'kim@merge.example.org', phone: '+447400000701', sms_consent: 'WITHDRAWN', email_consent: 'GRANTED' });
    const emails = await db.query(`SELECT address, is_primary FROM member_email WHERE organisation_id = $1 AND member_id = $2 ORDER BY position`, [UNION_ID, before.id]);
    expect(emails.rows).toEqual([{ address: 'kim@merge.example.org', is_primary: true }, { address: 'kim.work@merge.example.org', is_primary: false }]);
    const phones = await db.query(`SELECT e164 FROM member_phone WHERE organisation_id = $1 AND member_id = $2 ORDER BY position`, [UNION_ID, before.id]);
    expect(phones.rows.map((p) => p.e164)).toEqual(['+447400000701', '+447400000702']);
    const consents = await db.query(`SELECT channel, status, source FROM consent_record WHERE organisation_id = $1 AND member_id = $2 ORDER BY recorded_at, id`, [UNION_ID, before.id]);
    expect(consents.rows).toEqual([
      { channel: 'SMS', status: 'GRANTED', source: 'IMPORT' },
      { channel: 'SMS', status: 'WITHDRAWN', source: 'IMPORT' },
      { channel: 'EMAIL', status: 'GRANTED', source: 'IMPORT' },
    ]);
  });

  it('within-file duplicates become one member (matched by email, then mobile)', async () => {
    const { done } = await importFile(t, UNION_ID, csv(
      ',Dup,One,dup@merge.example.org,,,t1,,,',
      ',Dup,One,DUP@merge.example.org,07400 000711,,t2,,,',
      ',Dup,One,,07400 000711,,t3,,,',
    ), as);
    expect(done.progress).toMatchObject({ created: 1, updated: 2, rejected: 0 });
    const { rows } = await db.query(`SELECT m.tags FROM member m JOIN member_email e ON e.organisation_id = m.organisation_id AND e.member_id = m.id
      WHERE m.organisation_id = $1 AND e.address = 'dup@merge.example.org'`, [UNION_ID]);
    expect(rows).toEqual([{ tags: ['t1', 't2', 't3'] }]);
  });

  it('a name-only row matches a name-only member on name and postcode, never a namesake with contact details', async () => {
    const h = 'Membership No,First Name,Last Name,Email,Mobile,Postcode,Tags';
    const file = (...rows: string[]) => Buffer.from([h, ...rows].join('\n') + '\n');
    await importFile(t, UNION_ID, file(',Nia,Namesake,nia@keyed.example.org,,LS1 1AA,keyed', ',Owen,Nokey,,,LS2 2BB,first'), as);
    const { done } = await importFile(t, UNION_ID, file(',Nia,Namesake,,,LS1 1AA,other-nia', ',Owen,Nokey,,,LS2 2BB,second'), as);
    expect(done.progress).toMatchObject({ created: 1, updated: 1, rejected: 0 });
    const { rows } = await db.query(`SELECT first_name, email, tags FROM member WHERE organisation_id = $1 AND last_name IN ('Namesake', 'Nokey')
      ORDER BY last_name, email NULLS LAST`, [UNION_ID]);
    expect(rows).toEqual([
      { first_name: 'Nia', email: 'nia@keyed.example.org', tags: ['keyed'] },
      { first_name: 'Nia', email: null, tags: ['other-nia'] },
      { first_name: 'Owen', email: null, tags: ['first', 'second'] },
    ]);
  });

  it('records which members each import created, updated or left unchanged, and keeps has_mobile without extra writes', async () => {
    const first = await importFile(t, UNION_ID, csv('L1,Lia,Link,lia@links.example.org,07400 000731,,,,,', 'L2,Leo,Link,leo@links.example.org,,,,,,'), as);
    const second = await importFile(t, UNION_ID, csv('L1,Lia,Link,lia@links.example.org,07400 000731,,,,,', 'L2,Leo,Link,leo@links.example.org,,,newtag,,,',
      'L3,Lou,Link,,01132 496000,,,,,'), as);
    const links = async (importId: string) => (await db.query(`SELECT m.membership_number AS n, l.outcome FROM member_import_member l
      JOIN member m ON m.organisation_id = l.organisation_id AND m.id = l.member_id WHERE l.organisation_id = $1 AND l.import_id = $2 ORDER BY 1`,
    [UNION_ID, importId])).rows;
    expect(await links(first.done.id)).toEqual([{ n: 'L1', outcome: 'CREATED' }, { n: 'L2', outcome: 'CREATED' }]);
    // A completed import's stored file is deleted; its report stays.
    expect((await db.query(`SELECT count(*)::int AS n FROM import_file_chunk WHERE organisation_id = $1 AND import_id = $2`, [UNION_ID, first.done.id])).rows[0].n).toBe(0);
    expect((await db.query(`SELECT status, created_count FROM member_import WHERE organisation_id = $1 AND id = $2`, [UNION_ID, first.done.id])).rows[0])
      .toEqual({ status: 'COMPLETED', created_count: 2 });
    expect(await links(second.done.id)).toEqual([{ n: 'L1', outcome: 'UNCHANGED' }, { n: 'L2', outcome: 'UPDATED' }, { n: 'L3', outcome: 'CREATED' }]);
    const { rows } = await db.query(`SELECT membership_number AS n, has_mobile FROM member WHERE organisation_id = $1 AND membership_number LIKE 'L_' ORDER BY 1`, [UNION_ID]);
    expect(rows).toEqual([{ n: 'L1', has_mobile: true }, { n: 'L2', has_mobile: false }, { n: 'L3', has_mobile: false }]);
    // The member_phone triggers keep has_mobile for every other writer too.
    const l2 = (await db.query(`SELECT id FROM member WHERE organisation_id = $1 AND membership_number = 'L2'`, [UNION_ID])).rows[0].id;
    await db.query(`INSERT INTO member_phone (organisation_id, id, member_id, e164, type, is_primary, position)
      VALUES ($1, gen_random_uuid(), $2, '+447400000732', 'MOBILE', false, 5)`, [UNION_ID, l2]);
    expect((await db.query(`SELECT has_mobile FROM member WHERE organisation_id = $1 AND id = $2`, [UNION_ID, l2])).rows[0].has_mobile).toBe(true);
    await db.query(`UPDATE member_phone SET type = 'LANDLINE' WHERE organisation_id = $1 AND member_id = $2`, [UNION_ID, l2]);
    expect((await db.query(`SELECT has_mobile FROM member WHERE organisation_id = $1 AND id = $2`, [UNION_ID, l2])).rows[0].has_mobile).toBe(false);
    await db.query(`UPDATE member_phone SET type = 'MOBILE' WHERE organisation_id = $1 AND member_id = $2`, [UNION_ID, l2]);
    await db.query(`DELETE FROM member_phone WHERE organisation_id = $1 AND member_id = $2`, [UNION_ID, l2]);
    expect((await db.query(`SELECT has_mobile FROM member WHERE organisation_id = $1 AND id = $2`, [UNION_ID, l2])).rows[0].has_mobile).toBe(false);
  });

  it('a completed import refreshes the duplicate review queue in the background', async () => {
    const h = 'First Name,Last Name,Email,Postcode';
    await importFile(t, UNION_ID, Buffer.from(`${h}\nDara,Twice,dara.one@dupes.example.org,M1 1AA\nDara,Twice,dara.two@dupes.example.org,M1 1AA\n`), as);
    const deadline = Date.now() + 30_000;
    let found: { rule: string; n: number }[] = [];
    while (Date.now() < deadline) {
      found = (await db.query(`SELECT s.rule, cardinality(s.member_ids) AS n FROM member_duplicate_suggestion s
        WHERE s.organisation_id = $1 AND s.member_ids <@ (SELECT array_agg(id) FROM member WHERE organisation_id = $1 AND last_name = 'Twice')`, [UNION_ID])).rows;
      if (found.length > 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(found).toEqual([{ rule: 'SAME_NAME_POSTCODE', n: 2 }]);
  });

  it('changing the settings clears the dry run; the real run needs a new one', async () => {
    const up = await upload(t, UNION_ID, csv('Z1,Zed,Zulu,zed@merge.example.org,,,,,,'), 'z.csv', as);
    const id = up.body.data!.memberImport.id;
    await mutate(t, 'startImportDryRun', id, as);
    expect((await waitFor(t, id, ['DRY_RUN_DONE'], 60_000, as)).dryRun).not.toBeNull();
    const changed = await t.gql<{ updateMemberImport: { status: string; dryRun: unknown } }>(
      `mutation($input: UpdateMemberImportInput!) { updateMemberImport(input: $input) { status dryRun { total } } }`, { input: { id, columns: [{ index: 5, field: 'REGION' }] } }, as);
    expect(changed.body.data!.updateMemberImport).toEqual({ status: 'ANALYSED', dryRun: null });
    expect((await mutate(t, 'startMemberImport', id, as)).body.errors?.[0].extensions.code).toBe('VALIDATION_FAILED');
    const bad = await t.gql(`mutation($input: UpdateMemberImportInput!) { updateMemberImport(input: $input) { id } }`, { input: { id, columns: [{ index: 99, field: 'REGION' }] } }, as);
    expect(bad.body.errors?.[0].extensions.code).toBe('VALIDATION_FAILED');
  });
});

describe('history, mappings and audit', () => {
  it('lists imports newest first with their reports, filtered by status', async () => {
    const res = await t.gql<{ memberImports: { totalCount: number; edges: { node: { status: string; createdBy: string; fileName: string; durationSeconds: number | null } }[] } }>(
      `query($org: ID!) { memberImports(organisationId: $org, first: 50, status: [COMPLETED]) { totalCount edges { node { status createdBy fileName durationSeconds } } } }`, { org: UNION_ID }, as);
    expect(res.body.errors).toBeUndefined();
    const nodes = res.body.data!.memberImports.edges.map((e) => e.node);
    expect(nodes.length).toBe(res.body.data!.memberImports.totalCount);
    expect(nodes.length).toBeGreaterThan(3);
    expect(nodes.every((n) => n.status === 'COMPLETED' && n.createdBy === 'organiser@union.example' && n.durationSeconds !== null)).toBe(true);
    const page = await t.gql<{ memberImports: { edges: { cursor: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }>(
      `query($org: ID!) { memberImports(organisationId: $org, first: 2) { edges { cursor } pageInfo { hasNextPage endCursor } } }`, { org: UNION_ID }, as);
    expect(page.body.data!.memberImports.pageInfo.hasNextPage).toBe(true);
    const next = await t.gql<{ memberImports: { edges: { cursor: string }[] } }>(
      `query($org: ID!, $after: String) { memberImports(organisationId: $org, first: 2, after: $after) { edges { cursor } } }`, { org: UNION_ID, after: page.body.data!.memberImports.pageInfo.endCursor }, as);
    expect(next.body.data!.memberImports.edges).toHaveLength(2);
    expect(next.body.data!.memberImports.edges[0].cursor).not.toBe(page.body.data!.memberImports.edges[1].cursor);
  });

  it('saves, lists and deletes column mappings (same name replaces)', async () => {
    const save = (columns: { header: string; field: string }[]) => t.gql<{ saveImportMapping: { id: string; name: string; columns: unknown[] } }>(
      `mutation($input: SaveImportMappingInput!) { saveImportMapping(input: $input) { id name columns { header field } } }`,
      { input: { organisationId: UNION_ID, name: 'Unison export', columns } }, as);
    const first = await save([{ header: 'Mem No', field: 'MEMBERSHIP_NUMBER' }]);
    expect(first.body.errors).toBeUndefined();
    const second = await save([{ header: 'Mem No', field: 'MEMBERSHIP_NUMBER' }, { header: 'Forename', field: 'FIRST_NAME' }]);
    expect(second.body.data!.saveImportMapping.id).toBe(first.body.data!.saveImportMapping.id);
    const list = await t.gql<{ importMappings: { name: string; columns: unknown[] }[] }>(`query($org: ID!) { importMappings(organisationId: $org) { name columns { header field } } }`, { org: UNION_ID }, as);
    expect(list.body.data!.importMappings).toEqual([{ name: 'Unison export', columns: [{ header: 'Mem No', field: 'MEMBERSHIP_NUMBER' }, { header: 'Forename', field: 'FIRST_NAME' }] }]);
    const del = await t.gql(`mutation($id: ID!) { deleteImportMapping(id: $id) }`, { id: first.body.data!.saveImportMapping.id }, as);
    expect(del.body.data).toEqual({ deleteImportMapping: true });
    expect((await t.gql<{ importMappings: unknown[] }>(`query($org: ID!) { importMappings(organisationId: $org) { id } }`, { org: UNION_ID }, as)).body.data!.importMappings).toEqual([]);
  });

  it('every import mutation is in the audit log', async () => {
    const { rows } = await db.query(`SELECT DISTINCT action FROM audit_event WHERE organisation_id = $1 AND action LIKE 'member_import.%' OR action LIKE 'import_mapping.%' ORDER BY 1`, [UNION_ID]);
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['import_mapping.delete', 'import_mapping.save', 'member_import.dry_run', 'member_import.start', 'member_import.update', 'member_import.upload']));
  });
});

describe('the HTTP routes from outside the organisation', () => {
  it('another organisation\'s user and API key get NOT_FOUND and learn nothing; anonymous UNAUTHENTICATED; a volunteer FORBIDDEN', async () => {
    const imp = (await db.query(`SELECT id, file_name FROM member_import WHERE organisation_id = $1 AND rejected_count > 0 LIMIT 1`, [UNION_ID])).rows[0];
    const outsider = await createTestUser(t.databaseUrl, [{ organisationId: OTHER_ID, role: 'ORGANISER' }]);
    const key = await createTestApiKey(t.databaseUrl, OTHER_ID, 'CLIENT_ADMIN');
    const count = async () => (await db.query(`SELECT count(*)::int AS n FROM member_import`)).rows[0].n;
    const before = await count();
    for (const headers of [outsider.headers, key.headers]) {
      const up = await upload(t, UNION_ID, fixture('no-header.csv'), 'x.csv', headers);
      expect({ status: up.status, code: up.body.errors?.[0].extensions.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
      const rej = await t.app.inject({ method: 'GET', url: `/imports/${imp.id}/rejects.csv`, headers });
      expect({ status: rej.statusCode, code: JSON.parse(rej.body).errors[0].extensions.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
      expect(rej.body).not.toContain(imp.file_name);
      const unknown = await t.app.inject({ method: 'GET', url: `/imports/01937000-0000-7000-8000-00000000dead/rejects.csv`, headers });
      expect(JSON.parse(unknown.body).errors[0].message).toBe(JSON.parse(rej.body).errors[0].message);
    }
    const anonymous = await upload(t, UNION_ID, fixture('no-header.csv'), 'x.csv', {});
    expect({ status: anonymous.status, code: anonymous.body.errors?.[0].extensions.code }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    const volunteer = await createTestUser(t.databaseUrl, [{ organisationId: UNION_ID, role: 'VOLUNTEER' }]);
    const vol = await upload(t, UNION_ID, fixture('no-header.csv'), 'x.csv', volunteer.headers);
    expect({ status: vol.status, code: vol.body.errors?.[0].extensions.code }).toEqual({ status: 403, code: 'FORBIDDEN' });
    expect(await count()).toBe(before);
  });

  it('takes text/csv with a charset and application/octet-stream', async () => {
    for (const type of ['text/csv; charset=utf-8', 'application/octet-stream']) {
      const up = await upload(t, UNION_ID, fixture('no-header.csv'), 'typed.csv', { ...as, 'content-type': type });
      expect({ type, status: up.status }).toEqual({ type, status: 201 });
    }
  });

  it('refuses an empty file and a body that is not a file', async () => {
    const empty = await upload(t, UNION_ID, Buffer.alloc(0), 'empty.csv', as);
    expect({ status: empty.status, code: empty.body.errors?.[0].extensions.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    const json = await t.app.inject({ method: 'POST', url: `/imports?organisationId=${UNION_ID}`, headers: { ...as, 'content-type': 'application/json' }, payload: '{}' });
    expect(json.statusCode).toBe(400);
  });
});
