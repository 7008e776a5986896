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

export function authHook(dataSource: DataSource, cache: PrincipalCache | null = null) {
  const repo = new AuthRepository(dataSource);
  return async function musterAuth(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const ctx = request.musterContext;
    // Only the GraphQL endpoint and the import routes have callers to identify; /health must answer whatever
    // cookies come with it.
    if (!ctx || !(request.url.startsWith('/graphql') || request.url.startsWith('/imports'))) return;
    const userAgent = request.headers['user-agent'];
    setRequestMeta(ctx, { ip: request.ip ?? null, userAgent: typeof userAgent === 'string' ? userAgent : null, secure: request.protocol === 'https' });
    const resolution = await resolvePrincipal(repo, request.headers, Date.now(), cache);
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
