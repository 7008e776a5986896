/**
 * The members export use case: who may export (member:export in the organisation, NOT_FOUND outside
 * reach, a volunteer-only caller limited to assigned members), the filter and order (the `members`
 * query's own input types, coerced and validated exactly as GraphQL does), the CSV stream (one keyset
 * batch in memory at a time, read only as fast as the client takes it) and the audit event
 * `member.export`, written when the download ends: complete, or marked incomplete when the client went
 * away or the read failed. Must never: throw HTTP errors (throws AccessException /
 * ValidationFailedException), start streaming before every check passed, or hold the whole result.
 */
import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { coerceInputValue, isInputType } from 'graphql';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { AccessException } from '../access/access.exception.js';
import { AccessService } from '../access/access.service.js';
import { requestMetaOf, setRequestMeta } from '../audit/audit.meta.js';
import { AuditService } from '../audit/audit.service.js';
import { ValidationFailedException, type FieldError } from '../common/domain.exception.js';
import { requestContextStorage, withRequestContext } from '../common/request-context.js';
import { flattenValidationErrors } from '../common/validation.pipe.js';
import { SegmentFilterService } from '../segment/segment-filter.service.js';
import { MemberFilter, MemberOrder, MemberOrderField, SortDirection } from '../member/dtos/member-filter.input.js';
import { exportConfig } from './export.config.js';
import { csvHeader, csvMemberLine, exportFileName } from './export.csv.js';
import { ExportException } from './export.exception.js';
import { ExportRepository } from './export.repository.js';

/** Rows per keyset batch: the most the export holds in memory at once. */
export const EXPORT_BATCH_SIZE = 2000;

export interface MemberExportArgs {
  organisationId: string | undefined;
  /** JSON of a MemberFilter (as the `members` query takes it). */
  filter: string | undefined;
  /** Only the members of this segment (same as `filter.segmentId`); another organisation's segment is NOT_FOUND. */
  segmentId?: string | undefined;
  /** JSON of a MemberOrder. */
  orderBy: string | undefined;
  /** "1"/"true": start with a UTF-8 byte order mark (Excel). */
  bom: string | undefined;
  /** A HEAD request: every check and the headers, but nothing read and nothing audited. */
  headOnly?: boolean;
}

export interface MemberExport {
  fileName: string;
  /** The CSV text, produced as it is read. */
  stream: Readable;
  /**
   * Call once when the response is over: `delivered` when every byte went out. Writes the audit
   * event (incomplete unless delivered) and makes sure the database connection is back.
   */
  finished(delivered: boolean): Promise<void>;
}

@Injectable()
export class ExportService {
  private readonly logger = new Logger('ExportService');
  /** Exports streaming now in this process (each holds a pooled connection). */
  private running = 0;

  constructor(
    private readonly exports: ExportRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly moduleRef: ModuleRef,
    private readonly dataSource: DataSource,
    private readonly segments: SegmentFilterService,
  ) {}

