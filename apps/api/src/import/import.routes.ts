/**
 * The import's HTTP routes, registered on Fastify next to /graphql (same authentication: the auth hook
 * covers /imports; cookie requests need the x-csrf-token header):
 * - POST /imports?organisationId=&fileName=  body = the raw file (text/csv or application/octet-stream),
 *   streamed into import_file_chunk (never held whole), up to 1 GiB → 201 { data: { memberImport: { id } } }
 * - GET /imports/:id/rejects.csv  the rejected rows of the latest run: original columns + row_number + reason.
 * Errors come in the one error shape { data: null, errors: [{ message, extensions: { code, requestId } }] }.
 */
import { Readable } from 'node:stream';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { csvEscape } from '@muster/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { mapDomainException, INTERNAL_MESSAGE } from '../common/api-error.mapper.js';
import type { ApiErrorCode } from '../common/api-error.js';
import { DomainException, ValidationFailedException } from '../common/domain.exception.js';
import { withRequestContext } from '../common/request-context.js';
import { ImportRepository } from './import.repository.js';
import { ImportService, MAX_UPLOAD_BYTES } from './import.service.js';

const STATUS_BY_CODE: Partial<Record<ApiErrorCode, number>> = {
  NOT_FOUND: 404, FORBIDDEN: 403, UNAUTHENTICATED: 401, VALIDATION_FAILED: 400, BAD_REQUEST: 400,
};

const REJECT_PAGE = 2000;

@Injectable()
export class ImportRoutes implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly service: ImportService,
    private readonly imports: ImportRepository,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    // The file stays a stream: the handler reads it chunk by chunk (no body limit applies to a stream).
    fastify.addContentTypeParser(['text/csv', 'application/octet-stream'], { bodyLimit: MAX_UPLOAD_BYTES }, (_request, payload, done) => done(null, payload));
    fastify.post('/imports', { bodyLimit: MAX_UPLOAD_BYTES }, (request, reply) => this.upload(request, reply));
    fastify.get('/imports/:id/rejects.csv', (request, reply) => this.rejects(request, reply));
  }

  private fail(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
    if (request.musterContext) request.musterContext.failed = true;
    let code: ApiErrorCode = 'INTERNAL';
    let message = INTERNAL_MESSAGE;
    let fields: unknown;
    if (error instanceof DomainException) {
      const mapped = mapDomainException(error);
      code = mapped.code;
      message = mapped.message;
      fields = mapped.fields;
    } else {
      request.log.error({ err: error, requestId: request.id }, 'import route failed');
    }
    return reply.code(STATUS_BY_CODE[code] ?? 500).header('content-type', 'application/json; charset=utf-8')
      .send({ data: null, errors: [{ message, extensions: { code, requestId: request.id, ...(fields ? { fields } : {}) } }] });
  }

  private async upload(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const query = request.query as Record<string, string | undefined>;
    try {
      const body = request.body as AsyncIterable<Buffer> | undefined;
      if (!body || typeof (body as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] !== 'function') {
        // Access first: an organisation outside reach is NOT_FOUND whatever the body.
        this.service.assertCanImport(query.organisationId ?? '');
        return this.fail(request, reply, new ValidationFailedException([{ path: 'body', message: 'Send the file as the body with content-type text/csv or application/octet-stream.' }]));
      }
      this.service.assertCanImport(query.organisationId ?? '');
      const created = await this.service.upload(query.organisationId ?? '', query.fileName ?? 'members.csv', body);
      return reply.code(201).send({ data: { memberImport: { id: created.id } } });
    } catch (error) {
      // Drain what is left of the body so the client gets the answer instead of a reset connection.
      request.raw.resume();
      return this.fail(request, reply, error);
    }
  }

  private async rejects(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const { id } = request.params as { id: string };
    try {
      const imp = await this.service.forRejects(id);
      const ctx = request.musterContext!;
      const principal = ctx.principal;
      // The real run's rejects once it has any; until then the dry run's (the same rows, as the file is the same).
      const kind: 'DRY' | 'REAL' = imp.run_kind === 'REAL' && imp.rejected_count > 0 ? 'REAL' : 'DRY';
      const headers = imp.columns.map((c) => c.header);
      const width = headers.length;
      const dataSource = this.dataSource;
      const imports = this.imports;
      const organisationId = imp.organisation_id;
      // Each page in its own short transaction (the request's own one ends before the body streams).
      async function* lines(): AsyncGenerator<string> {
        yield [...headers, 'row_number', 'reason'].map(csvEscape).join(',') + '\r\n';
        let after = 0;
        for (;;) {
          const page = await withRequestContext(dataSource, `${request.id}:rejects`, () => imports.rejects(organisationId, imp.id, kind, after, REJECT_PAGE),
            { principal, reach: { organisationIds: [organisationId] } });
          if (page.length === 0) return;
          let out = '';
          for (const r of page) {
            const fields = r.fields.slice(0, Math.max(width, r.fields.length));
            while (fields.length < width) fields.push('');
            out += [...fields, String(r.row_number), r.reasons.join(' ')].map(csvEscape).join(',') + '\r\n';
          }
          yield out;
          after = page[page.length - 1].row_number;
        }
      }
      const base = imp.file_name.replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 100) || 'import';
      return reply
        .code(200)
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${base}-rejects.csv"`)
        .send(Readable.from(lines()));
    } catch (error) {
      return this.fail(request, reply, error);
    }
  }
}
