/**
 * Sign-in from outside: login, bearer tokens, the session cookie with its CSRF check, expiry and
 * revocation, logout everywhere, password change, and the audit events sign-ins leave.
 */
import { hash } from '@node-rs/argon2';
import type { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { sha256 } from './support/auth';
import { connect } from './support/database';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let db: Client;
const AGENCY = uuidv7();
const CLIENT = uuidv7();
const PASSWORD = 'correct horse battery';
let userId: string;
let disabledId: string;

const LOGIN = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token expiresAt viewer { user { id email name } roles { role organisation { id } } organisations { id } } } }`;
const VIEWER = `{ viewer { user { email } organisations { id } } }`;

type LoginData = { login: { token: string; expiresAt: string; viewer: { user: { id: string; email: string }; roles: { role: string; organisation: { id: string } }[]; organisations: { id: string }[] } } };

async function login(email = 'organiser@test.example', password = PASSWORD) {
  return t.gql<LoginData>(LOGIN, { e: email, p: password }, { authorization: '' });
}

function bearer(token: string) {
  return { authorization: `Bearer ${token}` };
}

function cookiesOf(headers: Record<string, unknown>): Record<string, string> {
  const raw = headers['set-cookie'];
  const list = Array.isArray(raw) ? raw : raw ? [String(raw)] : [];
  const out: Record<string, string> = {};
  for (const c of list as string[]) {
    const [pair] = c.split(';');
    const eq = pair.indexOf('=');
    out[pair.slice(0, eq)] = decodeURIComponent(pair.slice(eq + 1));
  }
  return out;
}

beforeAll(async () => {
  t = await startTestApp();
  db = await connect(t.databaseUrl);
  await db.query(`INSERT INTO organisation (id, kind, name, slug) VALUES ($1, 'AGENCY', 'Agency', 'agency-a')`, [AGENCY]);
  await db.query(`INSERT INTO organisation (id, parent_id, kind, name, slug) VALUES ($1, $2, 'CLIENT', 'Client', 'client-a')`, [CLIENT, AGENCY]);
  userId = uuidv7();
  disabledId = uuidv7();
  const passwordHash = await hash(PASSWORD);
  await db.query(`INSERT INTO app_user (id, email, name, password_hash) VALUES ($1, 'organiser@test.example', 'Olu Organiser', $2)`, [userId, passwordHash]);
  await db.query(`INSERT INTO app_user (id, email, name, password_hash, disabled_at) VALUES ($1, 'gone@test.example', 'Gone', $2, now())`, [disabledId, passwordHash]);
  await db.query(`INSERT INTO membership (organisation_id, user_id, role) VALUES ($1, $2, 'ORGANISER'), ($1, $3, 'ORGANISER')`, [AGENCY, userId, disabledId]);
});

afterAll(async () => {
  await db?.end();
  await t?.close();
});

describe('login', () => {
  it('returns a bearer token, the viewer and its reach, and stores only the token hash', async () => {
    const res = await login('  Organiser@Test.Example ');
    expect(res.body.errors).toBeUndefined();
    const { token, viewer, expiresAt } = res.body.data!.login;
    expect(token).toMatch(/^mst_s_[A-Za-z0-9_-]{43}$/);
    expect(new Date(expiresAt).getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000);
    expect(viewer.user).toEqual({ id: userId, email: 'organiser@test.example', name: 'Olu Organiser' });
    expect(viewer.roles).toEqual([{ role: 'ORGANISER', organisation: { id: AGENCY } }]);
    expect(viewer.organisations.map((o) => o.id).sort()).toEqual([AGENCY, CLIENT].sort());
    const { rows } = await db.query(`SELECT token_hash FROM session WHERE user_id = $1`, [userId]);
    expect(rows.map((r) => r.token_hash)).toContain(sha256(token));
    const { rows: clear } = await db.query(`SELECT count(*)::int AS n FROM session WHERE token_hash = $1`, [token]);
    expect(clear[0].n).toBe(0);

    const me = await t.gql<{ viewer: { user: { email: string } } }>(VIEWER, {}, bearer(token));
    expect(me.body.data!.viewer.user.email).toBe('organiser@test.example');
  });

  it('a wrong password, an unknown email and a disabled user get the same error', async () => {
    const answers = await Promise.all([login('organiser@test.example', 'wrong password!'), login('nobody@test.example'), login('gone@test.example')]);
    for (const res of answers) {
      expect(res.body.data).toBeNull();
      expect(res.body.errors![0].extensions.code).toBe('INVALID_CREDENTIALS');
    }
    expect(new Set(answers.map((r) => r.body.errors![0].message)).size).toBe(1);
  });

  it('records sign-ins and failed sign-ins in the audit log', async () => {
    await login();
    await login('organiser@test.example', 'not it at all');
    const { rows } = await db.query(`SELECT action, actor_user_id FROM audit_event WHERE action LIKE 'auth.login%' AND actor_user_id = $1`, [userId]);
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['auth.login', 'auth.login_failed']));
    const { rows: unknown } = await db.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'auth.login_failed' AND details->>'email' = 'nobody@test.example'`);
    expect(unknown[0].n).toBeGreaterThan(0);
  });
});

