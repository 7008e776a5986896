/**
 * Background jobs on pg-boss 10 (its own schema `pgboss`, created and migrated by pg-boss itself as the
 * connecting owner role on first start). Started with the API unless MUSTER_JOBS=off; the same process runs
 * the workers (dev, tests, and the single-process deployment). Modules register a handler per queue before
 * the application bootstraps; jobs survive a restart because they live in the database.
 * Must never: run a handler's database work as the owner: handlers open their own request contexts
 * (withRequestContext, as muster_app with the job's organisation as reach).
 */
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleDestroy } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { DataSource } from 'typeorm';

export type JobHandler<T> = (data: T, signal: JobSignal) => Promise<void>;

/** What a running handler checks between units of work: the process is stopping, so stop soon. */
export interface JobSignal {
  readonly stopping: boolean;
}

export function jobsEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.MUSTER_JOBS !== 'off';
}

interface Registered {
  queue: string;
  handler: JobHandler<unknown>;
  workerId?: string;
}

@Injectable()
export class JobsService implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private boss: PgBoss | null = null;
  private readonly handlers = new Map<string, Registered>();
  private readonly bootstrapCallbacks: (() => Promise<void>)[] = [];
  private readonly signal = { stopping: false };
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly dataSource: DataSource) {}

  get enabled(): boolean {
    return this.boss !== null;
  }

  /** Registers the handler of a queue (before bootstrap). */
  register<T>(queue: string, handler: JobHandler<T>): void {
    this.handlers.set(queue, { queue, handler: handler as JobHandler<unknown> });
  }

  /** Runs once the workers are up (e.g. resuming work orphaned by a crash). */
  onStarted(fn: () => Promise<void>): void {
    this.bootstrapCallbacks.push(fn);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!jobsEnabled()) return;
    const url = (this.dataSource.options as { url?: string }).url;
    if (!url) throw new Error('jobs: the DataSource has no url');
    const boss = new PgBoss({
      connectionString: url,
      schema: 'pgboss',
      max: Number(process.env.MUSTER_JOBS_POOL_SIZE ?? 3),
      application_name: 'muster-jobs',
      schedule: false,
    });
    boss.on('error', (error: unknown) => this.logger.error(`pg-boss: ${String((error as Error)?.message ?? error)}`));
    await boss.start();
    this.boss = boss;
    for (const entry of this.handlers.values()) {
      await boss.createQueue(entry.queue);
      entry.workerId = await boss.work(entry.queue, { batchSize: 1, pollingIntervalSeconds: 1 }, async (jobs) => {
        for (const job of jobs) await this.track(entry.handler(job.data, this.signal));
      });
    }
    for (const fn of this.bootstrapCallbacks) {
      await fn().catch((error: unknown) => this.logger.error(`jobs: start-up task failed: ${String((error as Error)?.message ?? error)}`));
    }
  }

  private async track(work: Promise<void>): Promise<void> {
    this.running.add(work);
    try {
      await work;
    } finally {
      this.running.delete(work);
    }
  }

  /** Queues a job; with jobs off it is only stored (a process with jobs on picks it up). */
  async send<T extends object>(queue: string, data: T): Promise<void> {
    if (this.boss) {
      await this.boss.send(queue, data, { retryLimit: 3, retryDelay: 5, expireInHours: 12 });
      const workerId = this.handlers.get(queue)?.workerId;
      if (workerId) this.boss.notifyWorker(workerId);
      return;
    }
    // Jobs off in this process: insert through a short-lived pg-boss (no workers, no maintenance).
    const url = (this.dataSource.options as { url?: string }).url;
    const boss = new PgBoss({ connectionString: url, schema: 'pgboss', max: 1, supervise: false, schedule: false });
    await boss.start();
    try {
      await boss.createQueue(queue);
      await boss.send(queue, data, { retryLimit: 3, retryDelay: 5, expireInHours: 12 });
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
  }

  /** Handlers see `stopping` and return at their next checkpoint; then pg-boss stops. */
  async onModuleDestroy(): Promise<void> {
    this.signal.stopping = true;
    const boss = this.boss;
    this.boss = null;
    if (!boss) return;
    for (const entry of this.handlers.values()) if (entry.workerId) await boss.offWork({ id: entry.workerId }).catch(() => undefined);
    await Promise.allSettled([...this.running]);
    await boss.stop({ graceful: false, wait: true, close: true }).catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.onModuleDestroy();
  }
}
