/**
 * Reminders of open commitments (docs/campaigns.md, "Reminders"). A response with a due date gets a reminder at
 * due_at − each of its action's reminder_offsets_minutes. A sweep (every MUSTER_REMINDER_SWEEP_MS, default 60 s, in
 * the process that runs the jobs) asks action_reminders_due() which responses are owed one now, and queues one
 * pg-boss job per organisation; the job's handler, inside that organisation's request context, re-checks each
 * response under its row lock, "sends" the reminder through the ReminderNotifier and records it
 * (COMMITTED → REMINDED, or a further REMINDED → REMINDED, with an event). Missed windows (a stopped worker) send one
 * reminder, not several; reminders whose time came before the commitment are skipped.
 * Must never: remind a response that is not awaiting its action, or touch an organisation outside the job's reach.
 */
import { Inject, Injectable, Logger, Optional, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { ResponseChannel } from '@muster/domain';
import { DataSource } from 'typeorm';
import { withRequestContext } from '../common/request-context.js';
import { JobsService } from '../jobs/jobs.service.js';
import type { ActionRow } from './action.repository.js';
import type { ActionResponseRow } from './action-response.repository.js';
import { ActionResponseService } from './action-response.service.js';

export const REMINDER_QUEUE = 'action-reminders';
export const REMINDER_NOTIFIER = Symbol('ReminderNotifier');

/** Sends one reminder (SMS and email sending arrive with issue 8); answers the channel and a note for the event. */
export interface ReminderNotifier {
  send(reminder: { organisationId: string; response: ActionResponseRow; action: ActionRow }): Promise<{ channel: ResponseChannel; note: string | null }>;
}

/** For now: records the reminder as sent (by SMS) without sending anything. */
export class RecordingReminderNotifier implements ReminderNotifier {
  async send(): Promise<{ channel: ResponseChannel; note: string | null }> {
    return { channel: 'SMS', note: 'Reminder recorded (not sent: message sending arrives with issue 8).' };
  }
}

interface ReminderJob {
  organisationId: string;
  responseIds: string[];
  at: string;
}

function positiveInt(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

@Injectable()
export class ActionReminderService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('ActionReminders');
  readonly intervalMs = positiveInt(process.env.MUSTER_REMINDER_SWEEP_MS, 60_000);
  readonly batch = positiveInt(process.env.MUSTER_REMINDER_BATCH, 500);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | null = null;
  private readonly notifier: ReminderNotifier;

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobsService,
    private readonly responses: ActionResponseService,
    @Optional() @Inject(REMINDER_NOTIFIER) notifier?: ReminderNotifier,
  ) {
    this.notifier = notifier ?? new RecordingReminderNotifier();
  }

  onModuleInit(): void {
    this.jobs.register<ReminderJob>(REMINDER_QUEUE, (data) => this.handle(data).then(() => undefined));
    this.jobs.onStarted(async () => {
      this.timer = setInterval(() => {
        if (this.running) return;
        this.running = this.sweep().catch((e: unknown) => this.logger.error(`sweep failed: ${String((e as Error)?.message ?? e)}`)).finally(() => { this.running = null; });
      }, this.intervalMs);
      this.timer.unref();
    });
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** The responses owed a reminder at `now`, by organisation. */
  async due(now = new Date()): Promise<Map<string, string[]>> {
    const rows = await withRequestContext(this.dataSource, 'jobs:action-reminders-sweep', (ctx) =>
      ctx.query<{ organisation_id: string; response_id: string }>(`SELECT organisation_id, response_id FROM action_reminders_due($1, $2)`, [now, this.batch]));
    const byOrg = new Map<string, string[]>();
    for (const r of rows) byOrg.set(r.organisation_id, [...(byOrg.get(r.organisation_id) ?? []), r.response_id]);
    return byOrg;
  }

  /** Queues one job per organisation with responses owed a reminder; returns how many responses were queued. */
  async sweep(now = new Date()): Promise<number> {
    let n = 0;
    for (const [organisationId, responseIds] of await this.due(now)) {
      await this.jobs.send<ReminderJob>(REMINDER_QUEUE, { organisationId, responseIds, at: now.toISOString() });
      n += responseIds.length;
    }
    return n;
  }

  /** The job: in the organisation's own context, remind each response still owed one (re-checked under its lock). */
  async handle(job: ReminderJob): Promise<number> {
    const at = new Date(job.at);
    let sent = 0;
    await withRequestContext(this.dataSource, `jobs:${REMINDER_QUEUE}`, async (ctx) => {
      // The same condition as action_reminders_due() (migration 1768000000000), for these rows, under their locks.
      const owed = await ctx.query<{ response_id: string }>(
        `SELECT r.id AS response_id FROM action_response r
           JOIN action a ON a.organisation_id = r.organisation_id AND a.id = r.action_id
           CROSS JOIN LATERAL (SELECT max(r.due_at - o * interval '1 minute') AS t FROM unnest(a.reminder_offsets_minutes) o
                                WHERE r.due_at - o * interval '1 minute' <= $1) x
          WHERE r.organisation_id = $2 AND r.id = ANY($3::uuid[])
            AND r.state IN ('COMMITTED', 'REMINDED') AND r.due_at > $1
            AND x.t IS NOT NULL AND x.t > COALESCE(r.committed_at, '-infinity'::timestamptz)
            AND (r.reminded_at IS NULL OR r.reminded_at < x.t)
          ORDER BY r.id FOR UPDATE OF r`,
        [at, job.organisationId, job.responseIds],
      );
      for (const { response_id } of owed) {
        const row = await this.responses.findResponse(job.organisationId, response_id);
        const action = row ? await this.responses.findAction(job.organisationId, row.action_id) : null;
        if (!row || !action) continue;
        const { channel, note } = await this.notifier.send({ organisationId: job.organisationId, response: row, action });
        await this.responses.remind(job.organisationId, row.id, { channel, actor: `job:${REMINDER_QUEUE}`, note, at });
        sent++;
      }
    }, { reach: { organisationIds: [job.organisationId] } });
    return sent;
  }
}
