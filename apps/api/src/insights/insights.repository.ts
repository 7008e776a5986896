/**
 * Aggregates over one organisation's members, computed directly for now (rollups come later).
 * Every method takes the organisation first and refuses an empty one.
 */
import { Injectable } from '@nestjs/common';
import { DatabaseContextService, requireOrganisationId } from '../common/database-context.service.js';

export interface KeyCount {
  key: string;
  count: number;
}

@Injectable()
export class InsightsRepository {
  constructor(private readonly db: DatabaseContextService) {}

  async totalMembers(organisationId: string): Promise<number> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM member WHERE organisation_id = $1`, [organisationId]);
    return rows[0].n;
  }

  async byStatus(organisationId: string): Promise<KeyCount[]> {
    requireOrganisationId(organisationId);
    return this.db.query<KeyCount>(
      `SELECT status::text AS key, count(*)::int AS count FROM member WHERE organisation_id = $1
        GROUP BY status ORDER BY count DESC, key`,
      [organisationId],
    );
  }

  async byRegion(organisationId: string): Promise<KeyCount[]> {
    requireOrganisationId(organisationId);
    return this.db.query<KeyCount>(
      `SELECT COALESCE(region, 'Unknown') AS key, count(*)::int AS count FROM member WHERE organisation_id = $1
        GROUP BY 1 ORDER BY count DESC, key`,
      [organisationId],
    );
  }

  async topIssues(organisationId: string, limit: number): Promise<KeyCount[]> {
    requireOrganisationId(organisationId);
    return this.db.query<KeyCount>(
      `SELECT issue AS key, count(*)::int AS count FROM member, unnest(issues) AS issue
        WHERE organisation_id = $1 GROUP BY issue ORDER BY count DESC, key LIMIT $2`,
      [organisationId, limit],
    );
  }

  /** Joiners and leavers per month for the `months` months ending with the month of `today`. */
  async movementByMonth(
    organisationId: string,
    months: number,
    today: string,
  ): Promise<{ month: string; joiners: number; leavers: number }[]> {
    requireOrganisationId(organisationId);
    return this.db.query(
      `WITH bounds AS (
         SELECT date_trunc('month', $3::date)::date AS last_month,
                (date_trunc('month', $3::date) - make_interval(months => $2::int - 1))::date AS first_month
       ), months AS (
         SELECT generate_series(first_month, last_month, interval '1 month')::date AS month FROM bounds
       ), joins AS (
         SELECT date_trunc('month', joined_on)::date AS month, count(*)::int AS n FROM member, bounds
          WHERE organisation_id = $1 AND joined_on >= first_month AND joined_on < last_month + interval '1 month'
          GROUP BY 1
       ), leaves AS (
         SELECT date_trunc('month', left_on)::date AS month, count(*)::int AS n FROM member, bounds
          WHERE organisation_id = $1 AND left_on >= first_month AND left_on < last_month + interval '1 month'
          GROUP BY 1
       )
       SELECT to_char(months.month, 'YYYY-MM') AS month, COALESCE(joins.n, 0) AS joiners, COALESCE(leaves.n, 0) AS leavers
         FROM months LEFT JOIN joins USING (month) LEFT JOIN leaves USING (month) ORDER BY months.month`,
      [organisationId, months, today],
    );
  }
}
