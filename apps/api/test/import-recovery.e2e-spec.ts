/**
 * The import job survives a killed worker and can be cancelled. The workers run in child processes (the built
 * API, jobs on); the test's own API has jobs off and only queues. A worker is SIGKILLed mid-import; a second
 * one resumes from the last committed checkpoint: the right members, no duplicates, counts that add up.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Client } from 'pg';
import { createTestUser } from './support/auth';
import { connect } from './support/database';
import { buildFixture, loadFixture, UNION_ID } from './support/fixture';
import { getImport, mutate, upload, waitFor } from './support/imports';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let db: Client;
let as: Record<string, string>;
const children: ChildProcess[] = [];
const savedJobs = process.env.MUSTER_JOBS;

/** n people; every 10th row repeats an earlier person (same email, new tag); every 50th is rejected. */
function generate(n: number, v = { domain: 'example.org', prefix: 'N', mobile: 900000 }): { csv: Buffer; people: number; rejected: number } {
  const lines = ['Membership No,First Name,Last Name,Email,Mobile,Tags,SMS Opt In'];
  let people = 0;
  let rejected = 0;
  for (let i = 1; i <= n; i++) {
    if (i % 50 === 0) {
      lines.push(',,,,,,');
      lines.push(`,Nobody,,not-an-email,,,`);
      rejected++;
    } else if (i % 10 === 0) {
      const j = i - 7;
      lines.push(`,,,person${j}@${v.domain},,repeat,`);
    } else {
      people++;
      lines.push(`${v.prefix}${String(i).padStart(6, '0')},First${i},"Last, ${i}",person${i}@${v.domain},07700 ${String(v.mobile + i).padStart(6, '0')},"a, b",${i % 3 === 0 ? 'yes' : ''}`);
    }
  }
  return { csv: Buffer.from(lines.join('\r\n') + '\r\n'), people, rejected };
}

function startWorker(env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(__dirname, 'support', 'import-worker.cjs'), t.databaseUrl], {
    env: { ...process.env, MUSTER_JOBS: 'on', MUSTER_IMPORT_BATCH_SIZE: '200', MUSTER_IMPORT_LEASE_SECONDS: '2', NODE_OPTIONS: '', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => { if (String(d).includes('ready')) resolve(child); });
    child.on('exit', (code) => reject(new Error(`worker exited with ${code}`)));
  });
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

async function rowsDone(id: string): Promise<{ rows_done: number; status: string }> {
  return (await db.query(`SELECT rows_done, status FROM member_import WHERE id = $1`, [id])).rows[0];
}

