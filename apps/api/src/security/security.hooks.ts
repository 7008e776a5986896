/**
 * The hardened endpoint's Fastify hooks. Owns: security headers, CORS for the apps' origins, and
 * rate limits per principal (session user, API key) or per IP when anonymous, answered with
 * RATE_LIMITED, HTTP 429 and Retry-After. Must never: run before the auth hook has named the
 * principal (registered after it), or limit /health (monitors poll it).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RateLimiter } from './rate-limiter.js';
import type { SecurityConfig } from './security.config.js';

const CORS_HEADERS = 'authorization, content-type, x-csrf-token, x-request-id, apollo-require-preflight';

/** Headers on every response: the API serves JSON only (GraphiQL, when enabled, has its own CSP). */
function securityHeaders(reply: FastifyReply, request: FastifyRequest): void {
  reply.header('x-content-type-options', 'nosniff');
  reply.header('x-frame-options', 'DENY');
  reply.header('referrer-policy', 'no-referrer');
  reply.header('cross-origin-opener-policy', 'same-origin');
  reply.header('x-dns-prefetch-control', 'off');
  reply.header('x-permitted-cross-domain-policies', 'none');
  if (!request.url.startsWith('/graphiql')) {
    reply.header('content-security-policy', "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
  }
  // Answers carry personal data: never cached by browsers or proxies.
  reply.header('cache-control', 'no-store');
  if (request.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
}

/** Registered right after the request-context hook: headers and CORS on every answer. */
export function registerSecurityHeaders(fastify: FastifyInstance, config: SecurityConfig): void {
  const allowed = new Set(config.appOrigins);
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    securityHeaders(reply, request);
    // Refuse an oversized body before reading it (a chunked one is stopped by Fastify's bodyLimit). A route may
    // set its own bodyLimit (POST /imports streams files up to 1 GiB).
    const length = Number(request.headers['content-length']);
    const limit = request.routeOptions?.bodyLimit ?? config.bodyLimit;
    if (Number.isFinite(length) && length > limit) {
      reply.header('connection', 'close');
      return reply.code(413).send({
        data: null,
        errors: [{ message: `The request body is larger than ${limit} bytes.`, extensions: { code: 'BAD_REQUEST', requestId: request.id } }],
      });
    }
    const origin = request.headers.origin;
    reply.header('vary', 'Origin');
    if (typeof origin === 'string' && allowed.has(origin)) {
      reply.header('access-control-allow-origin', origin);
      reply.header('access-control-allow-credentials', 'true');
      reply.header('access-control-expose-headers', 'x-request-id, retry-after');
    }
    if (request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined) {
      if (typeof origin === 'string' && allowed.has(origin)) {
        reply.header('access-control-allow-methods', 'GET, POST, OPTIONS');
        reply.header('access-control-allow-headers', CORS_HEADERS);
        reply.header('access-control-max-age', '600');
        return reply.code(204).send();
      }
      return reply.code(403).send({ errors: [{ message: 'This origin may not call the API.', extensions: { code: 'FORBIDDEN', requestId: request.id } }] });
    }
  });
}

interface PrincipalLike {
  userId?: string | null;
  apiKeyId?: string | null;
}

/** The rate-limit key and rule: the API key, else the session user, else the client IP. */
export function rateKey(principal: PrincipalLike | null | undefined, ip: string, config: SecurityConfig) {
  if (principal?.apiKeyId) return { key: `key:${principal.apiKeyId}`, rule: config.rate.apiKey };
  if (principal?.userId) return { key: `user:${principal.userId}`, rule: config.rate.user };
  return { key: `ip:${ip}`, rule: config.rate.anonymous };
}

/** Registered after the auth hook (preHandler), so the principal is known. */
export function registerRateLimit(fastify: FastifyInstance, config: SecurityConfig, limiter = new RateLimiter()): RateLimiter {
  fastify.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.method === 'OPTIONS' || request.url.startsWith('/health')) return;
    const principal = (request as { musterContext?: { principal?: PrincipalLike | null } }).musterContext?.principal;
    const { key, rule } = rateKey(principal, request.ip, config);
    const decision = limiter.hit(key, rule);
    reply.header('x-ratelimit-limit', String(rule.limit));
    reply.header('x-ratelimit-remaining', String(decision.remaining));
    if (decision.allowed) return;
    request.log.warn({ requestId: request.id, rateKey: key.replace(/:.*/, ':…') }, 'rate limited');
    return reply
      .code(429)
      .header('retry-after', String(decision.retryAfterSeconds))
      .header('content-type', 'application/json; charset=utf-8')
      .send({
        data: null,
        errors: [
          {
            message: `Too many requests. Try again in ${decision.retryAfterSeconds} seconds.`,
            extensions: { code: 'RATE_LIMITED', requestId: request.id, retryAfterSeconds: decision.retryAfterSeconds },
          },
        ],
      });
  });
  return limiter;
}
