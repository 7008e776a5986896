/**
 * The Fastify preHandler that fills RequestContext.principal and .reach for every request (after
 * the request context exists, before any resolver). A cookie request failing the CSRF check is
 * answered here with CSRF_FAILED (403) and goes no further.
 * Must never: let a request through with a principal it did not prove.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DataSource } from 'typeorm';
import { setRequestMeta } from '../audit/audit.meta.js';
import { AuthRepository } from './auth.repository.js';
import { resolvePrincipal } from './auth.principal.js';
import type { PrincipalCache } from './principal-cache.js';

/** Paths whose callers are identified (and cookie callers CSRF-checked) exactly like /graphql. */
export const AUTHENTICATED_PATHS = ['/graphql', '/imports', '/exports/'];

export function authHook(dataSource: DataSource, cache: PrincipalCache | null = null) {
  const repo = new AuthRepository(dataSource);
  return async function musterAuth(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const ctx = request.musterContext;
    // Only the GraphQL endpoint and the CSV routes next to it have callers to identify; /health must answer
    // whatever cookies come with it.
    if (!ctx || !AUTHENTICATED_PATHS.some((prefix) => request.url.startsWith(prefix))) return;
    const userAgent = request.headers['user-agent'];
    setRequestMeta(ctx, { ip: request.ip ?? null, userAgent: typeof userAgent === 'string' ? userAgent : null, secure: request.protocol === 'https' });
    // A cookie caller proves it is our page with the CSRF header, except for a plain GET/HEAD of a download
    // (/exports/…, /imports/<id>/rejects.csv): a link the browser follows cannot carry a header, the request changes
    // nothing, and another site cannot read the answer. GraphQL always needs it (a query can be sent by GET).
    const download = (request.method === 'GET' || request.method === 'HEAD') && !request.url.startsWith('/graphql');
    const resolution = await resolvePrincipal(repo, request.headers, Date.now(), cache, { csrf: !download });
    if (!resolution.ok) {
      await reply.code(403).header('content-type', 'application/json; charset=utf-8').send({
        data: null,
        errors: [{ message: 'The CSRF token is missing or does not match. Reload the page and try again.', extensions: { code: 'CSRF_FAILED', requestId: request.id } }],
      });
      return reply;
    }
    const principal = resolution.principal;
    ctx.principal = principal;
    ctx.reach = { organisationIds: principal ? [...principal.rolesByOrganisation.keys()] : [] };
  };
}
