/**
 * Mercurius's errorFormatter: every error leaving /graphql passes here and comes out in the one
 * documented shape: { message, path?, locations?, extensions: { code, requestId, fields? } }.
 * HTTP status: 400 when the request itself is rejected before execution (BAD_REQUEST,
 * QUERY_TOO_COMPLEX); 200 otherwise, errors in the body (GraphQL over HTTP, application/json).
 */
import type { ExecutionResult, GraphQLError } from 'graphql';
import { mapError } from './api-error.mapper.js';
import type { RequestContext } from './request-context.js';

interface FormatterContext {
  reply?: {
    request: { id: string; log: { error: (obj: object, msg: string) => void }; musterContext?: RequestContext };
  };
  app?: { log: { error: (obj: object, msg: string) => void } };
}

interface JsonError {
  message: string;
  locations?: readonly { line: number; column: number }[];
  path?: readonly (string | number)[];
  extensions: Record<string, unknown>;
}

function flatten(errors: readonly GraphQLError[]): unknown[] {
  const out: unknown[] = [];
  for (const error of errors) {
    // Mercurius wraps parse/validation/depth errors in one MER_ERR_GQL_VALIDATION carrying `.errors`.
    const inner = (error.originalError as { errors?: unknown } | undefined)?.errors;
    if (Array.isArray(inner) && inner.length > 0) out.push(...inner);
    else out.push(error);
  }
  return out;
}

export function graphqlErrorFormatter(execution: ExecutionResult & { statusCode?: number }, context: unknown) {
  const ctx = context as FormatterContext;
  const request = ctx.reply?.request;
  const requestId = request?.id;
  const log = request?.log ?? ctx.app?.log;
  if (request?.musterContext) request.musterContext.failed = true;

  let rejected = false;
  const errors: JsonError[] = flatten(execution.errors ?? []).map((raw) => {
    const { error, unexpected } = mapError(raw);
    if (unexpected) {
      const cause = (raw as GraphQLError).originalError ?? raw;
      log?.error({ err: cause, requestId }, 'unexpected error while serving GraphQL');
    }
    if (error.code === 'BAD_REQUEST' || error.code === 'QUERY_TOO_COMPLEX') rejected = true;
    const gql = raw as Partial<GraphQLError>;
    const json: JsonError = {
      message: error.message,
      extensions: { code: error.code, requestId, ...(error.fields ? { fields: error.fields } : {}), ...(error.details ? { details: error.details } : {}) },
    };
    if (gql.locations) json.locations = gql.locations;
    if (gql.path) json.path = gql.path;
    return json;
  });

  const hasData = execution.data !== undefined && execution.data !== null;
  return {
    statusCode: rejected && !hasData ? 400 : 200,
    response: { data: hasData ? execution.data : null, errors },
  };
}
