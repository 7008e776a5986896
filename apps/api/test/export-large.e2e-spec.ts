/**
 * The export at size, over a real HTTP connection: 50,000 members stream with the process's live
 * memory sampled (flat: far below the file's size), a paused client stops the reading (backpressure),
 * and a client that goes away leaves an audit event marked incomplete and no open transaction.
 * Memory is measured, never timed: the assertions compare sizes, not durations.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Client } from 'pg';
import { createTestUser, type TestUser } from './support/auth';
import { connect } from './support/database';
import { startTestApp, type TestApp } from './support/test-app';
import { exportUrl } from './export.helpers';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const ORG = '01937000-0000-7000-8000-0000000000f1';
const MEMBERS = 50_000;
let t: TestApp;
let db: Client;
let user: TestUser;
let port: number;

beforeAll(async () => {
  t = await startTestApp();
  db = await connect(t.databaseUrl);
  await db.query(`INSERT INTO organisation (id, kind, name, slug) VALUES ($1, 'CLIENT', 'Large Export', 'large-export')`, [ORG]);
  // Realistic width: names, two emails, two phones, tags and issues on every member.
  await db.query(
    `INSERT INTO member (organisation_id, id, first_name, last_name, email, phone, postcode, region, branch, workplace, employer,
       membership_number, joined_on, tags, issues)
     SELECT $1, gen_random_uuid(), 'First' || g, 'Surname' || (g % 997), 'member' || g || '@example.org', '+447700' || lpad(g::text, 6, '0'),
            'LS1 4AP', 'Yorkshire and the Humber', 'Leeds Central ' || (g % 13), 'St James''s University Hospital', 'Leeds Teaching Hospitals NHS Trust',
            'M' || lpad(g::text, 7, '0'), date '2000-01-01' + (g % 9000), ARRAY['rep', 'steward', 'tag' || (g % 50)], ARRAY['pay', 'safety']
       FROM generate_series(1, ${MEMBERS}) g`, [ORG]);
  await db.query(
    `INSERT INTO member_email (organisation_id, id, member_id, address, is_primary, position)
     SELECT m.organisation_id, gen_random_uuid(), m.id, e.address, e.position = 0, e.position
       FROM member m, LATERAL (VALUES (m.email, 0), (replace(m.email, '@example.org', '@work.example.com'), 1)) AS e(address, position)
      WHERE m.organisation_id = $1`, [ORG]);
  await db.query(
    `INSERT INTO member_phone (organisation_id, id, member_id, e164, type, is_primary, position)
     SELECT m.organisation_id, gen_random_uuid(), m.id, p.e164, p.type::phone_type, p.position = 0, p.position
       FROM member m, LATERAL (VALUES (m.phone, 'MOBILE', 0), ('+44113' || right(m.phone, 7), 'LANDLINE', 1)) AS p(e164, type, position)
      WHERE m.organisation_id = $1`, [ORG]);
  user = await createTestUser(t.databaseUrl, [{ organisationId: ORG, role: 'ORGANISER' }]);
  await t.app.listen(0, '127.0.0.1');
  port = (t.app.getHttpServer().address() as AddressInfo).port;
}, 120_000);

afterAll(async () => {
  await db?.end();
  await t?.close();
}, 120_000);

/** Live memory: what is still reachable after a full collection. */
function liveBytes(): number {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

function mib(n: number): string {
  return `${(n / 2 ** 20).toFixed(1)} MiB`;
}

/** Reads a response to its end, counting bytes and lines (nothing kept). */
function drain(res: http.IncomingMessage, onChunk?: (bytesSoFar: number) => void): Promise<{ bytes: number; lines: number }> {
  let bytes = 0;
  let lines = 0;
  return new Promise((resolve, reject) => {
    res.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
      onChunk?.(bytes);
    });
    res.on('end', () => resolve({ bytes, lines }));
    res.on('error', reject);
  });
}

