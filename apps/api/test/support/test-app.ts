/**
 * Boots the real API in-process on a cloned database and calls it over HTTP (fastify inject).
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Writable } from 'node:stream';
import { createApp } from '../../src/app.factory';
import { createTestUser, withClient, type TestUser } from './auth';
import { cloneTemplate } from './database';

export interface GqlResponse<T = Record<string, unknown>> {
  status: number;
  headers: Record<string, unknown>;
  body: {
    data: T | null;
    errors?: { message: string; path?: string[]; extensions: { code: string; requestId: string; fields?: { path: string; message: string }[] } }[];
  };
}

export interface TestApp {
  app: NestFastifyApplication;
  databaseUrl: string;
  logs: Record<string, unknown>[];
  /**
   * Calls /graphql. Without an `authorization` header the call is made as a test administrator
   * holding AGENCY_ADMIN on every top-level organisation; `x-organisation-id: X` instead calls as
   * an ORGANISER of X only (the old development scope, kept as a test shorthand); pass
   * `{ authorization: '' }` to call signed out.
   */
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GqlResponse<T>>;
  close(): Promise<void>;
}

export async function startTestApp(): Promise<TestApp> {
  const db = await cloneTemplate();
  const logs: Record<string, unknown>[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, callback) {
      for (const line of String(chunk).split('\n')) if (line.trim()) logs.push(JSON.parse(line));
      callback();
    },
  });
  const app = await createApp({ databaseUrl: db.url, logStream, logLevel: 'info' });
  await app.getHttpAdapter().getInstance().ready();
  let admin: TestUser | undefined;
  const scoped = new Map<string, TestUser>();
  return {
    app,
    databaseUrl: db.url,
    logs,
    async gql(query, variables, headers) {
      const { 'x-organisation-id': scope, ...rest } = headers ?? {};
      let auth: Record<string, string> = {};
      if (rest.authorization === undefined) {
        if (scope !== undefined) {
          scoped.set(scope, scoped.get(scope) ?? await createTestUser(db.url, /^[0-9a-f-]{36}$/i.test(scope) ? [{ organisationId: scope, role: 'ORGANISER' }] : []));
          auth = scoped.get(scope)!.headers;
        } else {
          admin ??= await createTestUser(db.url, []);
          const adminId = admin.userId;
          await withClient(db.url, (c) => c.query(
            `INSERT INTO membership (organisation_id, user_id, role) SELECT id, $1, 'AGENCY_ADMIN' FROM organisation WHERE parent_id IS NULL ON CONFLICT DO NOTHING`, [adminId]));
          auth = admin.headers;
        }
      } else if (rest.authorization === '') {
        delete rest.authorization;
      }
      const res = await app.inject({
        method: 'POST',
        url: '/graphql',
        headers: { 'content-type': 'application/json', ...auth, ...rest },
        payload: JSON.stringify({ query, variables }),
      });
      return { status: res.statusCode, headers: res.headers, body: JSON.parse(res.body) };
    },
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
