/**
 * Builds the API in-process: used by main.ts, the integration tests and the benchmark.
 * Owns the Fastify instance, JSON logging with a request id, and the request-scoped database
 * context hooks (opened lazily by repositories, committed or rolled back before the reply is sent).
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { Writable } from 'node:stream';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import type { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import { authHook } from './auth/auth.hook.js';
import { listenForAuthChanges, principalCacheFor } from './auth/principal-cache.js';
import { INTERNAL_MESSAGE } from './common/api-error.mapper.js';
import { PinoNestLogger } from './common/pino-nest.logger.js';
import { RequestContext, requestContextStorage } from './common/request-context.js';
import { createDataSource, requireDatabaseUrl } from './database/data-source.js';
import { securityConfig } from './security/security.config.js';
import { registerRateLimit, registerSecurityHeaders } from './security/security.hooks.js';

export interface CreateAppOptions {
  /** Defaults to DATABASE_URL. */
  databaseUrl?: string;
  /** An initialised DataSource to use instead (it is not destroyed by app.close()). */
  dataSource?: DataSource;
  /** pino level; defaults to LOG_LEVEL or 'info'. */
  logLevel?: string;
  /** Where JSON log lines go; defaults to stdout. */
  logStream?: Writable;
}

declare module 'fastify' {
  interface FastifyRequest {
    musterContext?: RequestContext;
  }
}

/** The DataSource's own connection string (the listener must reach the same database). */
function connectionStringOf(ds: DataSource): string {
  const url = (ds.options as { url?: string }).url;
  if (!url) throw new Error('The DataSource has no url: the principal cache listener needs one');
  return url;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export async function createApp(options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  let dataSource = options.dataSource;
  const ownsDataSource = !dataSource;
  if (!dataSource) {
    dataSource = createDataSource({ url: options.databaseUrl ?? requireDatabaseUrl() });
    await dataSource.initialize();
  }
  const ds = dataSource;

  const security = securityConfig();
  const adapter = new FastifyAdapter({
    bodyLimit: security.bodyLimit,
    logger: {
      level: options.logLevel ?? process.env.LOG_LEVEL ?? 'info',
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    // Honour a caller's id (a proxy's or another service's) when it looks like one; else make one.
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
  });
  const fastify = adapter.getInstance();

  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    reply.header('x-request-id', request.id);
    done();
  });
  registerSecurityHeaders(fastify, security);
  // preHandler runs after the body is parsed, so the context survives into the handler.
  fastify.addHook('preHandler', (request: FastifyRequest, _reply: FastifyReply, done: () => void) => {
    const ctx = new RequestContext(request.id, ds);
    request.musterContext = ctx;
    requestContextStorage.run(ctx, done);
  });
  // Then who is calling: principal and reach from the bearer token or the session cookie (+ CSRF).
  // Resolved principals are cached per process while a LISTEN connection hears every change (principal-cache.ts).
  const principals = principalCacheFor(ds);
  const listener = principals.ttlMs > 0
    ? listenForAuthChanges(connectionStringOf(ds), principals, (msg, err) => fastify.log.warn({ err }, msg))
    : null;
  fastify.addHook('onClose', async () => { await listener?.close(); });
  fastify.addHook('preHandler', authHook(ds, principals));
  // After the principal is known: limits per session user, per API key, per IP when anonymous.
  registerRateLimit(fastify, security);
  fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const ctx = request.musterContext;
    if (!ctx || !ctx.isOpen) return payload;
    try {
      await ctx.finish(reply.statusCode < 400);
      return payload;
    } catch (error) {
      request.log.error({ err: error, requestId: request.id }, 'could not finish the request transaction');
      reply.code(500).header('content-type', 'application/json; charset=utf-8');
      return JSON.stringify({ data: null, errors: [{ message: INTERNAL_MESSAGE, extensions: { code: 'INTERNAL', requestId: request.id } }] });
    }
  });
  // Whatever happened (aborted request, error before onSend), the connection goes back to the pool.
  fastify.addHook('onResponse', async (request: FastifyRequest) => {
    await request.musterContext?.finish(false).catch(() => undefined);
  });
  fastify.addHook('onRequestAbort', async (request: FastifyRequest) => {
    await request.musterContext?.finish(false).catch(() => undefined);
  });

  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(ds), adapter, {
    logger: new PinoNestLogger(fastify.log),
    abortOnError: false,
  });
  if (ownsDataSource) {
    fastify.addHook('onClose', async () => {
      if (ds.isInitialized) await ds.destroy();
    });
  }
  await app.init();
  return app;
}