function get(requestId: string): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    // A fresh connection each time (no keep-alive reuse): each download's socket buffers start small.
    http.get({ host: '127.0.0.1', port, agent: false, path: exportUrl(ORG), headers: { ...user.headers, 'x-request-id': requestId } }, resolve).on('error', reject);
  });
}

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>): Promise<T> {
  for (let i = 0; i < 1000; i++) {
    const value = await probe();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function auditOf(requestId: string): Promise<{ details: { rowCount: number; complete: boolean; reason?: string } }> {
  return waitFor(`the audit event of ${requestId}`, async () => {
    const rows = await db.query(`SELECT details FROM audit_event WHERE request_id = $1 AND action = 'member.export'`, [requestId]);
    return rows.rows[0];
  });
}

/** Backends of this database inside a transaction (an export holds one while it streams). */
async function openTransactions(): Promise<{ pid: number; state: string; state_change: Date }[]> {
  const rows = await db.query(
    `SELECT pid, state, state_change FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend' AND xact_start IS NOT NULL`);
  return rows.rows;
}

describe('export: 50,000 members', () => {
  it('streams every row while live memory stays flat (no growth with the rows sent, far below the file size)', async () => {
    await drain(await get('export-large-warmup')); // first use compiles code and fills caches: not the export's memory
    const baseline = liveBytes();
    const samples: { bytes: number; live: number }[] = [];
    const res = await get('export-large-memory');
    expect(res.statusCode).toBe(200);
    let chunks = 0;
    const { bytes, lines } = await drain(res, (sent) => {
      // A full collection every 4th chunk (each chunk is one batch of rows).
      if (chunks++ % 4 === 0) samples.push({ bytes: sent, live: liveBytes() - baseline });
    });
    const peak = Math.max(...samples.map((x) => x.live));
    const firstHalf = Math.max(...samples.filter((x) => x.bytes < bytes / 2).map((x) => x.live));
    const secondHalf = Math.max(...samples.filter((x) => x.bytes >= bytes / 2).map((x) => x.live));
    console.log(`50k export: ${bytes} bytes; live memory above baseline: peak ${mib(peak)}, first half ${mib(firstHalf)}, second half ${mib(secondHalf)} (${samples.length} samples)`);
    expect(lines).toBe(MEMBERS + 1);
    expect(bytes).toBeGreaterThan(15 * 2 ** 20);
    expect(samples.length).toBeGreaterThan(5);
    // Holding the result would keep at least the file's size alive (as rows, several times it) and grow with every
    // row sent; streaming keeps about one batch (2,000 rows) alive whatever the size.
    expect(peak).toBeLessThan(bytes / 2);
    expect(secondHalf).toBeLessThan(firstHalf + 4 * 2 ** 20);
    const audit = await auditOf('export-large-memory');
    expect(audit.details).toMatchObject({ rowCount: MEMBERS, complete: true });
  }, 300_000);

  it('a paused client stops the reading (backpressure); resumed, it gets every row', async () => {
    const baseline = liveBytes();
    const res = await get('export-large-paused');
    let bytes = 0;
    let lines = 0;
    const count = (chunk: Buffer) => {
      bytes += chunk.length;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    };
    await new Promise<void>((resolve) => res.once('data', (chunk: Buffer) => { count(chunk); res.pause(); resolve(); }));
    // Wait until the export's transaction has run no query for a while: the producer has stopped.
    let last: unknown = null;
    await waitFor('the export to stall', async () => {
      const first = (await openTransactions()).filter((b) => b.state.startsWith('idle in transaction'));
      last = { bytes, open: await openTransactions() };
      if (first.length !== 1) return false;
      await new Promise((r) => setTimeout(r, 300));
      const again = (await openTransactions()).find((b) => b.pid === first[0].pid);
      return again && again.state_change.getTime() === first[0].state_change.getTime();
    }).catch((error: Error) => {
      res.destroy();
      throw new Error(`${error.message}: ${JSON.stringify(last)}`);
    });
    const stalled = liveBytes() - baseline;
    console.log(`paused after ${bytes} bytes: live memory +${mib(stalled)}`);
    try {
      // Stalled long before the end: no audit yet, and only socket buffers plus a batch or two in memory.
      expect((await db.query(`SELECT 1 FROM audit_event WHERE request_id = 'export-large-paused'`)).rowCount).toBe(0);
      expect(stalled).toBeLessThan(16 * 2 ** 20);
    } catch (error) {
      res.destroy();
      throw error;
    }
    res.on('data', count);
    await new Promise<void>((resolve, reject) => { res.on('end', resolve); res.on('error', reject); res.resume(); });
    expect(lines).toBe(MEMBERS + 1);
    expect((await auditOf('export-large-paused')).details).toMatchObject({ rowCount: MEMBERS, complete: true });
  }, 300_000);

  it('a client that goes away: audit marked incomplete, the transaction ended, the pool intact', async () => {
    for (let i = 0; i < 25; i++) {
      const requestId = `export-large-gone-${i}`;
      const res = await get(requestId);
      await new Promise<void>((resolve) => res.once('data', () => { res.destroy(); resolve(); }));
      const audit = await auditOf(requestId);
      expect(audit.details).toMatchObject({ complete: false, reason: 'CLIENT_DISCONNECTED' });
      expect(audit.details.rowCount).toBeLessThan(MEMBERS);
    }
    // 25 abandoned exports (more than the pool's 20 connections): none left a transaction open...
    await waitFor('no open transaction', async () => (await openTransactions()).length === 0);
    // ...and the next export still gets a connection and every row.
    const { lines } = await drain(await get('export-large-after'));
    expect(lines).toBe(MEMBERS + 1);
  }, 300_000);

  it('a client that stops reading but keeps the connection is cut off after MUSTER_EXPORT_IDLE_SECONDS (audit: CLIENT_STALLED)', async () => {
    process.env.MUSTER_EXPORT_IDLE_SECONDS = '1';
    try {
      const res = await get('export-large-stalled');
      res.on('error', () => undefined);
      await new Promise<void>((resolve) => res.once('data', () => { res.pause(); resolve(); }));
      const audit = await auditOf('export-large-stalled');
      expect(audit.details).toMatchObject({ complete: false, reason: 'CLIENT_STALLED' });
      await waitFor('no open transaction', async () => (await openTransactions()).length === 0);
      res.destroy();
    } finally {
      delete process.env.MUSTER_EXPORT_IDLE_SECONDS;
    }
  }, 300_000);

  it('at most MUSTER_EXPORT_CONCURRENCY exports stream at once; the next is RATE_LIMITED until one ends', async () => {
    process.env.MUSTER_EXPORT_CONCURRENCY = '2';
    const open: http.IncomingMessage[] = [];
    try {
      for (const id of ['export-large-slot-1', 'export-large-slot-2']) {
        const res = await get(id);
        expect(res.statusCode).toBe(200);
        await new Promise<void>((resolve) => res.once('data', () => { res.pause(); resolve(); }));
        open.push(res);
      }
      const refused = await get('export-large-slot-3');
      expect(refused.statusCode).toBe(429);
      expect(refused.headers['retry-after']).toBe('60');
      const body = JSON.parse((await new Promise<Buffer>((resolve) => { const parts: Buffer[] = []; refused.on('data', (c: Buffer) => parts.push(c)); refused.on('end', () => resolve(Buffer.concat(parts))); })).toString());
      expect(body).toMatchObject({ data: null, errors: [{ extensions: { code: 'RATE_LIMITED' } }] });
      open.shift()!.destroy();
      await auditOf('export-large-slot-1');
      const { lines } = await drain(await get('export-large-slot-4'));
      expect(lines).toBe(MEMBERS + 1);
    } finally {
      for (const res of open) res.destroy();
      delete process.env.MUSTER_EXPORT_CONCURRENCY;
    }
    await waitFor('no open transaction', async () => (await openTransactions()).length === 0);
  }, 300_000);
});
