/**
 * Reads of the insight rollups (migration 1767100000000): every count is insight_rollup plus the pending deltas of
 * insight_rollup_delta, summed in one statement, so it is exact as of the statement's snapshot. Never scans member.
 * Every method takes the organisation first and refuses an empty one; row-level security applies to all three tables.
 */
import { Injectable } from '@nestjs/common';
import { DatabaseContextService, requireOrganisationId } from '../common/database-context.service.js';

/** Which rollup rows a read sums: 0 = organisation, 1 = a region, 2 = a branch, 3 = a region and branch. */
export interface RollupUnit {
  level: 0 | 1 | 2 | 3;
  /** Exact region/branch to read (null = every region/branch of the level, returned per row). */
  region: string | null;
  branch: string | null;
}

export interface RollupCell {
  dimension: string;
  region: string;
  branch: string;
  key: string;
  count: number;
}

export interface SnapshotCell {
  dimension: string;
  key: string;
  count: number;
}

/** $1 organisation, $2 dimensions, $3 level, $4/$5 region/branch of the deltas, $6/$7 of the rollup rows (null = any). */
const CELLS = `SELECT dimension, region, branch, key, sum(n)::int AS count
   FROM (SELECT dimension, region, branch, key, count AS n FROM insight_rollup
          WHERE organisation_id = $1 AND dimension = ANY($2::text[]) AND level = $3
            AND ($6::text IS NULL OR region = $6::text) AND ($7::text IS NULL OR branch = $7::text)
         UNION ALL
         SELECT d.dimension, CASE WHEN $3 IN (1, 3) THEN u.region ELSE '' END, CASE WHEN $3 IN (2, 3) THEN u.branch ELSE '' END,
                u.key, u.n
           FROM insight_rollup_delta d CROSS JOIN LATERAL unnest(d.regions, d.branches, d.keys, d.deltas) AS u(region, branch, key, n)
          WHERE d.organisation_id = $1 AND d.dimension = ANY($2::text[])
            AND ($4::text IS NULL OR u.region = $4::text) AND ($5::text IS NULL OR u.branch = $5::text)) x
  GROUP BY dimension, region, branch, key
 HAVING sum(n) <> 0`;

/** Rollup rows of levels without a region (0, 2) or branch (0, 1) store '': bind it, so the whole key is an index range. */
function cellParams(organisationId: string, dimensions: string[], unit: RollupUnit): unknown[] {
  return [organisationId, dimensions, unit.level, unit.region, unit.branch,
    unit.level === 0 || unit.level === 2 ? '' : unit.region, unit.level === 0 || unit.level === 1 ? '' : unit.branch];
}

@Injectable()
export class InsightsRepository {
  constructor(private readonly db: DatabaseContextService) {}

  /**
   * Non-zero counts of the dimensions at one level, optionally one region/branch; one statement. Pending deltas are
   * fine counts (per region and branch), so they are filtered to the unit and labelled with the level's region/branch.
   */
  async cells(organisationId: string, dimensions: string[], unit: RollupUnit): Promise<RollupCell[]> {
    requireOrganisationId(organisationId);
    return this.db.query<RollupCell>(`SELECT dimension, region, branch, key, count FROM (${CELLS}) c`, cellParams(organisationId, dimensions, unit));
  }

  /**
   * Month dimensions (keys "YYYY-MM") within [fromMonth, toMonth], with everything before fromMonth summed under the
   * key '' (the month-end totals start from it); later months are not sent.
   */
  async months(organisationId: string, dimensions: string[], unit: RollupUnit, fromMonth: string, toMonth: string): Promise<RollupCell[]> {
    requireOrganisationId(organisationId);
    return this.db.query<RollupCell>(
      `SELECT dimension, '' AS region, '' AS branch, CASE WHEN key < $8 THEN '' ELSE key END AS key, sum(count)::int AS count
         FROM (${CELLS}) c WHERE key <= $9 GROUP BY 1, 4`,
      [...cellParams(organisationId, dimensions, unit), fromMonth, toMonth],
    );
  }

