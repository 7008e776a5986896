/**
 * The request-scoped database context. Owns: one lazily opened QueryRunner per request, inside one
 * transaction, committed when the request ends and rolled back on error, always released; who is
 * calling (`principal`, `reach`, filled by the auth hook) and the row-level-security settings that
 * follow from it: the transaction runs as the non-owner role `muster_app` with
 * `muster.organisation_ids` / `muster.user_id` set LOCAL (docs/security.md, "Row-level security").
 * Must never: hand out the global DataSource's manager to repositories; run a request's queries as
 * the table owner (only the CLI's `withOwnerContext` does, and only outside HTTP).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { Principal, Reach } from './principal.js';

export type { Principal, Reach };

/** The database role every request's transaction runs as (created by the RLS migration). */
export const APP_DATABASE_ROLE = 'muster_app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Benchmark switch: `MUSTER_BENCH_BYPASS_RLS=1` skips `SET LOCAL ROLE` so the owner runs the
 * request (RLS not applied) — the "RLS off" side of bench/members-page. Ignored when
 * NODE_ENV=production.
 */
export function rlsBypassedForBenchmark(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV !== 'production' && env.MUSTER_BENCH_BYPASS_RLS === '1';
}

/**
 * The one statement that makes a transaction the request's: RLS settings and role, all LOCAL
 * (set_config(..., true) is SET LOCAL; set_config('role', ...) is SET LOCAL ROLE). Values are
 * inlined as literals so the statement can ride in the same round trip as START TRANSACTION (simple
 * protocol, no parameters); only well-formed uuids and a plain role name ever reach the text.
 */
export function rlsSettingsSql(reach: Reach, principal: Pick<Principal, 'userId'> | null, asRole: string | null): string {
  const ids = reach.organisationIds.filter((id) => UUID.test(id)).map((id) => id.toLowerCase());
  const userId = principal?.userId && UUID.test(principal.userId) ? principal.userId.toLowerCase() : '';
  const role = asRole !== null && /^[a-z_]+$/.test(asRole) ? asRole : null;
  return (
    `SELECT set_config('muster.organisation_ids', '${ids.join(',')}', true), set_config('muster.user_id', '${userId}', true)` +
    (role ? `, set_config('role', '${role}', true)` : '')
  );
}

export interface RequestContextOptions {
  /** Run as the connecting (owner) role, without RLS: CLI commands only, never HTTP. */
  asOwner?: boolean;
}

export class RequestContext {
  /** Set when any error is reported for this request; the transaction then rolls back. */
  failed = false;
  private runner: QueryRunner | undefined;
  private opening: Promise<QueryRunner> | undefined;
  private finished = false;
  /** Queries on one pg client must not overlap; GraphQL resolves sibling fields concurrently. */
  private tail: Promise<unknown> = Promise.resolve();
  private _principal: Principal | null = null;
  private _reach: Reach = { organisationIds: [] };
  /** The settings changed after the transaction opened: re-applied before the next query. */
  private settingsStale = false;
  private readonly asOwner: boolean;
  private readonly committedCallbacks: (() => void)[] = [];

  constructor(
    readonly requestId: string,
    readonly dataSource: DataSource,
    options: RequestContextOptions = {},
  ) {
    this.asOwner = options.asOwner === true;
  }

  get principal(): Principal | null {
    return this._principal;
  }

  /** No principal → an empty reach: RLS then shows no tenant rows at all. */
  get reach(): Reach {
    return this._reach;
  }

  set principal(principal: Principal | null) {
    this._principal = principal;
    this.settingsStale = this.opening !== undefined;
  }

  set reach(reach: Reach) {
    this._reach = { organisationIds: [...reach.organisationIds] };
    this.settingsStale = this.opening !== undefined;
  }

  /** Sets both at once (the auth hook's call). Safe before or after the transaction opened. */
  authenticate(principal: Principal | null, reach: Reach): void {
    this.principal = principal;
    this.reach = reach;
  }

  /** The request's EntityManager; the first call opens the connection and the transaction. */
  async manager(): Promise<EntityManager> {
    const runner = await this.queryRunner();
    if (this.settingsStale) await this.serialised(() => this.applySettings(runner));
    return runner.manager;
  }

  /** Raw SQL through the request's transaction (the hot paths use this: no entity hydration). */
  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    const runner = await this.queryRunner();
    return this.serialised(async () => {
      if (this.settingsStale) await this.applySettings(runner);
      return runner.query(sql, params) as Promise<T[]>;
    });
  }

  /** Runs `fn` once this request's transaction has committed (never on rollback). */
  afterCommit(fn: () => void): void {
    this.committedCallbacks.push(fn);
  }

  get isOpen(): boolean {
    return this.opening !== undefined;
  }

  private serialised<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.tail.then(fn, fn);
    this.tail = run.catch(() => undefined);
    return run;
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
    if (this.asOwner) {
      await runner.startTransaction();
      return runner;
    }
    // One round trip: TypeORM's START TRANSACTION carries the settings statement with it, so
    // TypeORM still tracks the transaction (commit/rollback) as its own.
    this.settingsStale = false;
    const settings = rlsSettingsSql(this._reach, this._principal, rlsBypassedForBenchmark() ? null : APP_DATABASE_ROLE);
    type Query = (sql: string, params?: unknown[], structured?: boolean) => Promise<unknown>;
    const query = runner.query.bind(runner) as Query;
    const withSettings: Query = (sql, params, structured) => query(sql === 'START TRANSACTION' ? `START TRANSACTION; ${settings}` : sql, params, structured);
    runner.query = withSettings as QueryRunner['query'];
    try {
      await runner.startTransaction();
    } finally {
      delete (runner as { query?: unknown }).query; // back to the prototype's method
    }
    return runner;
  }

  private async applySettings(runner: QueryRunner): Promise<void> {
    this.settingsStale = false;
    if (this.asOwner) return;
    // The role is already set for the transaction; a later change only moves the settings.
    await runner.query(rlsSettingsSql(this._reach, this._principal, null));
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
      // Let queued queries settle before ending the transaction.
      await this.tail;
      if (runner.isTransactionActive) {
        if (commit && !this.failed) {
          await runner.commitTransaction();
          for (const fn of this.committedCallbacks.splice(0)) fn();
        } else await runner.rollbackTransaction();
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

export interface WithRequestContextOptions {
  principal?: Principal | null;
  /** Defaults to no organisations: tenant tables then read empty under RLS. */
  reach?: Reach;
}

/**
 * Runs `fn` in its own request context outside HTTP (jobs, tests), under RLS exactly like a
 * request: committed if `fn` resolves, rolled back if it throws.
 */
export async function withRequestContext<T>(
  dataSource: DataSource,
  requestId: string,
  fn: (ctx: RequestContext) => Promise<T>,
  options: WithRequestContextOptions = {},
): Promise<T> {
  const ctx = new RequestContext(requestId, dataSource);
  ctx.authenticate(options.principal ?? null, options.reach ?? { organisationIds: [] });
  return runIn(ctx, fn);
}

/** CLI commands (migrate, seed) only: the connecting owner role, no RLS. Never from HTTP. */
export async function withOwnerContext<T>(dataSource: DataSource, requestId: string, fn: (ctx: RequestContext) => Promise<T>): Promise<T> {
  return runIn(new RequestContext(requestId, dataSource, { asOwner: true }), fn);
}

async function runIn<T>(ctx: RequestContext, fn: (ctx: RequestContext) => Promise<T>): Promise<T> {
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
