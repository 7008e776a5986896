/**
 * The only place the duplicate queue's SQL lives: recomputing suggestions set-based, paging them, and the
 * "not a duplicate" marks. Every method takes the organisation first and scopes every statement by it.
 * Must never: reach the database except through the request's context.
 */
import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { DatabaseContextService, requireOrganisationId } from '../common/database-context.service.js';
import { MEMBER_COLUMNS, type MemberRow } from '../member/member.repository.js';
import type { DuplicateRuleValue } from './dedupe.entity.js';

export interface DuplicateSuggestionRow {
  organisation_id: string;
  id: string;
  rule: DuplicateRuleValue;
  matched_value: string;
  member_ids: string[];
  created_at: Date;
}

const COLUMNS = 'organisation_id, id, rule, matched_value, member_ids, created_at';

/**
 * The groups the rules find, one row per (rule, matched value) with the sorted ids of 2+ members. Each rule is
 * two hash aggregates over one sequential pass: first the values held more than once (counts only: no per-group
 * arrays for the ~1M singletons), then the ids of just those values. $1 is the organisation.
 */
const GROUP_SQL: string[] = [
  `WITH e AS MATERIALIZED (SELECT address, member_id FROM member_email WHERE organisation_id = $1),
        k AS (SELECT address FROM e GROUP BY address HAVING count(*) > 1)
   SELECT 'SAME_EMAIL'::text AS rule, e.address COLLATE "C" AS matched_value, array_agg(DISTINCT e.member_id ORDER BY e.member_id) AS member_ids
     FROM e JOIN k USING (address) GROUP BY e.address HAVING count(DISTINCT e.member_id) > 1`,
  `WITH p AS MATERIALIZED (SELECT e164, member_id FROM member_phone WHERE organisation_id = $1 AND type = 'MOBILE'),
        k AS (SELECT e164 FROM p GROUP BY e164 HAVING count(*) > 1)
   SELECT 'SAME_MOBILE'::text AS rule, p.e164 COLLATE "C" AS matched_value, array_agg(DISTINCT p.member_id ORDER BY p.member_id) AS member_ids
     FROM p JOIN k USING (e164) GROUP BY p.e164 HAVING count(DISTINCT p.member_id) > 1`,
  // first_name_key/last_name_key are the trigger-kept lowercased names; the postcode without spaces, upper case.
  `WITH m AS MATERIALIZED (SELECT id, first_name_key || ' ' || last_name_key || ', ' || upper(replace(postcode, ' ', '')) AS v FROM member
                           WHERE organisation_id = $1 AND postcode <> '' AND first_name_key <> '' AND last_name_key <> ''),
        k AS (SELECT v FROM m GROUP BY v HAVING count(*) > 1)
   SELECT 'SAME_NAME_POSTCODE'::text AS rule, m.v COLLATE "C" AS matched_value, array_agg(m.id ORDER BY m.id) AS member_ids
     FROM m JOIN k USING (v) GROUP BY m.v`,
];

/**
 * Planner settings for the recompute only (SET LOCAL, undone right after): whole-organisation passes are
 * sequential scans and in-memory hash aggregates. Left alone, the planner walks the organisation-leading indexes
 * (under RLS their first column matches), which measured ~2x slower at 1M members.
 */
const BULK_SETTINGS = `SELECT set_config('work_mem', '128MB', true), set_config('enable_indexscan', 'off', true), set_config('enable_bitmapscan', 'off', true)`;
const NORMAL_SETTINGS = `SELECT set_config('work_mem', $1, true), set_config('enable_indexscan', 'on', true), set_config('enable_bitmapscan', 'on', true)`;

@Injectable()
export class DedupeRepository {
  constructor(private readonly db: DatabaseContextService) {}

  /**
   * Recomputes the open queue: groups the rules find now, minus those inside a group marked not-a-duplicate.
   * Unchanged suggestions keep their id; changed groups are updated in place; vanished ones are deleted.
   * Serialised per organisation (transaction-scoped advisory lock). Returns the number of open suggestions.
   */
  async refresh(organisationId: string): Promise<number> {
    requireOrganisationId(organisationId);
    await this.db.query(`SELECT pg_advisory_xact_lock(hashtextextended('muster.dedupe.' || $1::text, 0))`, [organisationId]);
    await this.db.query(`DROP TABLE IF EXISTS pg_temp.dedupe_groups`);
    const [{ work_mem: workMem }] = await this.db.query<{ work_mem: string }>(`SELECT current_setting('work_mem') AS work_mem`);
    await this.db.query(BULK_SETTINGS);
    await this.db.query(`CREATE TEMP TABLE dedupe_groups ON COMMIT DROP AS ${GROUP_SQL[0]}`, [organisationId]);
    for (const sql of GROUP_SQL.slice(1)) await this.db.query(`INSERT INTO pg_temp.dedupe_groups ${sql}`, [organisationId]);
    await this.db.query(NORMAL_SETTINGS, [workMem]);
    // Dismissed: every member of the group is inside one dismissed group (hash joins on member ids only).
    await this.db.query(
      `DELETE FROM pg_temp.dedupe_groups g USING (
         SELECT x.rule, x.matched_value FROM (
           SELECT g.rule, g.matched_value, cardinality(g.member_ids) AS size, u.member_id FROM pg_temp.dedupe_groups g, unnest(g.member_ids) AS u(member_id)
         ) x JOIN (
           SELECT d.id, u.member_id FROM member_duplicate_dismissal d, unnest(d.member_ids) AS u(member_id) WHERE d.organisation_id = $1
         ) d ON d.member_id = x.member_id
         GROUP BY x.rule, x.matched_value, x.size, d.id HAVING count(*) = x.size
       ) dismissed
       WHERE g.rule = dismissed.rule AND g.matched_value = dismissed.matched_value`,
      [organisationId],
    );
    await this.db.query(
      `DELETE FROM member_duplicate_suggestion s WHERE s.organisation_id = $1
          AND NOT EXISTS (SELECT 1 FROM pg_temp.dedupe_groups g WHERE g.rule = s.rule AND g.matched_value = s.matched_value)`,
      [organisationId],
    );
    await this.db.query(
      `INSERT INTO member_duplicate_suggestion (organisation_id, id, rule, matched_value, member_ids)
       SELECT $1, gen_random_uuid(), g.rule, g.matched_value, g.member_ids FROM pg_temp.dedupe_groups g
       ON CONFLICT (organisation_id, rule, matched_value) DO UPDATE SET member_ids = EXCLUDED.member_ids
        WHERE member_duplicate_suggestion.member_ids IS DISTINCT FROM EXCLUDED.member_ids`,
      [organisationId],
    );
    await this.db.query(`DROP TABLE pg_temp.dedupe_groups`);
    return this.count(organisationId, null);
  }

