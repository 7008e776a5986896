/**
 * The import job (pg-boss queue `member-import`): streams the stored file back chunk by chunk, parses and
 * normalises it (@muster/domain), and processes ~5,000 rows at a time, each batch in its own transaction
 * (withRequestContext: muster_app, the import's organisation in reach) that also commits the checkpoint. A
 * killed worker loses at most its open batches; the next worker (after the lease, or at once after a clean
 * stop) skips the rows already done. Up to MUSTER_IMPORT_CONCURRENCY (2) batches are in flight at once, each on its
 * own connection, while the next is parsed; they commit strictly in file order (a batch waits for the one before
 * it to commit before its checkpoint), and a batch that shares a match key or a matched member with an earlier
 * batch still in flight waits for that batch to commit first, so no one is created twice and no update is lost.
 * Must never: hold the file, or more than `concurrency + 1` batches, in memory; write members in a dry run.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import {
  CsvParser, createDecoder, isBlankRecord, matchKeys, normaliseImportRow,
  type CsvDelimiter, type CsvEncoding, type CsvRecord, type ImportField, type MatchKey,
} from '@muster/domain';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { withRequestContext } from '../common/request-context.js';
import { DUPLICATE_REFRESH_QUEUE, type DuplicateRefreshJobData } from '../dedupe/dedupe.refresh-job.js';
import { JobsService, type JobSignal } from '../jobs/jobs.service.js';
import { ImportBatchRepository } from './import.batch.js';
import { applyRow, emptyState, groupRows, nameKey, summariseRow, type MemberState, type PlannedRow } from './import.plan.js';
import { ImportRepository, type ImportSample, type MemberImportRow } from './import.repository.js';
import { KeyHashSet } from './key-hash-set.js';

export const IMPORT_QUEUE = 'member-import';

export interface ImportJobData {
  organisationId: string;
  importId: string;
}

interface Pending {
  rows: PlannedRow[];
  rejects: { rowNumber: number; fields: string[]; reasons: string[] }[];
  rowsDone: number;
  bytesDone: number;
}

type Halt = 'DONE' | 'HALTED' | 'STOPPING';

/** One batch in flight: what later batches need to know to stay out of its way. */
interface InFlight {
  /** Every match key of the batch's rows. */
  keys: ReadonlySet<string>;
  /** The existing members it matched (filled once its match query answered). */
  memberIds: Set<string>;
  /** Settles once memberIds is known (or the batch ended without matching). */
  matched: Promise<void>;
  /** True once committed; false if halted (cancelled, lease lost, or an earlier batch halted); rejects on error. */
  done: Promise<boolean>;
}

function overlaps(a: ReadonlySet<string>, b: Iterable<string>): boolean {
  for (const x of b) if (a.has(x)) return true;
  return false;
}

class HaltError extends Error {}

const SAMPLES_PER_OUTCOME = 5;
/** MUSTER_IMPORT_DEBUG=1 logs where each batch's time goes. */
const DEBUG = process.env.MUSTER_IMPORT_DEBUG === '1';

type Tick = ((label: string) => void) & { report(): string };

function timer(): Tick {
  let last = performance.now();
  const parts: string[] = [];
  const tick = ((label: string) => {
    const now = performance.now();
    parts.push(`${label} ${(now - last).toFixed(0)}ms`);
    last = now;
  }) as Tick;
  tick.report = () => parts.join(', ');
  return tick;
}

