import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { ensureDatabase, startEmbeddedPostgres, withDatabase } from './postgres';

// These start the real embedded PostgreSQL binaries: the same path `npm start` takes on a machine without PostgreSQL.
describe('embedded PostgreSQL', () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'muster-pg-spec-'));
  fs.chmodSync(base, 0o755);
  afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

  async function count(url: string, sql: string): Promise<number> {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return Number((await client.query(sql)).rows[0].n);
    } finally {
      await client.end();
    }
  }

  it('keeps data across a restart and leaves no server process behind', async () => {
    const dataDir = path.join(base, 'persist', 'postgres');
    const first = await startEmbeddedPostgres({ dataDir, fast: true });
    await ensureDatabase(first.url(), 'muster');
    await ensureDatabase(first.url(), 'muster'); // idempotent
    const client = new Client({ connectionString: first.url('muster') });
    await client.connect();
    await client.query('CREATE TABLE kept (n int); INSERT INTO kept VALUES (1), (2)');
    await client.end();
    await first.stop();
    expect(spawnSync('pgrep', ['-f', `postgres -D ${first.dataDir}`]).status).not.toBe(0);

    const second = await startEmbeddedPostgres({ dataDir, fast: true });
    try {
      expect(await count(second.url('muster'), 'SELECT count(*) AS n FROM kept')).toBe(2);
      expect(await count(second.url(), "SELECT count(*) AS n FROM pg_available_extensions WHERE name = 'pg_trgm'")).toBe(1);
    } finally {
      await second.stop();
    }
  });

  it('takes over a cluster whose previous launcher died without stopping it', async () => {
    const dataDir = path.join(base, 'stale', 'postgres');
    const orphan = await startEmbeddedPostgres({ dataDir, fast: true });
    // Simulate a launcher killed outright: its server is still running when the next one starts.
    const next = await startEmbeddedPostgres({ dataDir, fast: true });
    try {
      expect(await count(next.url(), 'SELECT 1 AS n')).toBe(1);
    } finally {
      await next.stop();
      await orphan.stop();
    }
  });

  it('points a URL at another database', () => {
    expect(withDatabase('postgres://postgres@127.0.0.1:5432/postgres', 'muster_x')).toBe('postgres://postgres@127.0.0.1:5432/muster_x');
  });
});
