/**
 * The hardened endpoint from outside: hostile documents (1,000 aliases, fragment bombs, deep
 * nesting, huge `first`, batches, oversized bodies) are refused quickly and the server still
 * answers a normal query promptly afterwards; introspection/GraphiQL switches; headers; CORS;
 * rate limits with 429 and Retry-After.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../src/app.factory';
import { createTestApiKey, createTestUser, type TestUser } from './support/auth';
import { connect } from './support/database';
import { buildFixture, loadFixture, UNION_ID } from './support/fixture';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let admin: TestUser;

beforeAll(async () => {
  t = await startTestApp();
  const db = await connect(t.databaseUrl);
  try {
    await loadFixture(db, buildFixture(5));
  } finally {
    await db.end();
  }
  admin = await createTestUser(t.databaseUrl, [{ organisationId: UNION_ID, role: 'AGENCY_ADMIN' }]);
});

afterAll(async () => {
  await t?.close();
});

/** A second app on the same database with some environment variables set while it boots. */
async function withApp(env: Record<string, string>, fn: (app: NestFastifyApplication) => Promise<void>): Promise<void> {
  const saved: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  let app: NestFastifyApplication | undefined;
  try {
    app = await createApp({ databaseUrl: t.databaseUrl, logLevel: 'silent' });
    await app.getHttpAdapter().getInstance().ready();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  try {
    await fn(app);
  } finally {
    await app.close();
  }
}

/** POSTs as the test admin unless `headers` says otherwise (`{ authorization: '' }`: signed out). */
async function post(app: NestFastifyApplication, payload: unknown, headers: Record<string, string> = {}) {
  const auth = headers.authorization === '' ? {} : { ...admin.headers, ...headers };
  const res = await app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', ...auth }, payload: JSON.stringify(payload) });
  return { status: res.statusCode, headers: res.headers, body: JSON.parse(res.body) as { data: unknown; errors?: { message: string; extensions: Record<string, unknown> }[] } };
}

const NORMAL = `{ organisations(first: 5) { edges { node { id name } } } }`;

function aliases(n: number): string {
  return `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(' ')} }`;
}

function fragmentBomb(levels: number): string {
  let doc = `query { organisations(first: 1) { edges { node { ...F${levels} } } } }\nfragment F0 on Organisation { id name }\n`;
  for (let i = 1; i <= levels; i++) doc += `fragment F${i} on Organisation { ...F${i - 1} ... on Organisation { ...F${i - 1} } }\n`;
  return doc;
}

describe('hardened endpoint: query limits', () => {
  it('30 aliases are fine; 31 are refused with QUERY_TOO_COMPLEX (400)', async () => {
    const ok = await post(t.app, { query: aliases(30) });
    expect(ok.body.errors).toBeUndefined();
    const refused = await post(t.app, { query: aliases(31) });
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(refused.body.errors?.[0].message).toMatch(/31 aliases/);
  });

  it('1,000 aliases are refused fast', async () => {
    const started = performance.now();
    const res = await post(t.app, { query: `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: organisations(first: 200) { edges { node { id } } }`).join(' ')} }` });
    const ms = performance.now() - started;
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(ms).toBeLessThan(1000);
  });

  it('a fragment bomb is costed, not expanded, and refused', async () => {
    const started = performance.now();
    const res = await post(t.app, { query: fragmentBomb(40) });
    expect(res.body.errors?.[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('cost follows first: a wide page of a wide page is refused, through variables too', async () => {
    const wide = `query($n: Int) { organisations(first: $n) { edges { node { id name slug kind parentId createdAt } } } }`;
    expect((await post(t.app, { query: wide, variables: { n: 200 } })).body.errors).toBeUndefined();
    const nested = `query($n: Int) { ${Array.from({ length: 20 }, (_, i) => `o${i}: organisations(first: $n) { edges { node { id name slug kind parentId createdAt } } }`).join(' ')} }`;
    const res = await post(t.app, { query: nested, variables: { n: 200 } });
    expect(res.body.errors?.[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(res.body.errors?.[0].message).toMatch(/cost/);
  });

  it('nesting deeper than 8 is refused; a huge first is a validation error, not a slow query', async () => {
    const deep = await post(t.app, { query: `{ organisations { edges { node { parent { parent { parent { parent { parent { parent { id } } } } } } } } } }` });
    expect(deep.body.errors?.[0].extensions.code).toMatch(/QUERY_TOO_COMPLEX|BAD_REQUEST/);
    const huge = await post(t.app, { query: `{ organisations(first: 1000000) { edges { node { id } } } }` });
    expect(huge.body.errors?.[0].extensions.code).toMatch(/VALIDATION_FAILED|QUERY_TOO_COMPLEX/);
  });

  it('batched requests (a JSON array body) are refused', async () => {
    const res = await post(t.app, [{ query: NORMAL }, { query: NORMAL }]);
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('an oversized body is refused with 413 before parsing', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ query: NORMAL, variables: { pad: 'x'.repeat(300 * 1024) } }) });
    expect(res.statusCode).toBe(413);
    expect(JSON.parse(res.body).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('after a burst of hostile queries a normal query still answers promptly', async () => {
    const time = async () => {
      const started = performance.now();
      const res = await post(t.app, { query: NORMAL });
      expect(res.body.errors).toBeUndefined();
      return performance.now() - started;
    };
    await time(); // warm
    const baseline = Math.min(await time(), await time(), await time());
    const hostile = [aliases(1000), fragmentBomb(40), `{ ${'organisations { edges { node { parent { '.repeat(20)} id ${'} } } }'.repeat(20)} }`];
    await Promise.all(Array.from({ length: 60 }, (_, i) => post(t.app, { query: hostile[i % hostile.length] + ' '.repeat(i) })));
    const after = Math.min(await time(), await time(), await time());
    expect(after).toBeLessThan(Math.max(baseline * 5, 50));
  });
});

describe('hardened endpoint: introspection and GraphiQL', () => {
  const INTROSPECT = `{ __schema { queryType { name } } }`;

  it('introspection is on outside production by default; GraphiQL off', async () => {
    expect((await post(t.app, { query: INTROSPECT })).body.errors).toBeUndefined();
    expect((await t.app.inject({ method: 'GET', url: '/graphiql' })).statusCode).toBe(404);
  });

  it('off in production, unless MUSTER_GRAPHQL_INTROSPECTION=true', async () => {
    await withApp({ NODE_ENV: 'production' }, async (app) => {
      const res = await post(app, { query: INTROSPECT });
      expect(res.status).toBe(400);
      expect(res.body.errors?.[0].message).toMatch(/introspection/i);
    });
    await withApp({ NODE_ENV: 'production', MUSTER_GRAPHQL_INTROSPECTION: 'true', MUSTER_GRAPHIQL: 'true' }, async (app) => {
      expect((await post(app, { query: INTROSPECT })).body.errors).toBeUndefined();
      expect((await app.inject({ method: 'GET', url: '/graphiql' })).statusCode).toBe(200);
    });
  });
});

describe('hardened endpoint: headers and CORS', () => {
  it('sets security headers on GraphQL and health answers', async () => {
    for (const res of [await t.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ query: NORMAL }) }), await t.app.inject({ method: 'GET', url: '/health' })]) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['content-security-policy']).toContain("default-src 'none'");
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });

  it("allows the apps' origins and nobody else", async () => {
    const preflight = (origin: string, app = t.app) =>
      app.inject({ method: 'OPTIONS', url: '/graphql', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' } });
    const ok = await preflight('http://localhost:5173');
    expect(ok.statusCode).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect(String(ok.headers['access-control-allow-headers'])).toContain('authorization');
    const evil = await preflight('https://evil.example');
    expect(evil.statusCode).toBe(403);
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
    const simple = await t.app.inject({ method: 'POST', url: '/graphql', headers: { origin: 'https://evil.example', 'content-type': 'application/json' }, payload: JSON.stringify({ query: NORMAL }) });
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
    await withApp({ MUSTER_APP_ORIGINS: 'https://admin.muster.example, https://portal.muster.example' }, async (app) => {
      expect((await preflight('https://portal.muster.example', app)).headers['access-control-allow-origin']).toBe('https://portal.muster.example');
      expect((await preflight('http://localhost:5173', app)).statusCode).toBe(403);
    });
  });
});

describe('hardened endpoint: rate limits', () => {
  it('answers RATE_LIMITED with 429 and Retry-After once the anonymous budget is spent; health is not limited', async () => {
    await withApp({ MUSTER_RATE_LIMIT_ANONYMOUS: '5' }, async (app) => {
      const anonymous = { authorization: '' };
      for (let i = 0; i < 5; i++) expect((await post(app, { query: '{ __typename }' }, anonymous)).status).toBe(200);
      const limited = await post(app, { query: '{ __typename }' }, anonymous);
      expect(limited.status).toBe(429);
      const retryAfter = Number(limited.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(limited.body.errors?.[0].extensions).toEqual(expect.objectContaining({ code: 'RATE_LIMITED', retryAfterSeconds: retryAfter }));
      expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
      // Another client (another IP) has its own budget.
      const other = await app.inject({ method: 'POST', url: '/graphql', remoteAddress: '10.0.0.9', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ query: '{ __typename }' }) });
      expect(other.statusCode).toBe(200);
      // A signed-in user is counted as the user, not the IP.
      expect((await post(app, { query: '{ __typename }' })).status).toBe(200);
    });
  });

  it('counts per session user and per API key, each on its own budget', async () => {
    await withApp({ MUSTER_RATE_LIMIT_USER: '3', MUSTER_RATE_LIMIT_API_KEY: '2' }, async (app) => {
      const user = await createTestUser(t.databaseUrl, [{ organisationId: UNION_ID, role: 'ORGANISER' }]);
      const key = await createTestApiKey(t.databaseUrl, UNION_ID, 'CLIENT_ADMIN');
      const statuses = async (headers: Record<string, string>, n: number) => {
        const out: number[] = [];
        for (let i = 0; i < n; i++) out.push((await post(app, { query: '{ __typename }' }, headers)).status);
        return out;
      };
      expect(await statuses(user.headers, 4)).toEqual([200, 200, 200, 429]);
      expect(await statuses(key.headers, 3)).toEqual([200, 200, 429]);
      // The first user's budget is theirs alone.
      expect(await statuses(admin.headers, 1)).toEqual([200]);
    });
  });
});
