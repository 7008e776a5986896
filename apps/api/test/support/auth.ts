/**
 * Test principals written straight into a test database: users with roles, session tokens and API
 * keys, exactly as the API stores them (SHA-256 of the token), so tests authenticate without
 * going through login (login itself is tested in auth.e2e-spec.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';

export type TestRole = 'AGENCY_ADMIN' | 'ORGANISER' | 'VOLUNTEER' | 'CLIENT_ADMIN' | 'CLIENT_VIEWER';

export function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

export async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface TestUser {
  userId: string;
  email: string;
  token: string;
  headers: Record<string, string>;
}

/** A user with these roles and a live session; `headers` authenticate as them. */
export async function createTestUser(url: string, grants: { organisationId: string; role: TestRole }[], email?: string): Promise<TestUser> {
  const userId = uuidv7();
  const address = email ?? `user-${userId}@test.example`;
  const token = `mst_s_${randomBytes(32).toString('base64url')}`;
  await withClient(url, async (c) => {
    await c.query(`INSERT INTO app_user (id, email, name) VALUES ($1, $2, 'Test User')`, [userId, address]);
    for (const g of grants) {
      await c.query(`INSERT INTO membership (organisation_id, user_id, role) VALUES ($1, $2, $3)`, [g.organisationId, userId, g.role]);
    }
    await c.query(
      `INSERT INTO session (id, user_id, token_hash, expires_at, last_used_at) VALUES ($1, $2, $3, now() + interval '30 days', now())`,
      [uuidv7(), userId, sha256(token)],
    );
  });
  return { userId, email: address, token, headers: { authorization: `Bearer ${token}` } };
}

/** An API key row (as createApiKey stores it) and its secret. */
export async function createTestApiKey(url: string, organisationId: string, role: TestRole): Promise<{ id: string; secret: string; headers: Record<string, string> }> {
  const id = uuidv7();
  const prefix = randomBytes(4).toString('hex');
  const secret = `mst_k_${prefix}_${randomBytes(32).toString('base64url')}`;
  await withClient(url, (c) =>
    c.query(`INSERT INTO api_key (organisation_id, id, name, role, prefix, secret_hash) VALUES ($1, $2, 'test key', $3, $4, $5)`,
      [organisationId, id, role, prefix, sha256(secret)]),
  );
  return { id, secret, headers: { authorization: `Bearer ${secret}` } };
}