  /** Keyset page over (rule, matched_value), the unique index's order. */
  async page(organisationId: string, rule: DuplicateRuleValue | null, after: { rule: string; value: string } | null, limit: number): Promise<DuplicateSuggestionRow[]> {
    requireOrganisationId(organisationId);
    const params: unknown[] = [organisationId, limit];
    let where = 'organisation_id = $1';
    if (rule) {
      params.push(rule);
      where += ` AND rule = $${params.length}`;
    }
    if (after) {
      params.push(after.rule, after.value);
      where += ` AND (rule, matched_value) > ($${params.length - 1}::text, $${params.length}::text COLLATE "C")`;
    }
    return this.db.query<DuplicateSuggestionRow>(
      `SELECT ${COLUMNS} FROM member_duplicate_suggestion WHERE ${where} ORDER BY rule, matched_value LIMIT $2`,
      params,
    );
  }

  async count(organisationId: string, rule: DuplicateRuleValue | null): Promise<number> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM member_duplicate_suggestion WHERE organisation_id = $1 AND ($2::text IS NULL OR rule = $2::text)`,
      [organisationId, rule],
    );
    return rows[0].n;
  }

  /** The suggestion with this id in one of these organisations (locked: it is about to be acted on). */
  async findById(organisationIds: string[], id: string, lock = false): Promise<DuplicateSuggestionRow | null> {
    if (!Array.isArray(organisationIds) || organisationIds.length === 0) requireOrganisationId('');
    organisationIds.forEach(requireOrganisationId);
    const rows = await this.db.query<DuplicateSuggestionRow>(
      `SELECT ${COLUMNS} FROM member_duplicate_suggestion WHERE organisation_id = ANY($1::uuid[]) AND id = $2${lock ? ' FOR UPDATE' : ''}`,
      [organisationIds, id],
    );
    return rows[0] ?? null;
  }

  /** Records the group as not a duplicate and takes the suggestion out of the queue. */
  async dismiss(organisationId: string, suggestion: DuplicateSuggestionRow, createdBy: string): Promise<string> {
    requireOrganisationId(organisationId);
    const id = uuidv7();
    await this.db.query(
      `INSERT INTO member_duplicate_dismissal (organisation_id, id, rule, matched_value, member_ids, created_by) VALUES ($1, $2, $3, $4, $5, $6)`,
      [organisationId, id, suggestion.rule, suggestion.matched_value, suggestion.member_ids, createdBy],
    );
    await this.db.query(`DELETE FROM member_duplicate_suggestion WHERE organisation_id = $1 AND id = $2`, [organisationId, suggestion.id]);
    return id;
  }

  /**
   * After a merge: the merged members leave every suggestion (a suggestion left with fewer than two members
   * is closed). The next refresh recomputes the rest.
   */
  async withoutMembers(organisationId: string, memberIds: string[]): Promise<void> {
    requireOrganisationId(organisationId);
    await this.db.query(
      `WITH touched AS (
         SELECT s.id, ARRAY(SELECT x FROM unnest(s.member_ids) AS x WHERE x <> ALL ($2::uuid[]) ORDER BY x) AS remaining
           FROM member_duplicate_suggestion s WHERE s.organisation_id = $1 AND s.member_ids && $2::uuid[]),
       gone AS (DELETE FROM member_duplicate_suggestion s USING touched t WHERE s.organisation_id = $1 AND s.id = t.id AND cardinality(t.remaining) < 2)
       UPDATE member_duplicate_suggestion s SET member_ids = t.remaining FROM touched t
        WHERE s.organisation_id = $1 AND s.id = t.id AND cardinality(t.remaining) >= 2`,
      [organisationId, memberIds],
    );
  }

  /** The members of a page of suggestions, in one query. */
  async members(organisationId: string, ids: string[]): Promise<MemberRow[]> {
    requireOrganisationId(organisationId);
    if (ids.length === 0) return [];
    return this.db.query<MemberRow>(`SELECT ${MEMBER_COLUMNS} FROM member m WHERE m.organisation_id = $1 AND m.id = ANY($2::uuid[])`, [organisationId, ids]);
  }
}
