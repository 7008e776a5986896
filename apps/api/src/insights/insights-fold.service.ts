/**
 * Folds the insight deltas (appended by the member triggers) into insight_rollup every few seconds, and takes the
 * daily ISSUE/TOTAL snapshot behind issueChanges. Runs in the process that runs the jobs (MUSTER_JOBS not off);
 * reads stay exact without it (they add pending deltas), folding only keeps them short.
 * Must never: change a count. insight_rollup_fold() moves deltas and their sum in one transaction; it takes an
 * advisory lock, so two processes never fold at once.
 */
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { withRequestContext } from '../common/request-context.js';
import { JobsService } from '../jobs/jobs.service.js';
import { londonToday } from './insights.service.js';

function positiveInt(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

@Injectable()
export class InsightsFoldService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('InsightsFold');
  readonly intervalMs = positiveInt(process.env.MUSTER_INSIGHTS_FOLD_MS, 2000);
  readonly batchRows = positiveInt(process.env.MUSTER_INSIGHTS_FOLD_BATCH, 2000);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private stopping = false;
  private snapshotDay: string | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobsService,
  ) {}

  onModuleInit(): void {
    this.jobs.onStarted(async () => {
      this.timer = setInterval(() => void this.tick(), this.intervalMs);
      this.timer.unref();
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.running || this.stopping) return;
    this.running = this.foldAll()
      .then(() => this.snapshotOncePerDay())
      .catch((error: unknown) => this.logger.error(`fold failed: ${String((error as Error)?.message ?? error)}`))
      .finally(() => { this.running = null; });
  }

  /** Folds until fewer than a batch of deltas were pending; returns the rollup rows written. */
  async foldAll(): Promise<number> {
    let total = 0;
    for (;;) {
      const rows = await withRequestContext(this.dataSource, 'jobs:insights-fold', async (ctx) =>
        ctx.query<{ n: string }>(`SELECT insight_rollup_fold($1) AS n`, [this.batchRows]));
      const n = Number(rows[0].n);
      total += n;
      if (n === 0 || this.stopping) return total;
    }
  }

  async snapshotOncePerDay(now = new Date()): Promise<void> {
    const day = londonToday(now);
    if (this.snapshotDay === day) return;
    await withRequestContext(this.dataSource, 'jobs:insights-snapshot', (ctx) => ctx.query(`SELECT insight_snapshot_take()`));
    this.snapshotDay = day;
  }
}
