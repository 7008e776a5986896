/**
 * The SQL of imports (member_import, import_file_chunk, import_reject, import_mapping), always through the
 * current request context (a request, or a job's withRequestContext as muster_app with the import's
 * organisation in reach). Every method takes the organisation first.
 * Must never: read a whole file: chunks are read a few at a time.
 */
import { Injectable } from '@nestjs/common';
import { DatabaseContextService, requireOrganisationId } from '../common/database-context.service.js';
import type { ImportStatusValue } from './import.entity.js';
import { NEWEST_FIRST, newestFirstAfter } from '../common/paging.js';

export interface ImportColumnState {
  index: number;
  header: string;
  samples: string[];
  field: string;
  suggested: string;
}

export interface ImportSample {
  rowNumber: number;
  outcome: 'CREATED' | 'UPDATED' | 'UNCHANGED' | 'REJECTED';
  summary: string;
  reasons: string[];
}

export interface ImportCountsRow {
  total: number;
  done: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface MemberImportRow {
  organisation_id: string;
  id: string;
  file_name: string;
  byte_size: string;
  chunk_count: number;
  encoding: string;
  delimiter: string;
  has_header: boolean;
  status: ImportStatusValue;
  columns: ImportColumnState[];
  match_order: string[];
  keep_existing: string[];
  settings_version: number;
  dry_run: ImportCountsRow | null;
  dry_run_version: number | null;
  dry_run_samples: ImportSample[];
  run_kind: 'DRY' | 'REAL' | null;
  total_rows: number | null;
  rows_done: number;
  bytes_done: string;
  created_count: number;
  updated_count: number;
  unchanged_count: number;
  rejected_count: number;
  run_samples: ImportSample[];
  run_started_at: Date | null;
  active_seconds: number;
  started_at: Date | null;
  finished_at: Date | null;
  error: string | null;
  lease_owner: string | null;
  heartbeat_at: Date | null;
  created_by: string;
  created_by_user_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface ImportMappingRow {
  organisation_id: string;
  id: string;
  name: string;
  columns: { header: string; field: string }[];
  created_at: Date;
}

export interface NewImport {
  id: string;
  fileName: string;
  createdBy: string;
  createdByUserId: string | null;
}

export interface Analysis {
  byteSize: number;
  chunkCount: number;
  encoding: string;
  delimiter: string;
  hasHeader: boolean;
  columns: ImportColumnState[];
}

export interface CheckpointDelta {
  rowsDone: number;
  bytesDone: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  seconds: number;
  samples: ImportSample[];
}

const IMPORT_COLUMNS = `organisation_id, id, file_name, byte_size, chunk_count, encoding, delimiter, has_header, status, columns,
  match_order, keep_existing, settings_version, dry_run, dry_run_version, dry_run_samples, run_kind, total_rows, rows_done,
  bytes_done, created_count, updated_count, unchanged_count, rejected_count, run_samples, run_started_at, active_seconds,
  started_at, finished_at, error, lease_owner, heartbeat_at, created_by, created_by_user_id, created_at, updated_at`;

export const ACTIVE_STATUSES: ImportStatusValue[] = ['DRY_RUN_QUEUED', 'DRY_RUN_RUNNING', 'QUEUED', 'RUNNING', 'CANCELLING'];

@Injectable()
export class ImportRepository {
  constructor(private readonly db: DatabaseContextService) {}

  /** UPDATE … RETURNING: TypeORM answers UPDATE/DELETE with [rows, affected]. */
  private async updateReturning<T>(sql: string, params: unknown[]): Promise<T[]> {
    const result = await this.db.query<T>(sql, params);
    return (result as unknown as [T[], number])[0];
  }

  /** The import row is created first (status ANALYSED, settings filled in once the file is in). */
  async create(organisationId: string, v: NewImport): Promise<void> {
    requireOrganisationId(organisationId);
    await this.db.query(
      `INSERT INTO member_import (organisation_id, id, file_name, encoding, delimiter, has_header, created_by, created_by_user_id)
       VALUES ($1, $2, $3, 'utf-8', ',', true, $4, $5)`,
      [organisationId, v.id, v.fileName, v.createdBy, v.createdByUserId],
    );
  }

  async insertChunk(organisationId: string, importId: string, seq: number, data: Buffer): Promise<void> {
    requireOrganisationId(organisationId);
    await this.db.query(`INSERT INTO import_file_chunk (organisation_id, import_id, seq, data) VALUES ($1, $2, $3, $4)`, [organisationId, importId, seq, data]);
  }

  async saveAnalysis(organisationId: string, importId: string, a: Analysis): Promise<void> {
    requireOrganisationId(organisationId);
    await this.db.query(
      `UPDATE member_import SET byte_size = $3, chunk_count = $4, encoding = $5, delimiter = $6, has_header = $7, columns = $8::jsonb, updated_at = now()
        WHERE organisation_id = $1 AND id = $2`,
      [organisationId, importId, a.byteSize, a.chunkCount, a.encoding, a.delimiter, a.hasHeader, JSON.stringify(a.columns)],
    );
  }

  /** Chunks seq >= from, at most `limit` of them, in order. */
  async chunks(organisationId: string, importId: string, from: number, limit: number): Promise<{ seq: number; data: Buffer }[]> {
    requireOrganisationId(organisationId);
    return this.db.query(
      `SELECT seq, data FROM import_file_chunk WHERE organisation_id = $1 AND import_id = $2 AND seq >= $3 ORDER BY seq LIMIT $4`,
      [organisationId, importId, from, limit],
    );
  }

  async find(organisationIds: string[], id: string): Promise<MemberImportRow | null> {
    if (organisationIds.length === 0) return null;
    organisationIds.forEach(requireOrganisationId);
    const rows = await this.db.query<MemberImportRow>(
      `SELECT ${IMPORT_COLUMNS} FROM member_import WHERE organisation_id = ANY($1::uuid[]) AND id = $2`,
      [organisationIds, id],
    );
    return rows[0] ?? null;
  }

  /** Newest first, keyset on (created_at, id). */
  async page(organisationId: string, statuses: string[] | null, after: { createdAt: string; id: string } | null, limit: number): Promise<MemberImportRow[]> {
    requireOrganisationId(organisationId);
    const params: unknown[] = [organisationId, limit];
    let where = '';
    if (statuses && statuses.length > 0) {
      params.push(statuses);
      where += ` AND status = ANY($${params.length}::import_status[])`;
    }
    where += newestFirstAfter(after, params);
    return this.db.query<MemberImportRow>(
      `SELECT ${IMPORT_COLUMNS} FROM member_import WHERE organisation_id = $1${where} ${NEWEST_FIRST} LIMIT $2`,
      params,
    );
  }

  async count(organisationId: string, statuses: string[] | null): Promise<number> {
    requireOrganisationId(organisationId);
    const params: unknown[] = [organisationId];
    let where = '';
    if (statuses && statuses.length > 0) {
      params.push(statuses);
      where = ` AND status = ANY($2::import_status[])`;
    }
    const rows = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM member_import WHERE organisation_id = $1${where}`, params);
    return rows[0].n;
  }

  async updateSettings(organisationId: string, id: string, s: { columns: ImportColumnState[]; matchOrder: string[]; keepExisting: string[] }): Promise<void> {
    requireOrganisationId(organisationId);
    await this.db.query(
      `UPDATE member_import SET columns = $3::jsonb, match_order = $4, keep_existing = $5, settings_version = settings_version + 1,
              dry_run = NULL, dry_run_version = NULL, dry_run_samples = '[]', status = 'ANALYSED', error = NULL, updated_at = now()
        WHERE organisation_id = $1 AND id = $2`,
      [organisationId, id, JSON.stringify(s.columns), s.matchOrder, s.keepExisting],
    );
  }

  /** Moves the status when it is one of `from`; false when it was not (someone else moved it). */
  async transition(organisationId: string, id: string, from: ImportStatusValue[], to: ImportStatusValue): Promise<boolean> {
    requireOrganisationId(organisationId);
    const rows = await this.updateReturning(
      `UPDATE member_import SET status = $4::import_status, updated_at = now(), error = NULL,
              finished_at = CASE WHEN $4::import_status = 'CANCELLED' THEN now() ELSE finished_at END
        WHERE organisation_id = $1 AND id = $2 AND status = ANY($3::import_status[]) RETURNING id`,
      [organisationId, id, from, to],
    );
    return rows.length > 0;
  }

  /** Queues a fresh run: the previous run's counters are cleared, so progress reads 0 until the worker starts. */
  async queue(organisationId: string, id: string, from: ImportStatusValue[], to: 'QUEUED' | 'DRY_RUN_QUEUED'): Promise<boolean> {
    requireOrganisationId(organisationId);
    const rows = await this.updateReturning(
      `UPDATE member_import SET status = $4::import_status, run_kind = $5, rows_done = 0, bytes_done = 0, created_count = 0, updated_count = 0,
              unchanged_count = 0, rejected_count = 0, run_samples = '[]', active_seconds = 0, error = NULL, finished_at = NULL, updated_at = now()
        WHERE organisation_id = $1 AND id = $2 AND status = ANY($3::import_status[]) RETURNING id`,
      [organisationId, id, from, to, to === 'QUEUED' ? 'REAL' : 'DRY'],
    );
    return rows.length > 0;
  }

  /** Cancel: queued → CANCELLED at once, running → CANCELLING (the worker stops after its batch). */
  async cancel(organisationId: string, id: string): Promise<boolean> {
    requireOrganisationId(organisationId);
    const rows = await this.updateReturning(
      `UPDATE member_import SET status = CASE WHEN status IN ('QUEUED', 'DRY_RUN_QUEUED') THEN 'CANCELLED'::import_status ELSE 'CANCELLING'::import_status END,
              finished_at = CASE WHEN status IN ('QUEUED', 'DRY_RUN_QUEUED') THEN now() ELSE finished_at END, updated_at = now()
        WHERE organisation_id = $1 AND id = $2 AND status IN ('QUEUED', 'RUNNING', 'DRY_RUN_QUEUED', 'DRY_RUN_RUNNING') RETURNING id`,
      [organisationId, id],
    );
    return rows.length > 0;
  }

  /**
   * A worker takes the import: only one at a time (the lease), a dead one's lease expires. A fresh start
   * resets the run's counters; a resumed real run keeps its checkpoint; a resumed dry run starts over
   * (it writes nothing but its counts and rejects, which are reset).
   */
  async claim(organisationId: string, id: string, owner: string, leaseSeconds: number): Promise<MemberImportRow | null> {
    requireOrganisationId(organisationId);
    const rows = await this.updateReturning<MemberImportRow>(
      `UPDATE member_import SET lease_owner = $3, heartbeat_at = now(), updated_at = now()
        WHERE organisation_id = $1 AND id = $2 AND status IN ('DRY_RUN_QUEUED', 'DRY_RUN_RUNNING', 'QUEUED', 'RUNNING', 'CANCELLING')
          AND (lease_owner IS NULL OR lease_owner = $3 OR heartbeat_at < now() - make_interval(secs => $4))
        RETURNING ${IMPORT_COLUMNS}`,
      [organisationId, id, owner, leaseSeconds],
    );
    return rows[0] ?? null;
  }

  async beginRun(organisationId: string, id: string, kind: 'DRY' | 'REAL'): Promise<void> {
    requireOrganisationId(organisationId);
    await this.db.query(`DELETE FROM import_reject WHERE organisation_id = $1 AND import_id = $2 AND run_kind = $3`, [organisationId, id, kind]);
    await this.db.query(
      `UPDATE member_import SET status = $3::import_status, run_kind = $4, rows_done = 0, bytes_done = 0, created_count = 0, updated_count = 0,
              unchanged_count = 0, rejected_count = 0, run_samples = '[]', run_started_at = now(), active_seconds = 0, error = NULL,
              started_at = CASE WHEN $4::text = 'REAL' THEN now() ELSE started_at END, finished_at = NULL, heartbeat_at = now(), updated_at = now()
        WHERE organisation_id = $1 AND id = $2`,
      [organisationId, id, kind === 'DRY' ? 'DRY_RUN_RUNNING' : 'RUNNING', kind],
    );
  }

  /**
   * The checkpoint, in the batch's transaction: counts and rows done move only if this worker still holds
   * the lease and the run was not cancelled; false otherwise (the caller rolls the batch back).
   */
  async checkpoint(organisationId: string, id: string, owner: string, status: ImportStatusValue, d: CheckpointDelta): Promise<boolean> {
    requireOrganisationId(organisationId);
    const rows = await this.updateReturning(
      `UPDATE member_import SET rows_done = $5, bytes_done = $6, created_count = created_count + $7, updated_count = updated_count + $8,
              unchanged_count = unchanged_count + $9, rejected_count = rejected_count + $10, active_seconds = active_seconds + $11,
              run_samples = $12::jsonb, heartbeat_at = now(), updated_at = now()
        WHERE organisation_id = $1 AND id = $2 AND lease_owner = $3 AND status = $4::import_status RETURNING id`,
      [organisationId, id, owner, status, d.rowsDone, d.bytesDone, d.created, d.updated, d.unchanged, d.rejected, d.seconds, JSON.stringify(d.samples)],
    );
    return rows.length > 0;
  }

  async insertRejects(organisationId: string, id: string, kind: 'DRY' | 'REAL', rejects: { rowNumber: number; fields: string[]; reasons: string[] }[]): Promise<void> {
    requireOrganisationId(organisationId);
    if (rejects.length === 0) return;
    // Arrays of arrays do not unnest row by row: each row's fields travel as one JSON text.
    await this.db.query(
      `INSERT INTO import_reject (organisation_id, import_id, run_kind, row_number, fields, reasons)
       SELECT $1, $2, $3, u.n, ARRAY(SELECT jsonb_array_elements_text(u.f::jsonb)), ARRAY(SELECT jsonb_array_elements_text(u.r::jsonb))
         FROM unnest($4::int[], $5::text[], $6::text[]) AS u(n, f, r)
       ON CONFLICT DO NOTHING`,
      [organisationId, id, kind, rejects.map((r) => r.rowNumber), rejects.map((r) => JSON.stringify(r.fields)), rejects.map((r) => JSON.stringify(r.reasons))],
    );
  }

  /** The end of a run: the report. */
  async finishRun(organisationId: string, id: string, owner: string, kind: 'DRY' | 'REAL'): Promise<ImportStatusValue | null> {
    requireOrganisationId(organisationId);
    const rows = await this.updateReturning<{ status: ImportStatusValue }>(
      kind === 'DRY'
        ? `UPDATE member_import SET status = 'DRY_RUN_DONE', total_rows = rows_done, dry_run_version = settings_version,
                  dry_run = jsonb_build_object('total', rows_done, 'done', rows_done, 'created', created_count, 'updated', updated_count,
                                               'unchanged', unchanged_count, 'rejected', rejected_count),
                  dry_run_samples = run_samples, lease_owner = NULL, heartbeat_at = NULL, updated_at = now()
            WHERE organisation_id = $1 AND id = $2 AND lease_owner = $3 AND status = 'DRY_RUN_RUNNING' RETURNING status`
        : `UPDATE member_import SET status = 'COMPLETED', total_rows = rows_done, finished_at = now(), lease_owner = NULL, heartbeat_at = NULL, updated_at = now()
            WHERE organisation_id = $1 AND id = $2 AND lease_owner = $3 AND status = 'RUNNING' RETURNING status`,
      [organisationId, id, owner],
    );
    // A completed import is never run again: its stored file goes (the report, rejects and links stay).
    if (kind === 'REAL' && rows[0]) {
      await this.db.query(`DELETE FROM import_file_chunk WHERE organisation_id = $1 AND import_id = $2`, [organisationId, id]);
    }
    return rows[0]?.status ?? null;
  }

  /** CANCELLING → CANCELLED (the worker stopped), or FAILED with a message; the lease is released. */
  async stopRun(organisationId: string, id: string, owner: string, outcome: { failed: string } | 'CANCELLED'): Promise<void> {
    requireOrganisationId(organisationId);
    if (outcome === 'CANCELLED') {
      await this.db.query(
        `UPDATE member_import SET status = 'CANCELLED', finished_at = now(), lease_owner = NULL, heartbeat_at = NULL, updated_at = now()
          WHERE organisation_id = $1 AND id = $2 AND status = 'CANCELLING' AND (lease_owner = $3 OR lease_owner IS NULL)`,
        [organisationId, id, owner],
      );
      return;
    }
    await this.db.query(
      `UPDATE member_import SET status = 'FAILED', error = $4, finished_at = now(), lease_owner = NULL, heartbeat_at = NULL, updated_at = now()
        WHERE organisation_id = $1 AND id = $2 AND lease_owner = $3`,
      [organisationId, id, owner, outcome.failed.slice(0, 1000)],
    );
  }

  /** Renews this worker's lease while a batch is slow (the checkpoint renews it too). */
  async heartbeat(organisationId: string, id: string, owner: string): Promise<void> {
    requireOrganisationId(organisationId);
    await this.db.query(`UPDATE member_import SET heartbeat_at = now() WHERE organisation_id = $1 AND id = $2 AND lease_owner = $3`, [organisationId, id, owner]);
  }

  /** The process is stopping: let the next process resume at once instead of waiting for the lease. */
  async releaseLease(organisationId: string, id: string, owner: string): Promise<void> {
    requireOrganisationId(organisationId);
    await this.db.query(`UPDATE member_import SET lease_owner = NULL, heartbeat_at = NULL WHERE organisation_id = $1 AND id = $2 AND lease_owner = $3`, [organisationId, id, owner]);
  }

  async status(organisationId: string, id: string): Promise<ImportStatusValue | null> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<{ status: ImportStatusValue }>(`SELECT status FROM member_import WHERE organisation_id = $1 AND id = $2`, [organisationId, id]);
    return rows[0]?.status ?? null;
  }

  /** Imports whose worker died (any organisation): ids only, through the SECURITY DEFINER lookup. */
  async stale(leaseSeconds: number): Promise<{ organisation_id: string; id: string }[]> {
    return this.db.query(`SELECT organisation_id, id FROM muster_import_stale($1)`, [leaseSeconds]);
  }

  async rejects(organisationId: string, id: string, kind: 'DRY' | 'REAL', afterRow: number, limit: number): Promise<{ row_number: number; fields: string[]; reasons: string[] }[]> {
    requireOrganisationId(organisationId);
    return this.db.query(
      `SELECT row_number, fields, reasons FROM import_reject WHERE organisation_id = $1 AND import_id = $2 AND run_kind = $3 AND row_number > $4
        ORDER BY row_number LIMIT $5`,
      [organisationId, id, kind, afterRow, limit],
    );
  }

  async mappings(organisationId: string): Promise<ImportMappingRow[]> {
    requireOrganisationId(organisationId);
    return this.db.query<ImportMappingRow>(
      `SELECT organisation_id, id, name, columns, created_at FROM import_mapping WHERE organisation_id = $1 ORDER BY lower(name), id`,
      [organisationId],
    );
  }

  async saveMapping(organisationId: string, id: string, name: string, columns: { header: string; field: string }[], createdBy: string): Promise<ImportMappingRow> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<ImportMappingRow>(
      `INSERT INTO import_mapping (organisation_id, id, name, columns, created_by) VALUES ($1, $2, $3, $4::jsonb, $5)
       ON CONFLICT (organisation_id, name) DO UPDATE SET columns = EXCLUDED.columns
       RETURNING organisation_id, id, name, columns, created_at`,
      [organisationId, id, name, JSON.stringify(columns), createdBy],
    );
    return rows[0];
  }

  async findMapping(organisationIds: string[], id: string): Promise<ImportMappingRow | null> {
    if (organisationIds.length === 0) return null;
    const rows = await this.db.query<ImportMappingRow>(
      `SELECT organisation_id, id, name, columns, created_at FROM import_mapping WHERE organisation_id = ANY($1::uuid[]) AND id = $2`,
      [organisationIds, id],
    );
    return rows[0] ?? null;
  }

  async deleteMapping(organisationId: string, id: string): Promise<void> {
    requireOrganisationId(organisationId);
    await this.db.query(`DELETE FROM import_mapping WHERE organisation_id = $1 AND id = $2`, [organisationId, id]);
  }
}
