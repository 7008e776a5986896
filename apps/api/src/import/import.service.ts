/**
 * Import use cases behind GraphQL and the HTTP routes: upload (streamed into chunks), read, list, change the
 * mapping/options, dry run, run, cancel, rejects, saved mappings. Another organisation's import answers
 * NOT_FOUND exactly like an unknown id. Every mutation writes an audit event in its transaction.
 * Must never: start a real run without a finished dry run of the same settings, or hold a whole file.
 */
import { Injectable, Logger } from '@nestjs/common';
import {
  createDecoder, detectDelimiter, detectEncoding, detectHeader, isBlankRecord, suggestMapping, CsvParser, IMPORT_FIELDS,
  type CsvRecord, type ImportField,
} from '@muster/domain';
import { v7 as uuidv7 } from 'uuid';
import { AccessException } from '../access/access.exception.js';
import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import { decodeCursor, encodeCursor, isUuid } from '../common/cursor.js';
import { DatabaseContextService } from '../common/database-context.service.js';
import { ValidationFailedException } from '../common/domain.exception.js';
import { resolvePaging } from '../common/paging.js';
import { JobsService } from '../jobs/jobs.service.js';
import type { ImportStatusValue } from './import.entity.js';
import type {
  ImportMappingObject, MemberImportConnection, MemberImportObject, SaveImportMappingInput, UpdateMemberImportInput,
} from './import.object.js';
import { ImportRepository, type ImportColumnState, type ImportMappingRow, type MemberImportRow } from './import.repository.js';
import { IMPORT_QUEUE, type ImportJobData } from './import.runner.js';

export const CHUNK_BYTES = 1024 * 1024;
export const MAX_UPLOAD_BYTES = 1024 * 1024 * 1024;
const SORT = 'import:createdAt:DESC';
const SAMPLE_ROWS = 5;
const SNIFF_BYTES = 64 * 1024;

export function toMemberImportObject(r: MemberImportRow, now = Date.now()): MemberImportObject {
  const running = r.status === 'RUNNING' || r.status === 'DRY_RUN_RUNNING' || r.status === 'CANCELLING';
  const done = r.rows_done;
  const rate = r.active_seconds > 0 && done > 0 ? done / r.active_seconds : null;
  // The dry run counted the rows; while it runs, the total is estimated from the bytes read.
  const byteSize = Number(r.byte_size);
  const bytesDone = Number(r.bytes_done);
  let total = r.run_kind === 'REAL' && r.dry_run ? r.dry_run.total : (r.total_rows ?? 0);
  if (r.status === 'DRY_RUN_RUNNING' && bytesDone > 0) total = Math.max(done, Math.round((done * byteSize) / bytesDone));
  if (r.status === 'COMPLETED') total = done;
  const secondsLeft = running && rate ? Math.max(0, (total - done) / rate) : null;
  const started = r.started_at ? r.started_at.getTime() : null;
  const finished = r.finished_at ? r.finished_at.getTime() : null;
  return {
    id: r.id,
    organisationId: r.organisation_id,
    fileName: r.file_name,
    byteSize,
    encoding: r.encoding,
    delimiter: r.delimiter,
    hasHeader: r.has_header,
    status: r.status,
    columns: r.columns.map((c) => ({ ...c, field: c.field as ImportField, suggested: c.suggested as ImportField })),
    matchOrder: r.match_order,
    keepExisting: r.keep_existing,
    dryRun: r.dry_run && r.dry_run_version === r.settings_version ? r.dry_run : null,
    dryRunSamples: r.dry_run && r.dry_run_version === r.settings_version ? r.dry_run_samples : [],
    progress: { total, done, created: r.created_count, updated: r.updated_count, unchanged: r.unchanged_count, rejected: r.rejected_count },
    rowsPerSecond: rate,
    secondsLeft,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    durationSeconds: started !== null && r.run_kind === 'REAL' ? ((finished ?? now) - started) / 1000 : null,
    createdBy: r.created_by,
    createdAt: r.created_at,
    error: r.error,
    rejectsUrl: r.rejected_count > 0 || (r.dry_run?.rejected ?? 0) > 0 ? `/imports/${r.id}/rejects.csv` : null,
  };
}

function toMappingObject(r: ImportMappingRow): ImportMappingObject {
  return { id: r.id, organisationId: r.organisation_id, name: r.name, columns: r.columns.map((c) => ({ header: c.header, field: c.field as ImportField })), createdAt: r.created_at };
}

