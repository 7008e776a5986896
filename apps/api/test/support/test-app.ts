/**
 * Boots the real API in-process on a cloned database and calls it over HTTP (fastify inject).
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Writable } from 'node:stream';
import { createApp } from '../../src/app.factory';
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
  return {
    app,
    databaseUrl: db.url,
    logs,
    async gql(query, variables, headers) {
      const res = await app.inject({
        method: 'POST',
        url: '/graphql',
        headers: { 'content-type': 'application/json', ...(headers ?? {}) },
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
