/**
 * Several import batches in flight at once (tiny batches, high concurrency): batches that share a person with an
 * earlier batch still in flight wait for it, so nobody is created twice and no update is lost, and the import
 * ends exactly as a one-batch-at-a-time import would.
 */
import type { Client } from 'pg';
import { createTestUser } from './support/auth';
import { connect } from './support/database';
import { buildFixture, loadFixture, UNION_ID } from './support/fixture';
import { importFile } from './support/imports';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let db: Client;
let as: Record<string, string>;
const saved = { batch: process.env.MUSTER_IMPORT_BATCH_SIZE, concurrency: process.env.MUSTER_IMPORT_CONCURRENCY };

beforeAll(async () => {
  process.env.MUSTER_IMPORT_BATCH_SIZE = '3';
  process.env.MUSTER_IMPORT_CONCURRENCY = '4';
  t = await startTestApp();
  db = await connect(t.databaseUrl);
  await loadFixture(db, buildFixture(0));
  as = (await createTestUser(t.databaseUrl, [{ organisationId: UNION_ID, role: 'ORGANISER' }], 'organiser@union.example')).headers;
});

afterAll(async () => {
  for (const [k, v] of [['MUSTER_IMPORT_BATCH_SIZE', saved.batch], ['MUSTER_IMPORT_CONCURRENCY', saved.concurrency]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await db?.end();
  await t?.close();
});

const header = 'Membership No,First Name,Last Name,Email,Mobile,Tags';
const file = (rows: string[]) => Buffer.from([header, ...rows].join('\n') + '\n');

async function tagsOf(where: string, param: string): Promise<string[][]> {
  const { rows } = await db.query(`SELECT m.tags FROM member m WHERE m.organisation_id = $1 AND ${where} ORDER BY m.id`, [UNION_ID, param]);
  return rows.map((r) => r.tags);
}

it('batches in flight share people safely: every update kept, nobody created twice, same counts as one at a time', async () => {
  await importFile(t, UNION_ID, file(['E1,Eve,Early,eve@pipe.example.org,,old', 'E2,Eli,Early,,07400 000801,old']), as);
  for (let round = 0; round < 3; round++) {
    const tag = (x: string) => `${x}${round}`;
    const rows = [
      // batch 1: Eve by number; a new person P (email); filler
      `E1,,,,,${tag('a')}`, `,Pat,New${round},pat${round}@pipe.example.org,,${tag('p1')}`, `F${round}1,Fil,Ler,,,`,
      // batch 2: Eve again by email (another key: the same member); P again (shared key) adding a mobile; filler
      `,,,eve@pipe.example.org,,${tag('b')}`, `,,,pat${round}@pipe.example.org,07400 00${round}802,${tag('p2')}`, `F${round}2,Fil,Ler,,,`,
      // batch 3: P by that mobile only; Eli by mobile; filler
      `,Pat,New${round},,07400 00${round}802,${tag('p3')}`, `,,,,07400 000801,${tag('d')}`, `F${round}3,Fil,Ler,,,`,
      // batch 4: Eli by number; Eve by number; filler
      `E2,,,,,${tag('e')}`, `E1,,,,,${tag('f')}`, `F${round}4,Fil,Ler,,,`,
    ];
    const { dry, done } = await importFile(t, UNION_ID, file(rows), as);
    expect(done.progress).toMatchObject({ created: 5, updated: 7, unchanged: 0, rejected: 0 });
    expect(dry.dryRun).toMatchObject({ created: 5, updated: 7, unchanged: 0, rejected: 0 });
    const eve = await tagsOf(`m.membership_number = $2`, 'E1');
    expect(eve).toHaveLength(1);
    expect(eve[0]).toEqual(expect.arrayContaining([tag('a'), tag('b'), tag('f')]));
    const eli = await tagsOf(`m.membership_number = $2`, 'E2');
    expect(eli).toHaveLength(1);
    expect(eli[0]).toEqual(expect.arrayContaining([tag('d'), tag('e')]));
    const pat = await tagsOf(`m.last_name = $2`, `New${round}`);
    expect(pat).toEqual([[tag('p1'), tag('p2'), tag('p3')]]);
    const { rows: contact } = await db.query(`SELECT email, phone FROM member WHERE organisation_id = $1 AND last_name = $2`, [UNION_ID, `New${round}`]);
    expect(contact).toEqual([{ email: `pat${round}@pipe.example.org`, phone: `+44740000${round}802` }]);
  }
  // No duplicate anywhere.
  const { rows: dupes } = await db.query(`SELECT
      (SELECT count(*) - count(DISTINCT membership_number) FROM member WHERE organisation_id = $1 AND membership_number IS NOT NULL)::int AS numbers,
      (SELECT count(*) - count(DISTINCT address) FROM member_email WHERE organisation_id = $1)::int AS emails,
      (SELECT count(*) - count(DISTINCT e164) FROM member_phone WHERE organisation_id = $1)::int AS phones`, [UNION_ID]);
  expect(dupes).toEqual([{ numbers: 0, emails: 0, phones: 0 }]);
});
