/**
 * The per-process principal cache (src/auth/principal-cache.ts) saves the session lookup on repeated requests and
 * never lets a revoked session, key or role keep working: in this process a committed change clears it at once; from
 * anywhere else (another API process, psql) the NOTIFY trigger clears it within milliseconds; and while the listener
 * is down nothing is served from it.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app.factory';
import { AuthRepository } from '../src/auth/auth.repository';
import { principalCacheFor } from '../src/auth/principal-cache';
import { createTestApiKey, createTestUser } from './support/auth';
import { connect } from './support/database';
import { buildFixture, loadFixture, UNION_ID } from './support/fixture';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let db: Client;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, check: () => Promise<boolean> | boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await sleep(10);
  }
}

function cacheOf(app: NestFastifyApplication) {
  return principalCacheFor(app.get(DataSource));
}

beforeAll(async () => {
  t = await startTestApp();
  db = await connect(t.databaseUrl);
  await loadFixture(db, buildFixture(6));
  await until('the auth-change listener', () => cacheOf(t.app).listening);
});

afterAll(async () => {
  await db?.end();
  await t?.close();
});

const VIEWER = `{ viewer { user { id } organisations { id } } }`;
const MEMBERS = `query($org: ID!) { members(organisationId: $org, first: 1) { totalCount } }`;

async function viewerOk(app: NestFastifyApplication, headers: Record<string, string>): Promise<boolean> {
  const res = await app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify({ query: VIEWER }) });
  const body = JSON.parse(res.body);
  return !body.errors && body.data?.viewer?.user != null;
}

async function viewerError(app: NestFastifyApplication, headers: Record<string, string>): Promise<string | null> {
  const res = await app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify({ query: VIEWER }) });
  return JSON.parse(res.body).errors?.[0]?.extensions?.code ?? null;
}

function countLookups() {
  const spy = jest.spyOn(AuthRepository.prototype, 'sessionPrincipal');
  return { get count() { return spy.mock.calls.length; }, restore: () => spy.mockRestore() };
}

describe('principal cache', () => {
  it('looks a session up once, then serves repeated requests from memory', async () => {
    const generation = cacheOf(t.app).generation;
    const user = await createTestUser(t.databaseUrl, [{ organisationId: UNION_ID, role: 'ORGANISER' }]);
    // Creating the user's membership NOTIFYs every API process, which clears its cache. Wait for that to arrive
    // before counting (under load it could otherwise land after the first request and force a second lookup).
    await until('the new membership\'s notification', () => cacheOf(t.app).generation > generation);
    const lookups = countLookups();
    try {
      for (let i = 0; i < 5; i += 1) expect((await t.gql(MEMBERS, { org: UNION_ID }, user.headers)).body.errors).toBeUndefined();
      expect(lookups.count).toBe(1);
    } finally { lookups.restore(); }
  });

  it('logout through the API: the very next request with the token is signed out (no waiting)', async () => {
    const user = await createTestUser(t.databaseUrl, [{ organisationId: UNION_ID, role: 'ORGANISER' }]);
    expect(await viewerOk(t.app, user.headers)).toBe(true);
    expect((await t.gql(`mutation { logout }`, {}, user.headers)).body.errors).toBeUndefined();
    const res = await t.gql(MEMBERS, { org: UNION_ID }, user.headers);
    expect(res.body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('a role removed through the API takes the reach away at once', async () => {
    const user = await createTestUser(t.databaseUrl, [{ organisationId: UNION_ID, role: 'ORGANISER' }]);
    expect((await t.gql(MEMBERS, { org: UNION_ID }, user.headers)).body.errors).toBeUndefined();
    const removed = await t.gql(`mutation($o: ID!, $u: ID!) { setUserRole(organisationId: $o, userId: $u, role: null) { user { id } } }`, { o: UNION_ID, u: user.userId });
    expect(removed.body.errors).toBeUndefined();
    const res = await t.gql(MEMBERS, { org: UNION_ID }, user.headers);
    expect(res.body.errors?.[0].extensions.code).toMatch(/FORBIDDEN|NOT_FOUND/);
  });

  it('an API key revoked through the API stops working at once', async () => {
    const key = await createTestApiKey(t.databaseUrl, UNION_ID, 'ORGANISER');
    expect((await t.gql(MEMBERS, { org: UNION_ID }, key.headers)).body.errors).toBeUndefined();
    expect((await t.gql(`mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: key.id })).body.errors).toBeUndefined();
    expect((await t.gql(MEMBERS, { org: UNION_ID }, key.headers)).body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('a session revoked from outside the process (psql, another API) is refused within moments, through NOTIFY', async () => {
    const user = await createTestUser(t.databaseUrl, [{ organisationId: UNION_ID, role: 'ORGANISER' }]);
    expect(await viewerOk(t.app, user.headers)).toBe(true);
    expect(await viewerOk(t.app, user.headers)).toBe(true); // now cached
    const t0 = Date.now();
    await db.query(`UPDATE session SET revoked_at = now() WHERE user_id = $1`, [user.userId]);
    await until('the revoked session to be refused', async () => !(await viewerOk(t.app, user.headers)), 2000);
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('a membership deleted and a user disabled from outside the process take effect the same way', async () => {
    const user = await createTestUser(t.databaseUrl, [{ organisationId: UNION_ID, role: 'ORGANISER' }]);
    expect((await t.gql(MEMBERS, { org: UNION_ID }, user.headers)).body.errors).toBeUndefined();
    await db.query(`DELETE FROM membership WHERE user_id = $1`, [user.userId]);
    await until('the lost membership', async () => (await t.gql(MEMBERS, { org: UNION_ID }, user.headers)).body.errors !== undefined, 2000);
    expect(await viewerError(t.app, user.headers)).toBe('FORBIDDEN'); // still signed in, no role left
    await db.query(`UPDATE app_user SET disabled_at = now() WHERE id = $1`, [user.userId]);
    await until('the disabled user to be refused', async () => (await viewerError(t.app, user.headers)) === 'UNAUTHENTICATED', 2000);
  });

  it('a logout in one API process signs the token out of another process on the same database', async () => {
    const other = await createApp({ databaseUrl: t.databaseUrl, logLevel: 'silent' });
    try {
      await other.getHttpAdapter().getInstance().ready();
      await until('the second listener', () => cacheOf(other).listening);
      const user = await createTestUser(t.databaseUrl, [{ organisationId: UNION_ID, role: 'ORGANISER' }]);
      expect(await viewerOk(other, user.headers)).toBe(true);
      expect(await viewerOk(other, user.headers)).toBe(true);
      expect((await t.gql(`mutation { logout }`, {}, user.headers)).body.errors).toBeUndefined();
      await until('the other process to refuse the token', async () => !(await viewerOk(other, user.headers)), 2000);
    } finally {
      await other.close();
    }
  });

  it('while the listener is down nothing is served from the cache; it comes back by itself', async () => {
    const user = await createTestUser(t.databaseUrl, [{ organisationId: UNION_ID, role: 'ORGANISER' }]);
    expect(await viewerOk(t.app, user.headers)).toBe(true);
    const cache = cacheOf(t.app);
    await db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'muster-auth-listener' AND datname = current_database()`);
    await until('the cache to switch off', () => !cache.listening, 2000);
    const lookups = countLookups();
    try {
      expect(await viewerOk(t.app, user.headers)).toBe(true);
      expect(await viewerOk(t.app, user.headers)).toBe(true);
      expect(lookups.count).toBe(2); // every request looked the session up
    } finally { lookups.restore(); }
    await until('the listener to reconnect', () => cache.listening, 5000);
    expect(await viewerOk(t.app, user.headers)).toBe(true);
  });

  it('a cookie request still needs its CSRF token when the principal is cached', async () => {
    const user = await createTestUser(t.databaseUrl, [{ organisationId: UNION_ID, role: 'ORGANISER' }]);
    expect(await viewerOk(t.app, user.headers)).toBe(true); // cached via the bearer header
    const res = await t.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', cookie: `muster_session=${user.token}` }, payload: JSON.stringify({ query: VIEWER }) });
    expect(res.statusCode).toBe(403);
    expect(JSON.parse(res.body).errors[0].extensions.code).toBe('CSRF_FAILED');
  });
});