function positiveInt(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

@Injectable()
export class ImportRunner implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Import');
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  readonly leaseSeconds = positiveInt(process.env.MUSTER_IMPORT_LEASE_SECONDS, 30);
  readonly batchSize = positiveInt(process.env.MUSTER_IMPORT_BATCH_SIZE, 5000);
  readonly concurrency = positiveInt(process.env.MUSTER_IMPORT_CONCURRENCY, 2);
  private sweep: NodeJS.Timeout | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly imports: ImportRepository,
    private readonly batches: ImportBatchRepository,
    private readonly jobs: JobsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register<ImportJobData>(IMPORT_QUEUE, (data, signal) => this.run(data.organisationId, data.importId, signal));
    this.jobs.onStarted(async () => {
      await this.resumeStale(0);
      this.sweep = setInterval(() => void this.resumeStale(this.leaseSeconds).catch(() => undefined), this.leaseSeconds * 1000);
      this.sweep.unref();
    });
  }

  onModuleDestroy(): void {
    if (this.sweep) clearInterval(this.sweep);
  }

  /**
   * Queues a job for every import whose worker stopped beating for `leaseSeconds` (0 at start-up: imports a
   * stopped process released). Extra jobs are harmless: only the lease holder works on an import.
   */
  async resumeStale(leaseSeconds = this.leaseSeconds): Promise<number> {
    const stale = await withRequestContext(this.dataSource, 'jobs:import-sweep', () => this.imports.stale(leaseSeconds));
    for (const s of stale) await this.jobs.send<ImportJobData>(IMPORT_QUEUE, { organisationId: s.organisation_id, importId: s.id });
    return stale.length;
  }

  private inOrganisation<T>(organisationId: string, importId: string, fn: () => Promise<T>): Promise<T> {
    return withRequestContext(this.dataSource, `import:${importId}`, fn, { reach: { organisationIds: [organisationId] } });
  }

  /** The job handler. */
  async run(organisationId: string, importId: string, signal: JobSignal = { stopping: false }): Promise<void> {
    const claimed = await this.inOrganisation(organisationId, importId, () => this.imports.claim(organisationId, importId, this.owner, this.leaseSeconds));
    if (!claimed) return;
    if (claimed.status === 'CANCELLING') {
      await this.inOrganisation(organisationId, importId, () => this.imports.stopRun(organisationId, importId, this.owner, 'CANCELLED'));
      return;
    }
    const kind: 'DRY' | 'REAL' = claimed.status === 'DRY_RUN_QUEUED' || claimed.status === 'DRY_RUN_RUNNING' ? 'DRY' : 'REAL';
    const resume = claimed.status === 'RUNNING';
    if (!resume) await this.inOrganisation(organisationId, importId, () => this.imports.beginRun(organisationId, importId, kind));
    // The lease is renewed on its own clock too, so a slow batch (a loaded server) does not hand the import to a
    // second worker; only a dead process stops renewing it.
    const beat = setInterval(() => {
      void this.inOrganisation(organisationId, importId, () => this.imports.heartbeat(organisationId, importId, this.owner)).catch(() => undefined);
    }, Math.max(500, (this.leaseSeconds * 1000) / 3));
    beat.unref();
    try {
      const halt = await this.process(claimed, kind, resume, signal);
      if (halt === 'DONE') {
        const finished = await this.inOrganisation(organisationId, importId, () => this.imports.finishRun(organisationId, importId, this.owner, kind));
        // New members may be duplicates of old ones: the review queue is recomputed in the background.
        if (kind === 'REAL' && finished === 'COMPLETED') {
          await this.jobs.send<DuplicateRefreshJobData>(DUPLICATE_REFRESH_QUEUE, { organisationId }).catch((error: unknown) => {
            this.logger.warn(`could not queue the duplicate refresh after import ${importId}: ${String((error as Error)?.message ?? error)}`);
          });
        }
      } else if (halt === 'STOPPING') {
        await this.inOrganisation(organisationId, importId, () => this.imports.releaseLease(organisationId, importId, this.owner));
      } else {
        const status = await this.inOrganisation(organisationId, importId, () => this.imports.status(organisationId, importId));
        if (status === 'CANCELLING') await this.inOrganisation(organisationId, importId, () => this.imports.stopRun(organisationId, importId, this.owner, 'CANCELLED'));
      }
    } catch (error) {
      this.logger.error(`import ${importId} failed: ${(error as Error)?.stack ?? String(error)}`);
      const message = error instanceof Error ? error.message : String(error);
      await this.inOrganisation(organisationId, importId, () => this.imports.stopRun(organisationId, importId, this.owner, { failed: `The import stopped: ${message}` }));
    } finally {
      clearInterval(beat);
      this.nextAnalyze.delete(importId);
    }
  }

  private async process(imp: MemberImportRow, kind: 'DRY' | 'REAL', resume: boolean, signal: JobSignal): Promise<Halt> {
    const organisationId = imp.organisation_id;
    const importId = imp.id;
    const mapping = imp.columns.map((c) => c.field as ImportField);
    const order = imp.match_order as MatchKey[];
    const keep = new Set(imp.keep_existing as ImportField[]);
    const skip = resume ? imp.rows_done : 0;
    const samples: ImportSample[] = resume ? [...imp.run_samples] : [];
    const seen = kind === 'DRY' ? new KeyHashSet() : null;
    const status = kind === 'DRY' ? 'DRY_RUN_RUNNING' : 'RUNNING';

    const decoder = createDecoder(imp.encoding as CsvEncoding);
    const parser = new CsvParser(imp.delimiter as CsvDelimiter);
    let headerPending = imp.has_header;
    let index = 0;
    let bytes = 0;
    let current = this.emptyPending();
    const inflight: InFlight[] = [];
    let halted: Halt | null = null;
    // Wall time between checkpoints (parsing overlaps the database work): what rows/s is computed from.
    const clock = { last: performance.now() };

    const settleOldest = async (): Promise<void> => {
      const oldest = inflight.shift()!;
      if (!(await oldest.done) && !halted) halted = 'HALTED';
    };
    const flush = async (): Promise<void> => {
      while (inflight.length >= this.concurrency && !halted) await settleOldest();
      if (halted) return;
      if (signal.stopping) {
        halted = 'STOPPING';
        return;
      }
      if (current.rows.length === 0 && current.rejects.length === 0) return;
      const pending = current;
      pending.rowsDone = index;
      pending.bytesDone = bytes;
      current = this.emptyPending();
      inflight.push(this.startBatch(imp, kind, status, pending, keep, seen, samples, clock, [...inflight]));
    };

    const take = async (records: CsvRecord[]): Promise<void> => {
      for (const record of records) {
        if (isBlankRecord(record)) continue;
        if (headerPending) {
          headerPending = false;
          continue;
        }
        index++;
        if (index <= skip) continue;
        const result = normaliseImportRow(record.fields, mapping);
        if (!result.ok) {
          current.rejects.push({ rowNumber: record.line, fields: record.fields, reasons: result.reasons });
        } else {
          let keys = matchKeys(result.values, order);
          if (keys.length === 0) {
            const fallback = nameKey(result.values);
            keys = fallback ? [fallback] : [];
          }
          current.rows.push({ rowNumber: record.line, values: result.values, warnings: result.warnings, keys });
        }
        if (current.rows.length + current.rejects.length >= this.batchSize) {
          await flush();
          if (halted) return;
        }
      }
    };

    // Chunks come back a few at a time (each read its own short transaction).
    const CHUNKS_PER_READ = 4;
    for (let seq = 0; seq < imp.chunk_count && !halted; seq += CHUNKS_PER_READ) {
      const chunks = await this.inOrganisation(organisationId, importId, () => this.imports.chunks(organisationId, importId, seq, CHUNKS_PER_READ));
      for (const chunk of chunks) {
        bytes += chunk.data.length;
        await take(parser.push(decoder.write(chunk.data)));
        if (halted) break;
      }
    }
    if (!halted) {
      await take(parser.push(decoder.end()));
      if (!halted) await take(parser.end());
    }
    if (!halted) await flush();
    // Every batch started is settled before returning (an error in one rejects here, after the others settled).
    const results = await Promise.allSettled(inflight.map((f) => f.done));
    inflight.length = 0;
    for (const r of results) {
      if (r.status === 'rejected') throw r.reason;
      if (!r.value && !halted) halted = 'HALTED';
    }
    return halted ?? 'DONE';
  }

  /** Rows written (this run) at which the member tables are analysed next: 5k, 20k, 80k, … (×4). */
  private readonly nextAnalyze = new Map<string, number>();

  private async analyzeWhenGrown(imp: MemberImportRow, rowsDone: number): Promise<void> {
    const next = this.nextAnalyze.get(imp.id) ?? 5000;
    if (rowsDone < next) return;
    this.nextAnalyze.set(imp.id, rowsDone * 4);
    await this.inOrganisation(imp.organisation_id, imp.id, () => this.batches.analyze()).catch((error: unknown) => {
      this.logger.warn(`could not analyze the member tables: ${String((error as Error)?.message ?? error)}`);
    });
  }

  private emptyPending(): Pending {
    return { rows: [], rejects: [], rowsDone: 0, bytesDone: 0 };
  }

  /**
   * Starts one batch beside the ones already in flight (`earlier`, oldest first): it waits for an earlier batch
   * that shares a match key (the same person may be created there), runs its match after the previous batch's,
   * waits for an earlier batch that matched one of its members (so updates are never lost), and checkpoints
   * only after the previous batch committed.
   */
  private startBatch(
    imp: MemberImportRow, kind: 'DRY' | 'REAL', status: 'DRY_RUN_RUNNING' | 'RUNNING', batch: Pending,
    keep: ReadonlySet<ImportField>, seen: KeyHashSet | null, samples: ImportSample[], clock: { last: number }, earlier: InFlight[],
  ): InFlight {
    const groups = groupRows(batch.rows);
    const keys = new Set(groups.flatMap((g) => g.keys));
    let settleMatched!: () => void;
    const self: InFlight = { keys, memberIds: new Set(), matched: new Promise<void>((r) => (settleMatched = r)), done: Promise.resolve(true) };
    self.done = (async () => {
      try {
        for (const e of earlier) if (overlaps(e.keys, keys) && !(await e.done)) return false;
        if (earlier.length > 0) await earlier[earlier.length - 1].matched;
        return await this.processBatch(imp, kind, status, batch, groups, keep, seen, samples, clock, earlier, self, settleMatched);
      } finally {
        settleMatched();
      }
    })();
    self.done.catch(() => undefined); // awaited by the runner and by later batches
    return self;
  }

  /** One batch in one transaction: match, plan, write (real runs), rejects, checkpoint. False: halted. */
  private async processBatch(
    imp: MemberImportRow, kind: 'DRY' | 'REAL', status: 'DRY_RUN_RUNNING' | 'RUNNING', batch: Pending,
    groups: ReturnType<typeof groupRows>, keep: ReadonlySet<ImportField>, seen: KeyHashSet | null, samples: ImportSample[],
    clock: { last: number }, earlier: InFlight[], self: InFlight, settleMatched: () => void,
  ): Promise<boolean> {
    const organisationId = imp.organisation_id;
    const previous = earlier.length > 0 ? earlier[earlier.length - 1] : null;
    const previousCommitted = async (): Promise<void> => {
      if (previous && !(await previous.done)) throw new HaltError('an earlier batch halted');
    };
    try {
      await this.inOrganisation(organisationId, imp.id, async () => {
        const tick = timer();
        let matched = await this.batches.match(organisationId, self.keys);
        for (const id of matched.values()) self.memberIds.add(id);
        settleMatched();
        if (kind === 'REAL') {
          // A member an earlier in-flight batch is changing: wait until it has committed, then match again (the
          // transaction reads committed data statement by statement).
          const busy = earlier.filter((e) => overlaps(e.memberIds, matched.values()));
          if (busy.length > 0) {
            for (const e of busy) if (!(await e.done)) throw new HaltError('an earlier batch halted');
            matched = await this.batches.match(organisationId, self.keys);
          }
        } else {
          // The dry run's memory of who it would create is filled in file order.
          await previousCommitted();
        }
        tick('match');
        // A group is the member of its first key (in match order) that matched.
        const best = new Map<number, { id: string }>();
        groups.forEach((g, gi) => {
          for (const key of g.keys) {
            const id = matched.get(key);
            if (id) {
              best.set(gi, { id });
              break;
            }
          }
        });
        const ids = [...new Set([...best.values()].map((b) => b.id))];
        const states = new Map<string, MemberState>((await this.batches.states(organisationId, ids)).map((s) => [s.id, s]));
        tick('states');
        const touched = new Set<MemberState>();
        const counts = { created: 0, updated: 0, unchanged: 0 };
        const outcomes: { row: PlannedRow; outcome: 'CREATED' | 'UPDATED' | 'UNCHANGED' }[] = [];
        const memberOutcomes = new Map<string, 'CREATED' | 'UPDATED' | 'UNCHANGED'>();
        for (let gi = 0; gi < groups.length; gi++) {
          const group = groups[gi];
          const matchedId = best.get(gi)?.id;
          let state = matchedId ? states.get(matchedId) : undefined;
          let seenBefore = false;
          if (!state) {
            seenBefore = seen !== null && group.keys.some((k) => seen.has(k));
            state = emptyState(uuidv7());
            if (matchedId) states.set(matchedId, state);
          }
          touched.add(state);
          for (let ri = 0; ri < group.rows.length; ri++) {
            const row = group.rows[ri];
            const wasNew = state.isNew && !(state as { applied?: boolean }).applied;
            const changed = applyRow(state, row.values, keep);
            (state as { applied?: boolean }).applied = true;
            const outcome = wasNew ? (seenBefore ? 'UPDATED' : 'CREATED') : changed ? 'UPDATED' : 'UNCHANGED';
            counts[outcome === 'CREATED' ? 'created' : outcome === 'UPDATED' ? 'updated' : 'unchanged']++;
            outcomes.push({ row, outcome });
            const previousOutcome = memberOutcomes.get(state.id);
            if (!previousOutcome || (previousOutcome === 'UNCHANGED' && outcome !== 'UNCHANGED')) memberOutcomes.set(state.id, outcome);
          }
          if (seen && state.isNew) for (const k of group.keys) seen.add(k);
        }
        tick('plan');
        if (kind === 'REAL') await this.batches.write(organisationId, [...touched], imp.id, imp.created_by, memberOutcomes, tick);
        await this.imports.insertRejects(organisationId, imp.id, kind, batch.rejects);
        tick('rejects');
        // In file order from here: the previous batch has committed (or this one rolls back).
        await previousCommitted();
        tick('wait');
        const sampled = new Map<string, number>();
        for (const s of samples) sampled.set(s.outcome, (sampled.get(s.outcome) ?? 0) + 1);
        const wants = (outcome: string): boolean => {
          const n = sampled.get(outcome) ?? 0;
          if (n >= SAMPLES_PER_OUTCOME) return false;
          sampled.set(outcome, n + 1);
          return true;
        };
        for (const { row, outcome } of outcomes) {
          if (wants(outcome)) samples.push({ rowNumber: row.rowNumber, outcome, summary: summariseRow(row.values, []), reasons: row.warnings });
        }
        for (const r of batch.rejects) {
          if (!wants('REJECTED')) break;
          samples.push({ rowNumber: r.rowNumber, outcome: 'REJECTED', summary: summariseRow(null, r.fields), reasons: r.reasons });
        }
        samples.sort((a, b) => a.rowNumber - b.rowNumber);
        const ok = await this.imports.checkpoint(organisationId, imp.id, this.owner, status, {
          rowsDone: batch.rowsDone, bytesDone: batch.bytesDone, created: counts.created, updated: counts.updated,
          unchanged: counts.unchanged, rejected: batch.rejects.length, seconds: (performance.now() - clock.last) / 1000, samples,
        });
        clock.last = performance.now();
        tick('checkpoint');
        if (!ok) throw new HaltError('cancelled or lease lost');
        if (DEBUG) this.logger.log(`import ${imp.id} batch of ${batch.rows.length + batch.rejects.length}: ${tick.report()}`);
      });
      if (kind === 'REAL') await this.analyzeWhenGrown(imp, batch.rowsDone);
      return true;
    } catch (error) {
      if (error instanceof HaltError) return false;
      throw error;
    }
  }
}
