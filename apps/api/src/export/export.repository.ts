/**
 * The only place export SQL lives. An export reads in its own transaction on its own connection, not
 * the request's: the request's transaction ends when the reply starts (app.factory.ts, onSend), while
 * a streamed export keeps reading long after. That transaction is REPEATABLE READ (every batch sees
 * the same snapshot, so rows are neither skipped nor repeated when members change meanwhile),
 * READ ONLY, and runs as `muster_app` with the caller's reach exactly like a request's
 * (rlsSettingsSql), so row-level security applies. Rows come in keyset batches with the members
 * list's own filter and sort SQL (member.sql.ts), plus every phone and email of the batch.
 * Must never: read outside the organisation it was opened for, or keep more than one batch.
 */
import { Injectable } from '@nestjs/common';
import { DataSource, type QueryRunner } from 'typeorm';
import { requireOrganisationId } from '../common/database-context.service.js';
import { APP_DATABASE_ROLE, rlsBypassedForBenchmark, rlsSettingsSql, type Principal, type Reach } from '../common/request-context.js';
import type { MemberFilterInput } from '../member/dtos/member-filter.input.js';
import { MEMBER_COLUMNS, assignedCondition, type MemberRow } from '../member/member.repository.js';
import { MEMBER_SORTS, SqlParams, buildMemberFilter, keysetClauses, useSortIndexFor, type MemberSortName, type SegmentPredicate } from '../member/member.sql.js';
import type { ExportMember } from './export.csv.js';

export interface ExportQuery {
  filter: MemberFilterInput | null;
  /** The predicate of `filter.segmentId`, resolved by SegmentFilterService (null without a segment). */
  segment?: SegmentPredicate | null;
  sort: MemberSortName;
  descending: boolean;
  /** A volunteer-only caller reads only the members assigned to this user (null: all). */
  assignedTo: string | null;
  batchSize: number;
}

type KeyedRow = MemberRow & { t0: string; t1?: string };

/** One export's transaction: read its batches, then close it (always). */
export class ExportTransaction {
  private closed = false;

  constructor(
    private readonly runner: QueryRunner,
    readonly organisationId: string,
  ) {}

  /** The organisation's slug, or null when the caller's reach does not show it. */
  async organisationSlug(): Promise<string | null> {
    const rows = (await this.runner.query(`SELECT slug FROM organisation WHERE id = $1`, [this.organisationId])) as { slug: string }[];
    return rows[0]?.slug ?? null;
  }

  /** The matching members in order, one batch at a time (each fetched only when the previous one was taken). */
  async *batches(q: ExportQuery): AsyncGenerator<ExportMember[]> {
    const useSortIndex = useSortIndexFor(q.filter, q.sort);
    const sortKeys: readonly string[] = useSortIndex ? MEMBER_SORTS[q.sort].keys : MEMBER_SORTS[q.sort].unindexed;
    // The continuation values as text: exact for every key type (a JS Date would drop microseconds).
    const textKeys = sortKeys.map((k, i) => `${k}::text AS t${i}`).join(', ');
    let after: { values: unknown[]; id: string } | null = null;
    for (;;) {
      const p = new SqlParams();
      const org = p.add(this.organisationId);
      const condition = buildMemberFilter(q.filter, org, p, q.segment ?? null) + assignedCondition(q.assignedTo, p);
      const keyset = keysetClauses({ sort: q.sort, descending: q.descending, after, limit: q.batchSize, useSortIndex }, p);
      const limit = p.add(q.batchSize);
      const rows = (await this.runner.query(
        `SELECT ${MEMBER_COLUMNS}, ${textKeys} FROM member m ` +
          `WHERE m.organisation_id = ${org} AND ${keyset.where} AND ${condition} ` +
          `ORDER BY ${keyset.orderBy} LIMIT ${limit}`,
        p.values,
      )) as KeyedRow[];
      if (rows.length === 0) return;
      yield await this.withContacts(rows);
      if (rows.length < q.batchSize) return;
      const last = rows[rows.length - 1];
      after = { values: sortKeys.length === 2 ? [last.t0, last.t1] : [last.t0], id: last.id };
    }
  }

  private async withContacts(rows: MemberRow[]): Promise<ExportMember[]> {
    const ids = rows.map((r) => r.id);
    const phones = (await this.runner.query(
      `SELECT member_id, e164 AS value FROM member_phone WHERE organisation_id = $1 AND member_id = ANY($2::uuid[]) ORDER BY member_id, position`,
      [this.organisationId, ids],
    )) as { member_id: string; value: string }[];
    const emails = (await this.runner.query(
      `SELECT member_id, address AS value FROM member_email WHERE organisation_id = $1 AND member_id = ANY($2::uuid[]) ORDER BY member_id, position`,
      [this.organisationId, ids],
    )) as { member_id: string; value: string }[];
    const group = (list: { member_id: string; value: string }[]) => {
      const byMember = new Map<string, string[]>();
      for (const item of list) {
        const values = byMember.get(item.member_id);
        if (values) values.push(item.value);
        else byMember.set(item.member_id, [item.value]);
      }
      return byMember;
    };
    const phonesOf = group(phones);
    const emailsOf = group(emails);
    return rows.map((row) => ({ row, phones: phonesOf.get(row.id) ?? [], emails: emailsOf.get(row.id) ?? [] }));
  }

  /** Ends the transaction and gives the connection back (a connection that failed to end is discarded). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      // Read only: nothing to commit, so always roll back.
      await this.runner.query('ROLLBACK');
      await this.runner.release();
    } catch (error) {
      const release = (this.runner as unknown as { releasePostgresConnection?: (err?: Error) => Promise<void> }).releasePostgresConnection;
      if (release) await release.call(this.runner, error instanceof Error ? error : new Error(String(error))).catch(() => undefined);
      else await this.runner.release().catch(() => undefined);
    }
  }
}

@Injectable()
export class ExportRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Opens the export's transaction for one organisation, under the caller's reach (RLS). */
  async open(organisationId: string, reach: Reach, principal: Principal | null): Promise<ExportTransaction> {
    requireOrganisationId(organisationId);
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const settings = rlsSettingsSql(reach, principal, rlsBypassedForBenchmark() ? null : APP_DATABASE_ROLE);
    try {
      // One round trip (simple protocol: no parameters; rlsSettingsSql inlines only checked uuids).
      await runner.query(`START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY; ${settings}`);
    } catch (error) {
      await runner.release().catch(() => undefined);
      throw error;
    }
    return new ExportTransaction(runner, organisationId);
  }
}