  async exportMembers(args: MemberExportArgs): Promise<MemberExport> {
    const ctx = requestContextStorage.current();
    if (!ctx) throw new Error('No request context');
    this.access.principal(); // UNAUTHENTICATED first
    if (args.organisationId === undefined || args.organisationId === '') {
      throw new ValidationFailedException([{ path: 'organisationId', message: 'organisationId is required.' }]);
    }
    this.access.assert(args.organisationId, 'member:export');
    const organisationId = args.organisationId.toLowerCase();
    const filter = await this.parse(args.filter, 'MemberFilter', MemberFilter, 'filter');
    const orderBy = await this.parse(args.orderBy, 'MemberOrder', MemberOrder, 'orderBy');
    const bom = parseFlag(args.bom, 'bom');
    const segmentId = args.segmentId !== undefined && args.segmentId !== '' ? args.segmentId : (filter?.segmentId ?? null);
    if (args.segmentId && filter?.segmentId != null && filter.segmentId.toLowerCase() !== args.segmentId.toLowerCase()) {
      throw new ValidationFailedException([{ path: 'segmentId', message: 'segmentId and filter.segmentId name different segments.' }]);
    }
    // Resolved in the request's context (its reach, RLS) before the export's own transaction opens.
    const segment = segmentId !== null ? await this.segments.resolve(organisationId, segmentId) : null;
    const effectiveFilter = segment ? { ...(filter ?? {}), segmentId: segment.id } : filter;
    const assignedTo = this.access.assignedOnlyUser(organisationId);
    const principal = ctx.principal;
    const reach = ctx.reach;

    const config = exportConfig();
    if (this.running >= config.concurrency) throw ExportException.busy(config.concurrency);
    this.running++;
    let slot = true;
    const releaseSlot = () => {
      if (slot) this.running--;
      slot = false;
    };
    let tx: Awaited<ReturnType<ExportRepository['open']>>;
    let slug: string | null;
    try {
      tx = await this.exports.open(organisationId, reach, principal);
    } catch (error) {
      releaseSlot();
      throw error;
    }
    try {
      slug = await tx.organisationSlug();
    } catch (error) {
      await tx.close();
      releaseSlot();
      throw error;
    }
    if (slug === null) {
      await tx.close();
      releaseSlot();
      throw AccessException.notFound();
    }
    if (args.headOnly) {
      await tx.close();
      releaseSlot();
      return { fileName: exportFileName(slug, new Date()), stream: Readable.from([]), finished: async () => undefined };
    }

    const started = Date.now();
    let rowCount = 0;
    let failure: unknown = null;
    // A client that takes nothing for idleSeconds (connection open, not reading) is cut off: it would hold a
    // transaction and a pool connection for as long as it likes.
    let stalled = false;
    let idle: NodeJS.Timeout | undefined;
    const waitForClient = () => {
      idle = setTimeout(() => {
        stalled = true;
        stream.destroy();
      }, config.idleSeconds * 1000);
      idle.unref();
    };
    const batches = tx.batches({
      filter: effectiveFilter,
      segment: segment?.predicate ?? null,
      sort: orderBy?.field ?? MemberOrderField.LAST_NAME,
      descending: orderBy?.direction === SortDirection.DESC,
      assignedTo,
      batchSize: EXPORT_BATCH_SIZE,
    });
    async function* csv(): AsyncGenerator<string> {
      try {
        waitForClient();
        yield csvHeader(bom);
        clearTimeout(idle);
        for await (const batch of batches) {
          let text = '';
          for (const member of batch) text += csvMemberLine(member);
          rowCount += batch.length;
          waitForClient();
          yield text;
          clearTimeout(idle);
        }
      } catch (error) {
        failure = error;
        throw error;
      } finally {
        // Done, failed, or destroyed because the client left: the connection goes back now.
        clearTimeout(idle);
        await tx.close();
      }
    }
    // One chunk (a batch) buffered ahead at most: the next query runs only when the client has taken the last one.
    const stream = Readable.from(csv(), { objectMode: false, highWaterMark: 1 });

    const requestId = ctx.requestId;
    const meta = requestMetaOf(ctx);
    let done = false;
    const finished = async (delivered: boolean): Promise<void> => {
      if (done) return;
      done = true;
      clearTimeout(idle);
      if (!stream.destroyed && !delivered) stream.destroy();
      await tx.close();
      releaseSlot();
      const complete = delivered && failure === null;
      const details = {
        filter: filter ?? null,
        segment: segment ? { id: segment.id, name: segment.name } : null,
        orderBy: orderBy ?? null,
        rowCount,
        complete,
        ...(complete ? {} : { reason: failure !== null ? 'READ_FAILED' : stalled ? 'CLIENT_STALLED' : 'CLIENT_DISCONNECTED' }),
      };
      if (failure !== null) this.logger.error({ err: failure, requestId }, 'member export failed while streaming');
      await withRequestContext(this.dataSource, requestId, async (auditCtx) => {
        setRequestMeta(auditCtx, meta);
        await this.audit.record({ action: 'member.export', organisationId, targetType: 'member', details });
      }, { principal, reach });
      this.logger.log({ requestId, organisationId, rowCount, complete, ms: Date.now() - started }, 'member export finished');
    };
    return { fileName: exportFileName(slug, new Date()), stream, finished };
  }

  /** A JSON query parameter through the GraphQL input type (same coercion as variables) and the class-validator rules. */
  private async parse<T extends object>(raw: string | undefined, typeName: string, cls: new () => T, argument: string): Promise<T | null> {
    if (raw === undefined || raw.trim() === '') return null;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new ValidationFailedException([{ path: argument, message: `${argument} is not valid JSON.` }]);
    }
    if (json === null) return null;
    // The schema the GraphQL module built (not global: looked up from the application's modules).
    const type = this.moduleRef.get(GraphQLSchemaHost, { strict: false }).schema.getType(typeName);
    if (!type || !isInputType(type)) throw new Error(`${typeName} is not an input type of the schema`);
    const errors: FieldError[] = [];
    const value = coerceInputValue(json, type, (path, _invalid, error) => {
      errors.push({ path: [argument, ...path].join('.'), message: error.message });
    });
    if (errors.length > 0) throw new ValidationFailedException(errors);
    const invalid = await validate(plainToInstance(cls, value as object), { forbidUnknownValues: false });
    if (invalid.length > 0) throw new ValidationFailedException(flattenValidationErrors(invalid, argument));
    return value as T;
  }
}

function parseFlag(raw: string | undefined, name: string): boolean {
  if (raw === undefined || raw === '' || raw === '0' || raw === 'false') return false;
  if (raw === '1' || raw === 'true') return true;
  throw new ValidationFailedException([{ path: name, message: `${name} must be 1 or 0.` }]);
}
