/**
 * The only place segment SQL lives. Every method takes the organisation first and refuses an empty one; every
 * statement is scoped by organisation_id (the leading column of every key and index) and runs in the request's
 * transaction under row-level security. Counts run with a statement_timeout (segmentCountTimeoutMs) inside a
 * savepoint, so a definition that is too slow stops with SEGMENT_TOO_SLOW and leaves the request usable.
 * Must never: put a value into SQL text (definitions compile to parameters, segment.sql.ts).
 */
import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { DatabaseContextService, requireOrganisationId } from '../common/database-context.service.js';
import { NEWEST_FIRST, newestFirstAfter } from '../common/paging.js';
import type { RequestContext } from '../common/request-context.js';
import { escapeLike, SqlParams } from '../member/member.sql.js';
import { SegmentException } from './segment.exception.js';

export interface SegmentRow {
  organisation_id: string;
  id: string;
  name: string;
  description: string | null;
  definition: unknown;
  referenced_segment_ids: string[];
  created_by: string;
  created_at: Date;
  updated_at: Date;
  frozen_at: Date | null;
}

/** Builds a member predicate over `m` for one organisation parameter (see SegmentFilterService). */
export type MemberPredicate = (orgParam: string, p: SqlParams) => string;

const COLUMNS = 'organisation_id, id, name, description, definition, referenced_segment_ids, created_by, created_at, updated_at, frozen_at';

/** How long a segment count may run (segment previews, memberCount) before it is stopped. */
export function segmentCountTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = Number(env.MUSTER_SEGMENT_COUNT_TIMEOUT_MS);
  return Number.isInteger(raw) && raw > 0 ? raw : 3000;
}

/** Timed counts of one request run one after another (they share the request's connection and savepoint). */
const timedChains = new WeakMap<RequestContext, Promise<unknown>>();

@Injectable()
export class SegmentRepository {
  constructor(private readonly db: DatabaseContextService) {}

  /** Newest first, keyset on (created_at, id); `search` matches anywhere in the name, case-insensitively. */
  async page(organisationId: string, limit: number, after: { createdAt: string; id: string } | null, search: string | null): Promise<SegmentRow[]> {
    requireOrganisationId(organisationId);
    const params: unknown[] = [organisationId, limit];
    let where = 'organisation_id = $1' + newestFirstAfter(after, params);
    if (search) {
      params.push(`%${escapeLike(search)}%`);
      where += ` AND name ILIKE $${params.length}`;
    }
    return this.db.query<SegmentRow>(`SELECT ${COLUMNS} FROM segment WHERE ${where} ${NEWEST_FIRST} LIMIT $2`, params);
  }