describe('without a principal', () => {
  it('every operation but login says UNAUTHENTICATED', async () => {
    for (const q of [VIEWER, `{ organisations { totalCount } }`, `{ sessions { id } }`, `mutation { logout }`]) {
      const res = await t.gql(q, {}, { authorization: '' });
      expect(res.body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    }
  });
  it('a malformed or unknown token is no principal', async () => {
    for (const token of ['nonsense', `mst_s_${'A'.repeat(43)}`, `mst_k_abcdefgh_${'A'.repeat(43)}`]) {
      const res = await t.gql(VIEWER, {}, bearer(token));
      expect(res.body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    }
  });
  it('the development x-organisation-id header grants nothing', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', 'x-organisation-id': CLIENT },
      payload: JSON.stringify({ query: `{ organisations { totalCount } }` }) });
    expect(JSON.parse(res.body).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('the session cookie', () => {
  async function cookieLogin() {
    const res = await login();
    const cookies = cookiesOf(res.headers);
    return { cookies, token: res.body.data!.login.token };
  }
  function call(query: string, headers: Record<string, string>) {
    return t.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify({ query }) });
  }

  it('login sets an httpOnly session cookie and a readable CSRF cookie', async () => {
    const res = await login();
    const raw = ([] as string[]).concat(res.headers['set-cookie'] as string[]);
    const session = raw.find((c) => c.startsWith('muster_session='))!;
    const csrf = raw.find((c) => c.startsWith('muster_csrf='))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    expect(session).toMatch(/Path=\//);
    expect(csrf).not.toMatch(/HttpOnly/);
    expect(cookiesOf(res.headers).muster_session).toBe(res.body.data!.login.token);
  });

  it('works with a matching x-csrf-token and fails with CSRF_FAILED without one or with a wrong one', async () => {
    const { cookies } = await cookieLogin();
    const cookie = `muster_session=${cookies.muster_session}; muster_csrf=${cookies.muster_csrf}`;
    const ok = await call(VIEWER, { cookie, 'x-csrf-token': cookies.muster_csrf });
    expect(JSON.parse(ok.body).data.viewer.user.email).toBe('organiser@test.example');
    for (const headers of [{ cookie } as Record<string, string>, { cookie, 'x-csrf-token': 'wrong' }, { cookie: `muster_session=${cookies.muster_session}`, 'x-csrf-token': cookies.muster_csrf }]) {
      const res = await call(VIEWER, headers);
      expect(res.statusCode).toBe(403);
      expect(JSON.parse(res.body).errors[0].extensions.code).toBe('CSRF_FAILED');
    }
  });

  it('GET /health answers whatever cookies come with it', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health', headers: { cookie: 'muster_session=whatever' } });
    expect(res.statusCode).toBe(200);
  });

  it('a bearer request needs no CSRF token', async () => {
    const { token } = await cookieLogin();
    const res = await call(VIEWER, bearer(token));
    expect(JSON.parse(res.body).data.viewer.user.email).toBe('organiser@test.example');
  });

  it('logout revokes this session and clears both cookies', async () => {
    const { token } = await cookieLogin();
    const res = await t.gql<{ logout: boolean }>(`mutation { logout }`, {}, bearer(token));
    expect(res.body.data!.logout).toBe(true);
    const cleared = cookiesOf(res.headers);
    expect(cleared.muster_session).toBe('');
    expect(cleared.muster_csrf).toBe('');
    expect((await t.gql(VIEWER, {}, bearer(token))).body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('sessions', () => {
  it('expire after 14 idle days and after 30 days whatever the use', async () => {
    const a = (await login()).body.data!.login.token;
    const b = (await login()).body.data!.login.token;
    await db.query(`UPDATE session SET last_used_at = now() - interval '15 days', created_at = now() - interval '15 days' WHERE token_hash = $1`, [sha256(a)]);
    await db.query(`UPDATE session SET expires_at = now() - interval '1 second' WHERE token_hash = $1`, [sha256(b)]);
    for (const token of [a, b]) expect((await t.gql(VIEWER, {}, bearer(token))).body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('updates last_used_at at most once a minute', async () => {
    const token = (await login()).body.data!.login.token;
    await db.query(`UPDATE session SET last_used_at = now() - interval '5 minutes' WHERE token_hash = $1`, [sha256(token)]);
    await t.gql(VIEWER, {}, bearer(token));
    const first = (await db.query(`SELECT last_used_at FROM session WHERE token_hash = $1`, [sha256(token)])).rows[0].last_used_at as Date;
    expect(Date.now() - first.getTime()).toBeLessThan(60_000);
    await t.gql(VIEWER, {}, bearer(token));
    const second = (await db.query(`SELECT last_used_at FROM session WHERE token_hash = $1`, [sha256(token)])).rows[0].last_used_at as Date;
    expect(second.getTime()).toBe(first.getTime());
  });

  it('lists the caller’s own sessions, marks the current one, and revokes one by id', async () => {
    const mine = (await login()).body.data!.login.token;
    const other = (await login()).body.data!.login.token;
    const list = await t.gql<{ sessions: { id: string; current: boolean }[] }>(`{ sessions { id current createdAt expiresAt } }`, {}, bearer(mine));
    const sessions = list.body.data!.sessions;
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    const otherId = (await db.query(`SELECT id FROM session WHERE token_hash = $1`, [sha256(other)])).rows[0].id;
    expect(sessions.map((s) => s.id)).toContain(otherId);
    // Another user cannot see or revoke them.
    const stranger = await t.gql<{ revokeSession: boolean }>(`mutation($id: ID!) { revokeSession(id: $id) }`, { id: otherId });
    expect(stranger.body.data!.revokeSession).toBe(false);
    expect((await t.gql(VIEWER, {}, bearer(other))).body.errors).toBeUndefined();
    const revoked = await t.gql<{ revokeSession: boolean }>(`mutation($id: ID!) { revokeSession(id: $id) }`, { id: otherId }, bearer(mine));
    expect(revoked.body.data!.revokeSession).toBe(true);
    expect((await t.gql(VIEWER, {}, bearer(other))).body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('logoutEverywhere revokes every session of the caller and says how many', async () => {
    const tokens = [(await login()).body.data!.login.token, (await login()).body.data!.login.token];
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM session WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now()
      AND coalesce(last_used_at, created_at) > now() - interval '14 days'`, [userId]);
    const res = await t.gql<{ logoutEverywhere: number }>(`mutation { logoutEverywhere }`, {}, bearer(tokens[0]));
    expect(res.body.data!.logoutEverywhere).toBeGreaterThanOrEqual(rows[0].n);
    for (const token of tokens) expect((await t.gql(VIEWER, {}, bearer(token))).body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('changePassword', () => {
  it('needs the current password and ten characters, then ends the other sessions', async () => {
    const token = (await login()).body.data!.login.token;
    const other = (await login()).body.data!.login.token;
    const CHANGE = `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }`;
    expect((await t.gql(CHANGE, { c: 'not it at all', n: 'a new password' }, bearer(token))).body.errors?.[0].extensions.code).toBe('INVALID_CREDENTIALS');
    expect((await t.gql(CHANGE, { c: PASSWORD, n: 'short' }, bearer(token))).body.errors?.[0].extensions.code).toBe('VALIDATION_FAILED');
    expect((await t.gql<{ changePassword: boolean }>(CHANGE, { c: PASSWORD, n: 'a new password' }, bearer(token))).body.data!.changePassword).toBe(true);
    expect((await t.gql(VIEWER, {}, bearer(token))).body.errors).toBeUndefined();
    expect((await t.gql(VIEWER, {}, bearer(other))).body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await login('organiser@test.example', 'a new password')).body.data!.login.token).toBeTruthy();
    expect((await login()).body.errors?.[0].extensions.code).toBe('INVALID_CREDENTIALS');
    await t.gql(CHANGE, { c: 'a new password', n: PASSWORD }, bearer(token));
  });
});

describe('the audit log through the API', () => {
  it('offers no mutation that changes or deletes events', async () => {
    const res = await t.gql<{ __schema: { mutationType: { fields: { name: string }[] } } }>(`{ __schema { mutationType { fields { name } } } }`);
    const names = res.body.data!.__schema.mutationType.fields.map((f) => f.name);
    expect(names.filter((n) => /audit/i.test(n))).toEqual([]);
  });
});
