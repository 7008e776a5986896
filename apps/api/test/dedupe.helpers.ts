/**
 * Members written straight to a test database for the dedupe and merge suites, and whole-row snapshots of
 * everything a merge may touch (compared before a merge and after its unmerge).
 */
import type { Client } from 'pg';
import { v7 as uuidv7 } from 'uuid';

export interface TestMember {
  firstName?: string;
  lastName?: string;
  postcode?: string | null;
  region?: string | null;
  branch?: string | null;
  membershipNumber?: string | null;
  tags?: string[];
  issues?: string[];
  smsConsent?: 'GRANTED' | 'WITHDRAWN' | 'UNKNOWN';
  emailConsent?: 'GRANTED' | 'WITHDRAWN' | 'UNKNOWN';
  supportLevel?: number | null;
  joinedOn?: string | null;
  emails?: string[];
  phones?: { e164: string; type: 'MOBILE' | 'LANDLINE' | 'UNKNOWN' }[];
  createdAt?: string;
}

export async function addOrganisation(db: Client, id: string, name: string): Promise<void> {
  await db.query(`INSERT INTO organisation (id, kind, name, slug) VALUES ($1, 'CLIENT', $2, $3)`, [id, name, name.toLowerCase().replace(/[^a-z0-9]+/g, '-')]);
}

export async function addMember(db: Client, organisationId: string, m: TestMember): Promise<string> {
  const id = uuidv7();
  const emails = m.emails ?? [];
  const phones = m.phones ?? [];
  await db.query(
    `INSERT INTO member (organisation_id, id, first_name, last_name, email, phone, postcode, region, branch, membership_number, tags, issues,
       sms_consent, email_consent, support_level, joined_on, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17)`,
    [organisationId, id, m.firstName ?? '', m.lastName ?? '', emails[0] ?? null, phones[0]?.e164 ?? null, m.postcode ?? null, m.region ?? null,
      m.branch ?? null, m.membershipNumber ?? null, m.tags ?? [], m.issues ?? [], m.smsConsent ?? 'UNKNOWN', m.emailConsent ?? 'UNKNOWN',
      m.supportLevel ?? null, m.joinedOn ?? null, m.createdAt ?? '2025-01-02T03:04:05.678Z'],
  );
  for (const [position, p] of phones.entries()) {
    await db.query(`INSERT INTO member_phone (organisation_id, id, member_id, e164, type, is_primary, position) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [organisationId, uuidv7(), id, p.e164, p.type, position === 0, position]);
  }
  for (const [position, address] of emails.entries()) {
    await db.query(`INSERT INTO member_email (organisation_id, id, member_id, address, is_primary, position) VALUES ($1, $2, $3, $4, $5, $6)`,
      [organisationId, uuidv7(), id, address, position === 0, position]);
  }
  return id;
}

/**
 * Every row of the organisation in every public table (as JSON text, sorted), except the tables that only grow
 * (audit events, the merge history itself, the review queue).
 */
export async function snapshotOrganisation(db: Client, organisationIds: string[], except: string[] = ['audit_event', 'member_merge', 'member_duplicate_suggestion', 'member_duplicate_dismissal']): Promise<Record<string, string[]>> {
  const { rows: tables } = await db.query<{ table: string }>(
    `SELECT c.relname AS table FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND a.attname = 'organisation_id' AND NOT a.attisdropped ORDER BY 1`,
  );
  const out: Record<string, string[]> = {};
  for (const { table } of tables) {
    if (except.includes(table)) continue;
    if (table === 'insight_rollup_delta' || table === 'insight_snapshot') continue; // see insightRollupSums
    if (table === 'insight_rollup') { out[table] = await insightRollupSums(db, organisationIds); continue; }
    const { rows } = await db.query<{ row: string }>(`SELECT to_jsonb(t)::text AS row FROM "${table}" t WHERE organisation_id = ANY($1::uuid[]) ORDER BY 1`, [organisationIds]);
    out[table] = rows.map((r) => r.row);
  }
  return out;
}

/**
 * The insight rollups as what they say (rollup plus pending deltas, per organisation, dimension, level, unit and key):
 * derived from member, they are re-shaped by the fold job at any moment (deltas move into insight_rollup) and the
 * daily insight_snapshot is written whenever the job first runs, so snapshots compare these sums instead of rows.
 */
export async function insightRollupSums(db: Client, organisationIds: string[]): Promise<string[]> {
  const { rows } = await db.query<{ row: string }>(
    `SELECT concat_ws('|', organisation_id, dimension, level, region, branch, key, sum(n)) AS row FROM (
       SELECT organisation_id, dimension, level, region, branch, key, count AS n FROM insight_rollup WHERE organisation_id = ANY($1::uuid[])
       UNION ALL
       SELECT d.organisation_id, d.dimension, lv.level, CASE WHEN lv.level IN (1, 3) THEN u.region ELSE '' END,
              CASE WHEN lv.level IN (2, 3) THEN u.branch ELSE '' END, u.key, u.n
         FROM insight_rollup_delta d CROSS JOIN LATERAL unnest(d.regions, d.branches, d.keys, d.deltas) AS u(region, branch, key, n)
              CROSS JOIN (VALUES (0), (1), (2), (3)) AS lv(level)
        WHERE d.organisation_id = ANY($1::uuid[])) x
     GROUP BY organisation_id, dimension, level, region, branch, key HAVING sum(n) <> 0 ORDER BY 1`, [organisationIds]);
  return rows.map((r) => r.row);
}

/** A table created after the fact, with a tenant policy like the migrations' (a "later" history table). */
export async function addTenantTable(db: Client, name: string, columns: string, primaryKey: string): Promise<void> {
  await db.query(`CREATE TABLE "${name}" (organisation_id uuid NOT NULL, member_id uuid NOT NULL, ${columns}, PRIMARY KEY (${primaryKey}),
    FOREIGN KEY (organisation_id, member_id) REFERENCES member (organisation_id, id) ON DELETE CASCADE)`);
  await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON "${name}" TO muster_app`);
  await db.query(`ALTER TABLE "${name}" ENABLE ROW LEVEL SECURITY`);
  await db.query(`CREATE POLICY muster_tenant ON "${name}" FOR ALL TO muster_app
    USING (organisation_id = ANY (string_to_array(current_setting('muster.organisation_ids', true), ',')::uuid[]))
    WITH CHECK (organisation_id = ANY (string_to_array(current_setting('muster.organisation_ids', true), ',')::uuid[]))`);
}
