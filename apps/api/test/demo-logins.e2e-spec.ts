/**
 * The seeded demo logins work through the API and each sees what the matrix allows (README and
 * npm start print them).
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DataSource } from 'typeorm';
import { createApp } from '../src/app.factory';
import { createDataSource } from '../src/database/data-source';
import { DEMO_LOGINS, seedDemoData } from '../src/database/seed';
import { cloneTemplate } from './support/database';

let db: Awaited<ReturnType<typeof cloneTemplate>>;
let ds: DataSource;
let app: NestFastifyApplication;

async function gql(query: string, variables: Record<string, unknown> = {}, token?: string) {
  const res = await app.inject({
    method: 'POST', url: '/graphql',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    payload: JSON.stringify({ query, variables }),
  });
  return JSON.parse(res.body) as { data: Record<string, { totalCount: number; token: string; viewer: unknown }> | null; errors?: { extensions: { code: string } }[] };
}

beforeAll(async () => {
  db = await cloneTemplate();
  ds = createDataSource({ url: db.url, poolSize: 4 });
  await ds.initialize();
  await seedDemoData(ds, { unionMembers: 400, campaignMembers: 60, ifEmpty: false, seed: '3', today: '2026-06-15' });
  app = await createApp({ dataSource: ds, logLevel: 'warn' });
  await app.getHttpAdapter().getInstance().ready();
});

afterAll(async () => {
  await app?.close();
  await ds?.destroy();
  await db?.drop();
});

const EXPECTED: Record<string, { organisations: number; unionMembers: number | 'FORBIDDEN' | 'NOT_FOUND'; unionInsights: boolean }> = {
  'admin@northpoint.example': { organisations: 15, unionMembers: 400, unionInsights: true },
  'organiser@northpoint.example': { organisations: 15, unionMembers: 400, unionInsights: true },
  'volunteer@northpoint.example': { organisations: 15, unionMembers: 25, unionInsights: false },
  'officer@upsu.example': { organisations: 13, unionMembers: 400, unionInsights: true },
  'viewer@upsu.example': { organisations: 13, unionMembers: 'FORBIDDEN', unionInsights: true },
  'campaigner@cleanairnow.example': { organisations: 1, unionMembers: 'NOT_FOUND', unionInsights: false },
};

it.each(DEMO_LOGINS.map((l) => [l.email, l.password]))('%s signs in and sees what the matrix allows', async (email, password) => {
  const login = await gql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token viewer { organisations { id slug } } } }`, { e: email, p: password });
  expect(login.errors).toBeUndefined();
  const { token, viewer } = login.data!.login as unknown as { token: string; viewer: { organisations: { id: string; slug: string }[] } };
  const expected = EXPECTED[email];
  expect(viewer.organisations).toHaveLength(expected.organisations);
  const unionId = ((await ds.query(`SELECT id FROM organisation WHERE slug = 'upsu'`)) as { id: string }[])[0].id;
  const members = await gql(`query($o: ID!) { members(organisationId: $o) { totalCount } }`, { o: unionId }, token);
  if (typeof expected.unionMembers === 'number') expect(members.data!.members.totalCount).toBe(expected.unionMembers);
  else expect(members.errors![0].extensions.code).toBe(expected.unionMembers);
  const insights = await gql(`query($o: ID!) { insights(organisationId: $o) { total { count } } }`, { o: unionId }, token);
  expect(insights.errors === undefined).toBe(expected.unionInsights);
});