  /**
   * The `limit` largest keys of one dimension in each unit of the level matching the filters (count descending, then
   * key), exact with pending deltas, without reading every key: per unit, the rollup's top `limit + d` rows by the
   * rank index (d = keys with pending deltas, which may have moved up or down) plus every key with a pending delta,
   * recounted and ranked. A dimension with thousands of keys (workplaces) costs as much as one with five.
   */
  async top(organisationId: string, dimension: string, unit: RollupUnit, limit: number): Promise<RollupCell[]> {
    requireOrganisationId(organisationId);
    return this.db.query<RollupCell>(
      `WITH dl AS (
         SELECT (CASE WHEN $3 IN (1, 3) THEN u.region ELSE '' END) COLLATE "C" AS region,
                (CASE WHEN $3 IN (2, 3) THEN u.branch ELSE '' END) COLLATE "C" AS branch, u.key COLLATE "C" AS key, sum(u.n) AS n
           FROM insight_rollup_delta d CROSS JOIN LATERAL unnest(d.regions, d.branches, d.keys, d.deltas) AS u(region, branch, key, n)
          WHERE d.organisation_id = $1 AND d.dimension = $2
            AND ($4::text IS NULL OR u.region = $4::text) AND ($5::text IS NULL OR u.branch = $5::text)
          GROUP BY 1, 2, 3
       ), units AS (
         SELECT region, branch FROM insight_rollup
          WHERE organisation_id = $1 AND dimension = 'TOTAL' AND level = $3
            AND ($6::text IS NULL OR region = $6::text) AND ($7::text IS NULL OR branch = $7::text)
         UNION SELECT region, branch FROM dl
       ), candidates AS (
         SELECT u.region, u.branch, t.key, t.count AS base FROM units u CROSS JOIN LATERAL (
           SELECT r.key, r.count FROM insight_rollup r
            WHERE r.organisation_id = $1 AND r.dimension = $2 AND r.level = $3 AND r.region = u.region AND r.branch = u.branch
            ORDER BY r.count DESC, r.key LIMIT $8::int + (SELECT count(*) FROM dl)) t
         UNION ALL
         SELECT dl.region, dl.branch, dl.key, COALESCE((SELECT r.count FROM insight_rollup r WHERE r.organisation_id = $1 AND r.dimension = $2
                  AND r.level = $3 AND r.region = dl.region AND r.branch = dl.branch AND r.key = dl.key), 0) FROM dl
       ), counted AS (
         SELECT c.region, c.branch, c.key, (max(c.base) + COALESCE(max(dl.n), 0))::int AS count
           FROM candidates c LEFT JOIN dl ON dl.region = c.region AND dl.branch = c.branch AND dl.key = c.key
          GROUP BY c.region, c.branch, c.key
       )
       SELECT $2 AS dimension, region, branch, key, count
         FROM (SELECT *, row_number() OVER (PARTITION BY region, branch ORDER BY count DESC, key) AS rn FROM counted WHERE count <> 0) r
        WHERE rn <= $8::int
        ORDER BY region, branch, rn`,
      [organisationId, dimension, unit.level, unit.region, unit.branch,
        unit.level === 0 || unit.level === 2 ? '' : unit.region, unit.level === 0 || unit.level === 1 ? '' : unit.branch, limit],
    );
  }

  /** The day of the newest snapshot on or before `day` (null when none). */
  async snapshotDayOnOrBefore(organisationId: string, day: string): Promise<string | null> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<{ day: string | null }>(
      `SELECT to_char(max(day), 'YYYY-MM-DD') AS day FROM insight_snapshot WHERE organisation_id = $1 AND day <= $2::date`,
      [organisationId, day],
    );
    return rows[0]?.day ?? null;
  }

  async snapshot(organisationId: string, day: string, dimensions: string[], unit: RollupUnit): Promise<SnapshotCell[]> {
    requireOrganisationId(organisationId);
    return this.db.query<SnapshotCell>(
      `SELECT dimension, key, sum(count)::int AS count FROM insight_snapshot
        WHERE organisation_id = $1 AND dimension = ANY($2::text[]) AND level = $3
          AND ($4::text IS NULL OR region = $4::text) AND ($5::text IS NULL OR branch = $5::text) AND day = $6::date
        GROUP BY dimension, key`,
      [organisationId, dimensions, unit.level, unit.level === 0 || unit.level === 2 ? '' : unit.region,
        unit.level === 0 || unit.level === 1 ? '' : unit.branch, day],
    );
  }

  async suppressionThreshold(organisationId: string): Promise<number | null> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<{ t: number }>(
      `SELECT suppression_threshold AS t FROM insight_setting WHERE organisation_id = $1`,
      [organisationId],
    );
    return rows[0]?.t ?? null;
  }

  async saveSuppressionThreshold(organisationId: string, threshold: number, updatedBy: string): Promise<void> {
    requireOrganisationId(organisationId);
    await this.db.query(
      `INSERT INTO insight_setting (organisation_id, suppression_threshold, updated_by) VALUES ($1, $2, $3)
       ON CONFLICT (organisation_id) DO UPDATE SET suppression_threshold = EXCLUDED.suppression_threshold,
         updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [organisationId, threshold, updatedBy],
    );
  }
}