/** Reads the head of an upload: encoding, delimiter, header, the suggested mapping and a few samples per column. */
export function analyseHead(head: Buffer): { encoding: string; delimiter: string; hasHeader: boolean; columns: ImportColumnState[] } {
  // The first 64 KiB decide (as the fixtures' manifest expects); the UTF-8 decoder copes with a later stray
  // Windows-1252 byte.
  const encoding = detectEncoding(head.subarray(0, SNIFF_BYTES));
  const text = createDecoder(encoding).write(head);
  const delimiter = detectDelimiter(text);
  const parser = new CsvParser(delimiter);
  // The last record of the head may be cut off: only complete records count.
  const records: CsvRecord[] = parser.push(text).filter((r) => !isBlankRecord(r)).slice(0, SAMPLE_ROWS + 1);
  const first = records[0]?.fields ?? [];
  const hasHeader = records.length > 0 && detectHeader(first, records[1]?.fields);
  const data = hasHeader ? records.slice(1) : records;
  const width = Math.max(first.length, ...data.map((r) => r.fields.length));
  const headers = Array.from({ length: width }, (_, i) => (hasHeader ? (first[i] ?? '').trim() : '') || `Column ${i + 1}`);
  const suggested = hasHeader ? suggestMapping(headers) : headers.map(() => 'IGNORE' as ImportField);
  const columns = headers.map((header, index) => ({
    index,
    header,
    samples: data.map((r) => (r.fields[index] ?? '').slice(0, 200)).filter((v) => v.trim() !== '').slice(0, SAMPLE_ROWS),
    field: suggested[index] ?? 'IGNORE',
    suggested: suggested[index] ?? 'IGNORE',
  }));
  return { encoding, delimiter, hasHeader, columns };
}

@Injectable()
export class ImportService {
  constructor(
    private readonly imports: ImportRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly jobs: JobsService,
    private readonly db: DatabaseContextService,
  ) {}

  private readonly logger = new Logger('Import');

  /** The organisation of an upload (NOT_FOUND outside reach, FORBIDDEN inside without member:import). */
  assertCanImport(organisationId: string): string {
    this.access.assert(organisationId, 'member:import');
    return organisationId.toLowerCase();
  }

  /**
   * Streams the body into ~1 MiB chunks in the request's transaction, then analyses the head. Holds at most
   * one chunk (plus what the socket buffers).
   */
  async upload(rawOrganisationId: string, fileName: string, body: AsyncIterable<Buffer>): Promise<MemberImportObject> {
    const organisationId = this.assertCanImport(rawOrganisationId);
    const principal = this.access.principal();
    const name = fileName.trim().slice(0, 255) || 'members.csv';
    const id = uuidv7();
    await this.imports.create(organisationId, { id, fileName: name, createdBy: principal.label, createdByUserId: principal.userId });
    let seq = 0;
    let size = 0;
    let head: Buffer | null = null;
    let parts: Buffer[] = [];
    let pending = 0;
    const flush = async () => {
      if (pending === 0) return;
      const chunk = parts.length === 1 ? parts[0] : Buffer.concat(parts, pending);
      parts = [];
      pending = 0;
      if (seq === 0) head = chunk;
      await this.imports.insertChunk(organisationId, id, seq++, chunk);
    };
    for await (const piece of body) {
      size += piece.length;
      if (size > MAX_UPLOAD_BYTES) throw new ValidationFailedException([{ path: 'body', message: 'The file is larger than 1 GiB.' }]);
      let rest = piece;
      while (rest.length > 0) {
        const room = CHUNK_BYTES - pending;
        const part = rest.subarray(0, room);
        parts.push(Buffer.from(part)); // a copy: the socket reuses its buffers
        pending += part.length;
        rest = rest.subarray(part.length);
        if (pending >= CHUNK_BYTES) await flush();
      }
    }
    await flush();
    if (size === 0 || head === null) throw new ValidationFailedException([{ path: 'body', message: 'The file is empty.' }]);
    const analysis = analyseHead(head);
    if (analysis.columns.length === 0) throw new ValidationFailedException([{ path: 'body', message: 'No rows found in the file.' }]);
    await this.imports.saveAnalysis(organisationId, id, { ...analysis, byteSize: size, chunkCount: seq });
    await this.audit.record({ action: 'member_import.upload', organisationId, targetType: 'member_import', targetIds: [id], details: { fileName: name, byteSize: size } });
    return this.get(id);
  }

