/**
 * GET /exports/members.csv?organisationId=…&segmentId=…&filter=<JSON MemberFilter>&orderBy=<JSON MemberOrder>&bom=1
 * HTTP in and out only: the caller was identified by the auth hook exactly as for /graphql (bearer
 * session token or API key, or the session cookie with its CSRF header); errors leave in the API's one
 * shape `{ data: null, errors: [{ message, extensions: { code, requestId } }] }` with an HTTP status,
 * the CSV as a streamed attachment. Must never: decide access itself (ExportService does).
 */
import { Controller, Get, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { INTERNAL_MESSAGE, mapDomainException } from '../common/api-error.mapper.js';
import type { ApiErrorCode } from '../common/api-error.js';
import { DomainException } from '../common/domain.exception.js';
import { ExportException } from './export.exception.js';
import { ExportService } from './export.service.js';

const STATUS: Partial<Record<ApiErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
};

function single(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}

@Controller('exports')
export class ExportController {
  constructor(private readonly service: ExportService) {}

  @Get('members.csv')
  async members(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const query = (request.query ?? {}) as Record<string, unknown>;
    let result;
    try {
      result = await this.service.exportMembers({
        organisationId: single(query.organisationId),
        filter: single(query.filter),
        segmentId: single(query.segmentId),
        orderBy: single(query.orderBy),
        bom: single(query.bom),
        // Fastify answers HEAD with the GET route: the same checks and headers, no export.
        headOnly: request.method === 'HEAD',
      });
    } catch (error) {
      if (request.musterContext) request.musterContext.failed = true;
      if (error instanceof ExportException) {
        void reply.code(429).header('retry-after', '60').header('content-type', 'application/json; charset=utf-8')
          .send({ data: null, errors: [{ message: error.message, extensions: { code: 'RATE_LIMITED', requestId: request.id, retryAfterSeconds: 60 } }] });
        return;
      }
      if (error instanceof DomainException) {
        const mapped = mapDomainException(error);
        const extensions = { code: mapped.code, requestId: request.id, ...(mapped.fields ? { fields: mapped.fields } : {}) };
        void reply.code(STATUS[mapped.code] ?? 400).header('content-type', 'application/json; charset=utf-8')
          .send({ data: null, errors: [{ message: mapped.message, extensions }] });
        return;
      }
      request.log.error({ err: error, requestId: request.id }, 'unexpected error starting a member export');
      void reply.code(500).header('content-type', 'application/json; charset=utf-8')
        .send({ data: null, errors: [{ message: INTERNAL_MESSAGE, extensions: { code: 'INTERNAL', requestId: request.id } }] });
      return;
    }
    const { fileName, stream, finished } = result;
    // 'finish': every byte was handed to the connection; 'close' without it: the client went away.
    const end = (delivered: boolean) => {
      finished(delivered).catch((error: unknown) => {
        request.log.error({ err: error, requestId: request.id }, 'could not record the end of a member export');
      });
    };
    reply.raw.once('finish', () => end(true));
    reply.raw.once('close', () => end(reply.raw.writableFinished));
    void reply
      .code(200)
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileName}"`)
      .send(stream);
  }
}
