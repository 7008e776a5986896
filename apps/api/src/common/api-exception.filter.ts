/**
 * Replaces Nest's default exception logging: GraphQL errors are rethrown untouched so that
 * graphqlErrorFormatter (the one place) maps and logs them; HTTP routes (e.g. /health) get the
 * same { errors: [{ message, extensions: { code, requestId } }] } shape.
 */
import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { GqlContextType } from '@nestjs/graphql';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { INTERNAL_MESSAGE } from './api-error.mapper.js';

@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType<GqlContextType>() === 'graphql') throw exception;
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    if (request.musterContext) request.musterContext.failed = true;
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      void reply.code(exception.getStatus()).send({
        errors: [{ message: exception.message, extensions: { code: exception.getStatus() === 404 ? 'NOT_FOUND' : 'BAD_REQUEST', requestId: request.id } }],
      });
      return;
    }
    request.log.error({ err: exception, requestId: request.id }, 'unexpected error');
    void reply.code(500).send({ errors: [{ message: INTERNAL_MESSAGE, extensions: { code: 'INTERNAL', requestId: request.id } }] });
  }
}
