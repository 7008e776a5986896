/**
 * The request-scoped database context. Owns: one lazily opened QueryRunner per request, inside one
 * transaction, committed when the request ends and rolled back on error, always released.
 * The next issue sets row-level-security variables (SET LOCAL) in `open()`; modules never see it.
 * Must never: hand out the global DataSource's manager to repositories.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { Principal, Reach } from './principal.js';

export type { Principal, Reach };

export class RequestContext {
  /** Set when any error is reported for this request; the transaction then rolls back. */
  failed = false;
  /** Who is calling (null: nobody signed in). Set by the auth hook before any resolver runs. */
  principal: Principal | null = null;
  /** The organisations this request may touch (empty without a principal). Set with `principal`. */
  reach: Reach = { organisationIds: [] };
  private runner: QueryRunner | undefined;
  private opening: Promise<QueryRunner> | undefined;
  private finished = false;
  /** Queries on one pg client must not overlap; GraphQL resolves sibling fields concurrently. */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    readonly requestId: string,
    private readonly dataSource: DataSource,
    /**
     * The one organisation this request acts for, or null for agency-wide. Until authentication
     * lands (next issue) it comes from the development-only `x-organisation-id` header.
     */
    readonly scopeOrganisationId: string | null = null,
  ) {}

  /** The request's EntityManager; the first call opens the connection and the transaction. */
  async manager(): Promise<EntityManager> {
    return (await this.queryRunner()).manager;
  }

  /** Raw SQL through the request's transaction (the hot paths use this: no entity hydration). */
  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    const runner = await this.queryRunner();
    const run = this.tail.then(
      () => runner.query(sql, params) as Promise<T[]>,
      () => runner.query(sql, params) as Promise<T[]>,
    );
    this.tail = run.catch(() => undefined);
    return run;
  }

  get isOpen(): boolean {
    return this.opening !== undefined;
  }

  private queryRunner(): Promise<QueryRunner> {
    if (this.finished) return Promise.reject(new Error('request context already finished'));
    this.opening ??= this.open();
    return this.opening;
  }

  private async open(): Promise<QueryRunner> {
    const runner = this.dataSource.createQueryRunner();
    this.runner = runner;
    await runner.connect();
    await runner.startTransaction();
    return runner;
  }

  /** Commit (or roll back) and release. Safe to call more than once; only the first call acts. */
  async finish(commit: boolean): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    const opening = this.opening;
    if (!opening) return;
    let runner: QueryRunner;
    try {
      runner = await opening;
    } catch {
      // Opening failed (e.g. the database is down): release whatever was acquired.
      if (this.runner && !this.runner.isReleased) await this.runner.release().catch(() => undefined);
      return;
    }
    try {
      if (runner.isTransactionActive) {
        if (commit && !this.failed) await runner.commitTransaction();
        else await runner.rollbackTransaction();
      }
    } finally {
      await runner.release();
    }
  }
}

const storage = new AsyncLocalStorage<RequestContext>();

export const requestContextStorage = {
  current(): RequestContext | undefined {
    return storage.getStore();
  },
  /** Enters `ctx` for the rest of the synchronous call and everything it schedules. */
  run<T>(ctx: RequestContext, fn: () => T): T {
    return storage.run(ctx, fn);
  },
};

/**
 * Runs `fn` in its own request context outside HTTP (CLI, tests): committed if `fn` resolves,
 * rolled back if it throws.
 */
export async function withRequestContext<T>(
  dataSource: DataSource,
  requestId: string,
  fn: (ctx: RequestContext) => Promise<T>,
): Promise<T> {
  const ctx = new RequestContext(requestId, dataSource);
  try {
    const result = await storage.run(ctx, () => fn(ctx));
    await ctx.finish(true);
    return result;
  } catch (error) {
    ctx.failed = true;
    await ctx.finish(false);
    throw error;
  }
}