async function until(fn: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function duplicates(): Promise<{ emails: number; phones: number; numbers: number }> {
  const one = async (sql: string) => (await db.query(sql, [UNION_ID])).rows.length;
  return {
    emails: await one(`SELECT address FROM member_email WHERE organisation_id = $1 GROUP BY address HAVING count(*) > 1`),
    phones: await one(`SELECT e164 FROM member_phone WHERE organisation_id = $1 GROUP BY e164, member_id HAVING count(*) > 1`),
    numbers: await one(`SELECT membership_number FROM member WHERE organisation_id = $1 AND membership_number IS NOT NULL GROUP BY membership_number HAVING count(*) > 1`),
  };
}

async function memberCount(): Promise<number> {
  return (await db.query(`SELECT count(*)::int AS n FROM member WHERE organisation_id = $1`, [UNION_ID])).rows[0].n;
}

beforeAll(async () => {
  process.env.MUSTER_JOBS = 'off';
  t = await startTestApp();
  db = await connect(t.databaseUrl);
  await loadFixture(db, buildFixture(0));
  as = (await createTestUser(t.databaseUrl, [{ organisationId: UNION_ID, role: 'ORGANISER' }], 'organiser@union.example')).headers;
}, 60_000);

afterAll(async () => {
  for (const child of children) await kill(child);
  if (savedJobs === undefined) delete process.env.MUSTER_JOBS;
  else process.env.MUSTER_JOBS = savedJobs;
  await db?.end();
  await t?.close();
});

describe('a worker killed mid-import', () => {
  it('is resumed by another worker: the right members, no duplicates, counts that add up', async () => {
    const file = generate(6000);
    const up = await upload(t, UNION_ID, file.csv, 'big.csv', as);
    expect(up.status).toBe(201);
    const id = up.body.data!.memberImport.id;
    const first = await startWorker();

    expect((await mutate(t, 'startImportDryRun', id, as)).body.errors).toBeUndefined();
    const dry = await waitFor(t, id, ['DRY_RUN_DONE', 'FAILED'], 120_000, as);
    expect(dry.error).toBeNull();
    expect(dry.dryRun).toMatchObject({ total: 6000, rejected: file.rejected });
    expect(dry.dryRun!.created).toBe(file.people);
    expect(await memberCount()).toBe(0);

    expect((await mutate(t, 'startMemberImport', id, as)).body.errors).toBeUndefined();
    // Kill it once a few batches are committed, in the middle of the file.
    await until(async () => { const r = await rowsDone(id); return r.status === 'RUNNING' && r.rows_done >= 1000; });
    await kill(first);
    const atKill = await rowsDone(id);
    expect(atKill.status).toBe('RUNNING');
    expect(atKill.rows_done).toBeLessThan(6000);
    // What is committed is exactly what the checkpoint says (the open batch rolled back with it).
    const committed = (await db.query(`SELECT created_count FROM member_import WHERE id = $1`, [id])).rows[0].created_count;
    expect(await memberCount()).toBe(committed);

    const second = await startWorker(); // resumes after the 2 s lease
    const done = await waitFor(t, id, ['COMPLETED', 'FAILED'], 120_000, as);
    expect(done.error).toBeNull();
    expect(done.progress).toMatchObject({ total: 6000, done: 6000, rejected: file.rejected, created: file.people });
    expect(done.progress.created + done.progress.updated + done.progress.unchanged + done.progress.rejected).toBe(6000);
    expect(await memberCount()).toBe(file.people);
    expect(await duplicates()).toEqual({ emails: 0, phones: 0, numbers: 0 });
    // A repeated row merged its tag into the earlier person.
    const { rows } = await db.query(`SELECT tags FROM member m JOIN member_email e ON e.organisation_id = m.organisation_id AND e.member_id = m.id
      WHERE m.organisation_id = $1 AND e.address = 'person3@example.org'`, [UNION_ID]);
    expect(rows).toEqual([{ tags: ['a', 'b', 'repeat'] }]);
    await kill(second);
  }, 180_000);
});

describe('a clean restart', () => {
  it('a stopping worker finishes its batch and releases the import; the next process resumes it at once', async () => {
    const file = generate(6000, { domain: 'restart.example.org', prefix: 'R', mobile: 700000 });
    const worker = await startWorker({ MUSTER_IMPORT_LEASE_SECONDS: '600' });
    const up = await upload(t, UNION_ID, file.csv, 'restart.csv', as);
    const id = up.body.data!.memberImport.id;
    const before = await memberCount();
    expect((await mutate(t, 'startImportDryRun', id, as)).body.errors).toBeUndefined();
    await waitFor(t, id, ['DRY_RUN_DONE'], 120_000, as);
    expect((await mutate(t, 'startMemberImport', id, as)).body.errors).toBeUndefined();
    await until(async () => { const r = await rowsDone(id); return r.status === 'RUNNING' && r.rows_done >= 600; });
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.kill('SIGTERM');
    await exited;
    const stopped = (await db.query(`SELECT status, rows_done, lease_owner, created_count FROM member_import WHERE id = $1`, [id])).rows[0];
    expect(stopped).toMatchObject({ status: 'RUNNING', lease_owner: null });
    expect(stopped.rows_done).toBeLessThan(6000);
    expect(await memberCount()).toBe(before + stopped.created_count);
    // A 600 s lease: only the released lease lets the new process take over this quickly.
    await startWorker({ MUSTER_IMPORT_LEASE_SECONDS: '600' });
    const done = await waitFor(t, id, ['COMPLETED', 'FAILED'], 60_000, as);
    expect(done.progress).toMatchObject({ done: 6000, created: file.people, rejected: file.rejected });
    expect(await memberCount()).toBe(before + file.people);
    expect(await duplicates()).toEqual({ emails: 0, phones: 0, numbers: 0 });
    for (const child of children) await kill(child);
  }, 180_000);
});

describe('cancel', () => {
  it('stops a running import after its batch; starting it again resumes where it stopped', async () => {
    const file = generate(6000, { domain: 'cancel.example.org', prefix: 'C', mobile: 800000 });
    const csv = file.csv;
    await startWorker({ MUSTER_IMPORT_LEASE_SECONDS: '30' });
    const up = await upload(t, UNION_ID, csv, 'cancel.csv', as);
    const id = up.body.data!.memberImport.id;
    const before = await memberCount();
    expect((await mutate(t, 'startImportDryRun', id, as)).body.errors).toBeUndefined();
    await waitFor(t, id, ['DRY_RUN_DONE'], 120_000, as);
    expect((await mutate(t, 'startMemberImport', id, as)).body.errors).toBeUndefined();
    await until(async () => { const r = await rowsDone(id); return r.status === 'RUNNING' && r.rows_done >= 600; });
    const cancelled = await mutate(t, 'cancelMemberImport', id, as);
    expect(cancelled.body.errors).toBeUndefined();
    expect(['CANCELLING', 'CANCELLED']).toContain(cancelled.body.data!.cancelMemberImport.status);
    const stopped = await waitFor(t, id, ['CANCELLED'], 120_000, as);
    expect(stopped.progress.done).toBeLessThan(6000);
    expect(await memberCount()).toBe(before + stopped.progress.created);

    expect((await mutate(t, 'startMemberImport', id, as)).body.errors).toBeUndefined();
    const done = await waitFor(t, id, ['COMPLETED'], 120_000, as);
    expect(done.progress).toMatchObject({ done: 6000, created: file.people, rejected: file.rejected });
    expect(await memberCount()).toBe(before + file.people);
    expect(await duplicates()).toEqual({ emails: 0, phones: 0, numbers: 0 });
    expect((await getImport(t, id, as)).status).toBe('COMPLETED');
  }, 180_000);
});