  /** The import if the caller reaches its organisation and may import there; NOT_FOUND otherwise. */
  private async findVisible(id: string): Promise<MemberImportRow> {
    if (!isUuid(id)) throw AccessException.notFound();
    const reach = this.access.organisationsWith('member:import');
    const row = await this.imports.find(this.access.reachedOrganisationIds(), id.toLowerCase());
    if (!row) throw AccessException.notFound();
    if (!reach.includes(row.organisation_id)) this.access.assert(row.organisation_id, 'member:import');
    return row;
  }

  async get(id: string): Promise<MemberImportObject> {
    return toMemberImportObject(await this.findVisible(id));
  }

  /** For the rejects route: the import row (access checked). */
  async forRejects(id: string): Promise<MemberImportRow> {
    return this.findVisible(id);
  }

  async list(rawOrganisationId: string, args: { first?: number | null; after?: string | null; status?: ImportStatusValue[] | null }): Promise<MemberImportConnection> {
    const organisationId = this.assertCanImport(rawOrganisationId);
    const paging = resolvePaging({ first: args.first, after: args.after });
    let after: { createdAt: string; id: string } | null = null;
    if (paging.cursor) {
      const decoded = decodeCursor(paging.cursor, SORT, 1);
      if (!decoded || typeof decoded.values[0] !== 'string') throw new ValidationFailedException([{ path: 'after', message: 'Not a cursor from this list.' }]);
      after = { createdAt: decoded.values[0], id: decoded.id };
    }
    const statuses = args.status ?? null;
    const rows = await this.imports.page(organisationId, statuses, after, paging.limit + 1);
    const edges = rows.slice(0, paging.limit).map((r) => ({ cursor: encodeCursor(SORT, [r.created_at.toISOString()], r.id), node: toMemberImportObject(r) }));
    return {
      edges,
      pageInfo: { hasNextPage: rows.length > paging.limit, hasPreviousPage: after !== null, startCursor: edges[0]?.cursor ?? null, endCursor: edges[edges.length - 1]?.cursor ?? null },
      countTotal: () => this.imports.count(organisationId, statuses),
    };
  }

  async update(input: UpdateMemberImportInput): Promise<MemberImportObject> {
    const row = await this.findVisible(input.id);
    const editable: ImportStatusValue[] = ['ANALYSED', 'DRY_RUN_DONE', 'CANCELLED', 'FAILED'];
    if (!editable.includes(row.status) || (row.run_kind === 'REAL' && row.status !== 'FAILED' && row.status !== 'CANCELLED')) {
      throw new ValidationFailedException([{ path: 'input.id', message: 'This import can no longer be changed.' }]);
    }
    const columns = row.columns.map((c) => ({ ...c }));
    for (const [i, c] of (input.columns ?? []).entries()) {
      const column = columns.find((x) => x.index === c.index);
      if (!column) throw new ValidationFailedException([{ path: `input.columns.${i}.index`, message: 'No such column in the file.' }]);
      column.field = c.field;
    }
    const matchOrder = input.matchOrder ?? row.match_order;
    if (matchOrder.length === 0 || new Set(matchOrder).size !== matchOrder.length) {
      throw new ValidationFailedException([{ path: 'input.matchOrder', message: 'Name each match key at most once, and at least one.' }]);
    }
    const keepExisting = [...new Set(input.keepExisting ?? row.keep_existing)].filter((f) => (IMPORT_FIELDS as readonly string[]).includes(f));
    await this.imports.updateSettings(row.organisation_id, row.id, { columns, matchOrder, keepExisting });
    await this.audit.record({ action: 'member_import.update', organisationId: row.organisation_id, targetType: 'member_import', targetIds: [row.id],
      details: { columns: (input.columns ?? []).length, matchOrder, keepExisting } });
    return this.get(row.id);
  }

