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

/** The one statement that makes a transaction the request's: role and RLS settings, LOCAL. */
export function rlsSettingsStatement(
  reach: Reach | typeof ALL_ORGANISATIONS_STAND_IN,
  principal: Pick<Principal, 'userId'> | null,
  asRole: string | null,
): { sql: string; params: unknown[] } {
  const userId = principal?.userId && UUID.test(principal.userId) ? principal.userId.toLowerCase() : '';
  // set_config(..., true) is SET LOCAL; 'role' through set_config is SET LOCAL ROLE (one round trip).
  // The stand-in's subquery runs as the owner: the role switch is the last expression evaluated.
  const organisations =
    reach === ALL_ORGANISATIONS_STAND_IN ? `(SELECT coalesce(string_agg(id::text, ','), '') FROM organisation)` : '$1::text';
  const ids = reach === ALL_ORGANISATIONS_STAND_IN ? [] : reach.organisationIds.filter((id) => UUID.test(id)).map((id) => id.toLowerCase());
  const params: unknown[] = reach === ALL_ORGANISATIONS_STAND_IN ? [] : [ids.join(',')];
  params.push(userId);
  const userParam = `$${params.length}::text`;
  let sql = `SELECT set_config('muster.organisation_ids', ${organisations}, true), set_config('muster.user_id', ${userParam}, true)`;
  if (asRole) {
    params.push(asRole);
    sql += `, set_config('role', $${params.length}::text, true)`;
  }
  return { sql, params };
}

/**
 * Development stand-in until the auth hook fills `reach`: a request without `x-organisation-id`
 * reaches every organisation. Removed with the stand-in header.
 */
export const ALL_ORGANISATIONS_STAND_IN = Symbol('all organisations (development stand-in)');

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
  private reachAll = false;
  /** The settings changed after the transaction opened: re-applied before the next query. */
  private settingsStale = false;
  private readonly asOwner: boolean;

  constructor(
    readonly requestId: string,
    private readonly dataSource: DataSource,
    /**
     * The one organisation this request acts for, or null for agency-wide. Until authentication
     * lands it comes from the development-only `x-organisation-id` header.
     */
    readonly scopeOrganisationId: string | null = null,
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
    this.reachAll = false;
    this.settingsStale = this.opening !== undefined;
  }

  /** The development stand-in (no `x-organisation-id`): every organisation, looked up when the transaction opens. */
  reachAllOrganisationsStandIn(): void {
    this.reachAll = true;
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
    if (this.settingsStale) await this.serialised(() => this.applySettings(runner, false));
    return runner.manager;
  }

  /** Raw SQL through the request's transaction (the hot paths use this: no entity hydration). */
  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    const runner = await this.queryRunner();
    return this.serialised(async () => {
      if (this.settingsStale) await this.applySettings(runner, false);
      return runner.query(sql, params) as Promise<T[]>;
    });
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
    await runner.startTransaction();
    if (!this.asOwner) await this.applySettings(runner, true);
    return runner;
  }

  private async applySettings(runner: QueryRunner, first: boolean): Promise<void> {
    this.settingsStale = false;
    if (this.asOwner) return;
    // The role is set once; later changes (the auth hook ran after a lookup) only move the settings.
    const role = first && !rlsBypassedForBenchmark() ? APP_DATABASE_ROLE : null;
    const { sql, params } = rlsSettingsStatement(this.reachAll ? ALL_ORGANISATIONS_STAND_IN : this._reach, this._principal, role);
    await runner.query(sql, params);
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
  return runIn(new RequestContext(requestId, dataSource, null, { asOwner: true }), fn);
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