  async count(organisationId: string, search: string | null): Promise<number> {
    requireOrganisationId(organisationId);
    const params: unknown[] = [organisationId];
    let where = 'organisation_id = $1';
    if (search) {
      params.push(`%${escapeLike(search)}%`);
      where += ` AND name ILIKE $2`;
    }
    const rows = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM segment WHERE ${where}`, params);
    return rows[0].n;
  }

  /** The segment with this id in one of these organisations (the ones the request may see). */
  async findById(organisationIds: string[], id: string): Promise<SegmentRow | null> {
    if (!Array.isArray(organisationIds) || organisationIds.length === 0) requireOrganisationId('');
    organisationIds.forEach(requireOrganisationId);
    const rows = await this.db.query<SegmentRow>(`SELECT ${COLUMNS} FROM segment WHERE organisation_id = ANY($1::uuid[]) AND id = $2`, [organisationIds, id]);
    return rows[0] ?? null;
  }

  async findInOrganisation(organisationId: string, id: string): Promise<SegmentRow | null> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<SegmentRow>(`SELECT ${COLUMNS} FROM segment WHERE organisation_id = $1 AND id = $2`, [organisationId, id]);
    return rows[0] ?? null;
  }

  /** Of these segment ids, the ones in the organisation, with whether each has a snapshot. */
  async existing(organisationId: string, ids: string[]): Promise<{ id: string; name: string; frozen: boolean }[]> {
    requireOrganisationId(organisationId);
    if (ids.length === 0) return [];
    return this.db.query(`SELECT id, name, frozen_at IS NOT NULL AS frozen FROM segment WHERE organisation_id = $1 AND id = ANY($2::uuid[])`, [organisationId, ids]);
  }

  /** Of these ids, the ones that are rows of `table` in the organisation (a definition's references). */
  async existingIn(table: 'member_import' | 'action' | 'campaign', organisationId: string, ids: string[]): Promise<string[]> {
    requireOrganisationId(organisationId);
    if (ids.length === 0) return [];
    const rows = await this.db.query<{ id: string }>(`SELECT id FROM ${table} WHERE organisation_id = $1 AND id = ANY($2::uuid[])`, [organisationId, ids]);
    return rows.map((r) => r.id);
  }

  /** Other segments whose definitions use this one's snapshot. */
  async referencedBy(organisationId: string, id: string): Promise<{ id: string; name: string }[]> {
    requireOrganisationId(organisationId);
    return this.db.query(
      `SELECT id, name FROM segment WHERE organisation_id = $1 AND $2::uuid = ANY(referenced_segment_ids) AND id <> $2 ORDER BY name`,
      [organisationId, id],
    );
  }

  async nameTaken(organisationId: string, name: string, exceptId: string | null): Promise<boolean> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query(
      `SELECT 1 FROM segment WHERE organisation_id = $1 AND lower(name) = lower($2) AND ($3::uuid IS NULL OR id <> $3::uuid)`,
      [organisationId, name, exceptId],
    );
    return rows.length > 0;
  }

  async insert(
    organisationId: string,
    v: { name: string; description: string | null; definition: unknown; referencedSegmentIds: string[]; createdBy: string; createdByUserId: string | null },
  ): Promise<SegmentRow> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<SegmentRow>(
      `INSERT INTO segment (organisation_id, id, name, description, definition, referenced_segment_ids, created_by, created_by_user_id)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6::uuid[], $7, $8) RETURNING ${COLUMNS}`,
      [organisationId, uuidv7(), v.name, v.description, JSON.stringify(v.definition), v.referencedSegmentIds, v.createdBy, v.createdByUserId],
    );
    return rows[0];
  }

  async update(
    organisationId: string,
    id: string,
    v: { name: string; description: string | null; definition: unknown; referencedSegmentIds: string[] },
  ): Promise<SegmentRow> {
    requireOrganisationId(organisationId);
    const rows = await this.mutate<SegmentRow>(
      `UPDATE segment SET name = $3, description = $4, definition = $5::jsonb, referenced_segment_ids = $6::uuid[], updated_at = now()
        WHERE organisation_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
      [organisationId, id, v.name, v.description, JSON.stringify(v.definition), v.referencedSegmentIds],
    );
    return rows[0];
  }

  async delete(organisationId: string, id: string): Promise<void> {
    requireOrganisationId(organisationId);
    await this.db.query(`DELETE FROM segment WHERE organisation_id = $1 AND id = $2`, [organisationId, id]);
  }

  /** Replaces the snapshot with the members matching `predicate` now; returns the row and the snapshot size. */
  async freeze(organisationId: string, id: string, predicate: MemberPredicate): Promise<{ row: SegmentRow; size: number }> {
    requireOrganisationId(organisationId);
    await this.db.query(`DELETE FROM segment_member WHERE organisation_id = $1 AND segment_id = $2`, [organisationId, id]);
    const p = new SqlParams();
    const org = p.add(organisationId);
    const segment = p.add(id);
    const inserted = await this.db.query<{ n: number }>(
      `WITH added AS (INSERT INTO segment_member (organisation_id, segment_id, member_id)
         SELECT m.organisation_id, ${segment}::uuid, m.id FROM member m WHERE m.organisation_id = ${org} AND ${predicate(org, p)}
         RETURNING 1)
       SELECT count(*)::int AS n FROM added`,
      p.values,
    );
    const rows = await this.mutate<SegmentRow>(
      `UPDATE segment SET frozen_at = now(), updated_at = now() WHERE organisation_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
      [organisationId, id],
    );
    return { row: rows[0], size: inserted[0].n };
  }

  async unfreeze(organisationId: string, id: string): Promise<SegmentRow> {
    requireOrganisationId(organisationId);
    await this.db.query(`DELETE FROM segment_member WHERE organisation_id = $1 AND segment_id = $2`, [organisationId, id]);
    const rows = await this.mutate<SegmentRow>(
      `UPDATE segment SET frozen_at = NULL, updated_at = now() WHERE organisation_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
      [organisationId, id],
    );
    return rows[0];
  }

  /**
   * Counts of members matching each predicate, in ONE statement under the count timeout (a page of segments
   * costs one round trip). Returns the counts in order. Only for callers with segment:read (never volunteers,
   * whose member reads are limited to their assignments).
   */
  async countMembers(organisationId: string, predicates: MemberPredicate[], timeoutMs: number): Promise<number[]> {
    requireOrganisationId(organisationId);
    if (predicates.length === 0) return [];
    const p = new SqlParams();
    const org = p.add(organisationId);
    // One predicate (the builder's preview, one segment): a plain WHERE, so its indexes can narrow the scan. Several
    // (a page of segments): ONE pass over the organisation's members with a FILTER per segment, instead of a scan each.
    const sql = predicates.length === 1
      ? `SELECT count(*)::int AS c0 FROM member m WHERE m.organisation_id = ${org} AND ${predicates[0](org, p)}`
      : `SELECT ${predicates.map((predicate, i) => `(count(*) FILTER (WHERE ${predicate(org, p)}))::int AS c${i}`).join(', ')}
           FROM member m WHERE m.organisation_id = ${org}`;
    const rows = await this.timed(timeoutMs, () => this.db.query<Record<string, number>>(sql, p.values));
    return predicates.map((_, i) => rows[0][`c${i}`]);
  }

  /** Snapshot sizes of frozen segments (no scan of member: the snapshot rows are counted). */
  async snapshotSizes(organisationId: string, ids: string[]): Promise<Map<string, number>> {
    requireOrganisationId(organisationId);
    if (ids.length === 0) return new Map();
    const rows = await this.db.query<{ id: string; n: number }>(
      `SELECT s.id, (SELECT count(*)::int FROM segment_member sm WHERE sm.organisation_id = s.organisation_id AND sm.segment_id = s.id) AS n
         FROM segment s WHERE s.organisation_id = $1 AND s.id = ANY($2::uuid[])`,
      [organisationId, ids],
    );
    return new Map(rows.map((r) => [r.id, r.n]));
  }

  /** UPDATE … RETURNING through TypeORM answers [rows, affected]: the rows. */
  private async mutate<T>(sql: string, params: unknown[]): Promise<T[]> {
    const result = (await this.db.query(sql, params)) as unknown;
    if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
    return result as T[];
  }

  /** Runs one read under a statement_timeout, in a savepoint rolled back afterwards (which also undoes the SET). */
  private async timed<T>(timeoutMs: number, read: () => Promise<T>): Promise<T> {
    const ctx = this.db.context();
    const run = (timedChains.get(ctx) ?? Promise.resolve()).then(async () => {
      // Simple protocol, no parameters: timeoutMs is a checked integer.
      if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new Error('timeoutMs must be a positive integer');
      await this.db.query(`SAVEPOINT segment_count; SET LOCAL statement_timeout = ${timeoutMs}`);
      try {
        return await read();
      } catch (error) {
        const code = (error as { code?: string; driverError?: { code?: string } }).code ?? (error as { driverError?: { code?: string } }).driverError?.code;
        if (code === '57014') throw SegmentException.tooSlow(timeoutMs / 1000);
        throw error;
      } finally {
        await this.db.query(`ROLLBACK TO SAVEPOINT segment_count; RELEASE SAVEPOINT segment_count`);
      }
    });
    timedChains.set(ctx, run.catch(() => undefined));
    return run;
  }
}
