import { readFile } from 'node:fs/promises';
import type { DataSource } from 'typeorm';
import { runCli } from '../src/cli';
import { createDataSource } from '../src/database/data-source';
import { seedDemoData } from '../src/database/seed';
import { SCHEMA_FILE, generateSchemaSdl } from '../src/schema.generator';
import { cloneTemplate } from './support/database';

async function withDatabase<T>(fn: (ds: DataSource, url: string) => Promise<T>): Promise<T> {
  const db = await cloneTemplate();
  const ds = createDataSource({ url: db.url, poolSize: 2 });
  await ds.initialize();
  try {
    return await fn(ds, db.url);
  } finally {
    await ds.destroy();
    await db.drop();
  }
}

async function pendingSchemaChanges(ds: DataSource): Promise<string[]> {
  const log = await ds.driver.createSchemaBuilder().log();
  return log.upQueries.map((q) => q.query);
}

async function tables(ds: DataSource): Promise<string[]> {
  const rows: { table_name: string }[] = await ds.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'typeorm_migrations' ORDER BY 1`,
  );
  return rows.map((r) => r.table_name);
}

/** Every table the migrations create, sorted (add yours here). */
const ALL_TABLES = ['action', 'action_page_submission', 'action_response', 'action_response_event', 'api_key', 'app_user', 'audit_event', 'campaign', 'campaign_team', 'consent_record', 'donation', 'donation_plan', 'follow_through_tally', 'gift_aid_declaration', 'import_file_chunk', 'import_mapping', 'import_reject', 'insight_rollup', 'insight_rollup_delta', 'insight_setting', 'insight_snapshot', 'invitation', 'link_click', 'member', 'member_duplicate_dismissal', 'member_duplicate_suggestion', 'member_email', 'member_import', 'member_import_member', 'member_merge', 'member_phone', 'membership', 'organisation', 'payment_webhook_event', 'segment', 'segment_member', 'session', 'tracked_link', 'volunteer_assignment'];

describe('migrations', () => {
  it('entities and migrations do not drift (the CI drift check)', async () => {
    await withDatabase(async (ds) => {
      expect(await pendingSchemaChanges(ds)).toEqual([]);
      // …and the check does see drift when there is some.
      await ds.query(`ALTER TABLE member ADD COLUMN stray integer`);
      expect((await pendingSchemaChanges(ds)).join('\n')).toMatch(/DROP COLUMN "stray"/);
    });
  });

  it('are fully reversible: all down, then all up again, and still no drift', async () => {
    await withDatabase(async (ds) => {
      expect(await tables(ds)).toEqual(ALL_TABLES);
      const applied = ds.migrations.length;
      for (let i = 0; i < applied; i++) await ds.undoLastMigration({ transaction: 'each' });
      expect(await tables(ds)).toEqual([]);
      const types: unknown[] = await ds.query(`SELECT typname FROM pg_type WHERE typname IN ('member_status', 'consent_status', 'phone_type', 'organisation_kind')`);
      expect(types).toEqual([]);
      expect(await ds.showMigrations()).toBe(true);
      await ds.runMigrations({ transaction: 'each' });
      expect(await tables(ds)).toEqual(ALL_TABLES);
      expect(await pendingSchemaChanges(ds)).toEqual([]);
    });
  });
});

describe('schema.graphql', () => {
  it('the committed file matches the code-first schema (schema:check)', async () => {
    expect(await readFile(SCHEMA_FILE, 'utf8')).toBe(await generateSchemaSdl());
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(await runCli(['schema:check'])).toBe(0);
    } finally {
      log.mockRestore();
    }
  });
});

describe('seed', () => {
  const options = { unionMembers: 1500, campaignMembers: 300, ifEmpty: false, seed: '7', today: '2026-06-15' };

  async function digest(ds: DataSource): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const table of ['organisation', 'member', 'member_phone', 'member_email']) {
      const rows: { d: string }[] = await ds.query(`SELECT md5(string_agg(t::text, '|' ORDER BY t.id)) AS d FROM ${table} t`);
      out[table] = rows[0].d;
    }
    return out;
  }

  it('is deterministic for a seed, drops invalid contact details but keeps the member, and --if-empty is idempotent', async () => {
    const first = await withDatabase(async (ds) => {
      const summary = await seedDemoData(ds, options);
      expect(summary.members).toEqual({ union: 1500, campaign: 300 });
      expect(summary.line).toMatch(/^seed: 15 organisations, 1500 union members, 300 campaign members, \d+ phones/);
      // The union's 12 region units, and one demo login per role with the volunteer's 25 assigned members.
      const units: { n: number }[] = await ds.query(`SELECT count(*)::int AS n FROM organisation u JOIN organisation p ON p.id = u.parent_id WHERE u.kind = 'UNIT' AND p.slug = 'upsu'`);
      expect(units[0].n).toBe(12);
      const roles: { email: string; role: string }[] = await ds.query(`SELECT u.email, m.role FROM app_user u JOIN membership m ON m.user_id = u.id ORDER BY u.email`);
      expect(roles.map((r) => `${r.email} ${r.role}`)).toEqual([
        'admin@northpoint.example AGENCY_ADMIN', 'campaigner@cleanairnow.example CLIENT_ADMIN', 'officer@upsu.example CLIENT_ADMIN',
        'organiser@northpoint.example ORGANISER', 'viewer@upsu.example CLIENT_VIEWER', 'volunteer@northpoint.example VOLUNTEER',
      ]);
      const assignments: { n: number }[] = await ds.query(`SELECT count(*)::int AS n FROM volunteer_assignment`);
      expect(assignments[0].n).toBe(25);
      const counts: { n: number }[] = await ds.query(`SELECT count(*)::int AS n FROM member`);
      expect(counts[0].n).toBe(1800);
      // Every stored phone and email is normalised.
      const bad: unknown[] = await ds.query(`SELECT e164 FROM member_phone WHERE e164 !~ '^\\+[1-9][0-9]{6,14}$' LIMIT 1`);
      expect(bad).toEqual([]);
      const badEmail: unknown[] = await ds.query(`SELECT address FROM member_email WHERE address <> lower(address) OR address !~ '@' LIMIT 1`);
      expect(badEmail).toEqual([]);

      const before = await digest(ds);
      const again = await seedDemoData(ds, { ...options, ifEmpty: true });
      expect(again.skipped).toBe(true);
      expect(await digest(ds)).toEqual(before);
      await expect(seedDemoData(ds, options)).rejects.toThrow(/already has organisations/);
      return before;
    });
    const second = await withDatabase(async (ds) => {
      await seedDemoData(ds, options);
      return digest(ds);
    });
    expect(second).toEqual(first);
    const other = await withDatabase(async (ds) => {
      await seedDemoData(ds, { ...options, seed: '8' });
      return digest(ds);
    });
    expect(other.member).not.toEqual(first.member);
  });
});