  async startDryRun(id: string): Promise<MemberImportObject> {
    const row = await this.findVisible(id);
    const from: ImportStatusValue[] = ['ANALYSED', 'DRY_RUN_DONE', 'CANCELLED', 'FAILED'];
    if (!from.includes(row.status) || (row.run_kind === 'REAL' && (row.status === 'CANCELLED' || row.status === 'FAILED') && row.rows_done > 0)) {
      throw new ValidationFailedException([{ path: 'id', message: `A dry run cannot start while the import is ${row.status.toLowerCase().replaceAll('_', ' ')}.` }]);
    }
    if (!row.columns.some((c) => c.field !== 'IGNORE')) throw new ValidationFailedException([{ path: 'id', message: 'Map at least one column first.' }]);
    if (!(await this.imports.queue(row.organisation_id, row.id, from, 'DRY_RUN_QUEUED'))) throw new ValidationFailedException([{ path: 'id', message: 'The import changed meanwhile: reload it.' }]);
    await this.audit.record({ action: 'member_import.dry_run', organisationId: row.organisation_id, targetType: 'member_import', targetIds: [row.id] });
    this.enqueueAfterCommit(row.organisation_id, row.id);
    return this.get(row.id);
  }

  async start(id: string): Promise<MemberImportObject> {
    const row = await this.findVisible(id);
    const resumable = (row.status === 'CANCELLED' || row.status === 'FAILED') && row.run_kind === 'REAL';
    if (!(row.status === 'DRY_RUN_DONE' && row.dry_run_version === row.settings_version) && !resumable) {
      throw new ValidationFailedException([{ path: 'id', message: 'Run a dry run of these settings first, and check its counts.' }]);
    }
    const moved = resumable && row.rows_done > 0
      ? await this.imports.transition(row.organisation_id, row.id, [row.status], 'RUNNING') // resumes from its checkpoint
      : await this.imports.queue(row.organisation_id, row.id, [row.status], 'QUEUED');
    if (!moved) throw new ValidationFailedException([{ path: 'id', message: 'The import changed meanwhile: reload it.' }]);
    await this.audit.record({ action: 'member_import.start', organisationId: row.organisation_id, targetType: 'member_import', targetIds: [row.id],
      details: { dryRun: row.dry_run } });
    this.enqueueAfterCommit(row.organisation_id, row.id);
    return this.get(row.id);
  }

  async cancel(id: string): Promise<MemberImportObject> {
    const row = await this.findVisible(id);
    if (!(await this.imports.cancel(row.organisation_id, row.id))) {
      throw new ValidationFailedException([{ path: 'id', message: 'Only a queued or running import can be cancelled.' }]);
    }
    await this.audit.record({ action: 'member_import.cancel', organisationId: row.organisation_id, targetType: 'member_import', targetIds: [row.id] });
    return this.get(row.id);
  }

  /**
   * The job is sent once the status change is committed (a worker must see it). If sending fails, the
   * import stays queued and the runner's sweep queues it again after the lease.
   */
  private enqueueAfterCommit(organisationId: string, importId: string): void {
    this.db.context().afterCommit(() => {
      this.jobs.send<ImportJobData>(IMPORT_QUEUE, { organisationId, importId }).catch((error: unknown) => {
        this.logger.warn(`could not queue import ${importId}: ${String((error as Error)?.message ?? error)}`);
      });
    });
  }

  async mappings(rawOrganisationId: string): Promise<ImportMappingObject[]> {
    const organisationId = this.assertCanImport(rawOrganisationId);
    return (await this.imports.mappings(organisationId)).map(toMappingObject);
  }

  async saveMapping(input: SaveImportMappingInput): Promise<ImportMappingObject> {
    const organisationId = this.assertCanImport(input.organisationId);
    const row = await this.imports.saveMapping(organisationId, uuidv7(), input.name.trim(), input.columns.map((c) => ({ header: c.header, field: c.field })), this.access.principal().label);
    await this.audit.record({ action: 'import_mapping.save', organisationId, targetType: 'import_mapping', targetIds: [row.id], details: { name: row.name } });
    return toMappingObject(row);
  }

  async deleteMapping(id: string): Promise<boolean> {
    if (!isUuid(id)) throw AccessException.notFound();
    const row = await this.imports.findMapping(this.access.reachedOrganisationIds(), id.toLowerCase());
    if (!row) throw AccessException.notFound();
    this.access.assert(row.organisation_id, 'member:import');
    await this.imports.deleteMapping(row.organisation_id, row.id);
    await this.audit.record({ action: 'import_mapping.delete', organisationId: row.organisation_id, targetType: 'import_mapping', targetIds: [row.id], details: { name: row.name } });
    return true;
  }
}
