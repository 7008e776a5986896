/**
 * Member import end to end against PostgreSQL: upload (streamed into chunks), analysis, dry run, real run
 * in the pg-boss job, re-run changing nothing, merging, keepExisting, consent records, rejects CSV.
 */
import { isBlankRecord, parseCsv } from '@muster/domain';
import type { Client } from 'pg';
import { createTestUser } from './support/auth';
import { connect } from './support/database';
import { buildFixture, loadFixture, UNION_ID } from './support/fixture';
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

