// Turns whatever a GraphQL client threw into the API's one error shape, so ErrorState can always show a code and a
// request id. Duck-typed on purpose: this package must not depend on Apollo, and both Apollo 4's
// CombinedGraphQLErrors (`errors`) and older shapes (`graphQLErrors`) appear in the wild.

export interface FieldProblem {
  path: string;
  message: string;
}

export interface ApiProblem {
  message: string;
  code: string;
  requestId?: string;
  fields: FieldProblem[];
  /** For RATE_LIMITED: how long to wait before trying again (extensions.retryAfterSeconds). */
  retryAfterSeconds?: number;
}

interface GraphQLErrorLike {
  message?: unknown;
  extensions?: { code?: unknown; requestId?: unknown; fields?: unknown; retryAfterSeconds?: unknown } | null;
}

function graphQLErrorsOf(error: Record<string, unknown>): GraphQLErrorLike[] | undefined {
  for (const key of ['errors', 'graphQLErrors']) {
    const list = error[key];
    if (Array.isArray(list) && list.length > 0) return list as GraphQLErrorLike[];
  }
  // A ServerError (non-2xx) may still carry a GraphQL body in `result`.
  const result = error.result as { errors?: unknown } | undefined;
  if (result && Array.isArray(result.errors) && result.errors.length > 0) return result.errors as GraphQLErrorLike[];
  // Apollo 4's ServerError keeps the raw body: a 401 or 429 answer still says which error it was.
  if (typeof error.bodyText === 'string') {
    try {
      const body = JSON.parse(error.bodyText) as { errors?: unknown };
      if (Array.isArray(body.errors) && body.errors.length > 0) return body.errors as GraphQLErrorLike[];
    } catch {
      // not JSON: fall through to the status code
    }
  }
  return undefined;
}

function fieldsOf(raw: unknown): FieldProblem[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .filter((f): f is { path: unknown; message: unknown } => typeof f === 'object' && f !== null)
    .map((f) => ({ path: String(f.path ?? ''), message: String(f.message ?? 'Invalid value') }));
}

export function toApiProblem(error: unknown): ApiProblem {
  if (error && typeof error === 'object') {
    const record = error as Record<string, unknown>;
    const list = graphQLErrorsOf(record);
    if (list) {
      const first = list[0];
      const ext = first.extensions ?? {};
      return {
        message: typeof first.message === 'string' && first.message ? first.message : 'Something went wrong.',
        code: typeof ext.code === 'string' ? ext.code : 'UNKNOWN',
        requestId: typeof ext.requestId === 'string' ? ext.requestId : undefined,
        fields: list.flatMap((e) => fieldsOf(e.extensions?.fields)),
        retryAfterSeconds: typeof ext.retryAfterSeconds === 'number' ? ext.retryAfterSeconds : undefined,
      };
    }
    const status = record.statusCode;
    if (typeof status === 'number') {
      return { message: `The server answered with HTTP ${status}.`, code: `HTTP_${status}`, fields: [] };
    }
    if (record.name === 'TypeError' || /fetch|network/i.test(String(record.message ?? ''))) {
      return { message: 'Could not reach the server. Check your connection and try again.', code: 'NETWORK_ERROR', fields: [] };
    }
    if (typeof record.message === 'string') return { message: record.message, code: 'UNKNOWN', fields: [] };
  }
  return { message: 'Something went wrong.', code: 'UNKNOWN', fields: [] };
}
