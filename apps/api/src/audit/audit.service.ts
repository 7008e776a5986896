/**
 * The audit log: every mutation and every sign-in (and failed sign-in) is recorded with who,
 * which organisation, what, the target ids, when and from where. `record` writes in the request's
 * transaction; `recordNow` (sign-in events) writes on its own so it survives a failed request.
 * Must never: offer a way to change or delete an event.
 */
import { Injectable } from '@nestjs/common';
import { requestContextStorage } from '../common/request-context.js';
import type { Principal } from '../common/principal.js';
import { AuthRepository, type AuditInsert } from '../auth/auth.repository.js';
import { requestMetaOf } from './audit.meta.js';
import { AuditRepository } from './audit.repository.js';

export interface AuditEntry {
  action: string;
  organisationId: string | null;
  targetType?: string | null;
  targetIds?: string[];
  details?: Record<string, unknown> | null;
  /** Who acted, when not the request's principal (sign-in, accepting an invitation). */
  actor?: { userId: string | null; label: string };
}

@Injectable()
export class AuditService {
  constructor(
    private readonly audit: AuditRepository,
    private readonly auth: AuthRepository,
  ) {}

  private build(entry: AuditEntry): AuditInsert {
    const ctx = requestContextStorage.current();
    const principal = (ctx?.principal as Principal | null | undefined) ?? null;
    const meta = requestMetaOf(ctx);
    return {
      organisationId: entry.organisationId,
      actorUserId: entry.actor ? entry.actor.userId : (principal?.userId ?? null),
      actorApiKeyId: entry.actor ? null : (principal?.apiKeyId ?? null),
      actorLabel: entry.actor ? entry.actor.label : (principal?.label ?? 'anonymous'),
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetIds: entry.targetIds ?? [],
      ip: meta.ip,
      userAgent: meta.userAgent,
      requestId: ctx?.requestId ?? null,
      details: entry.details ?? null,
    };
  }

  /** In the request's transaction: written if and only if the mutation commits. */
  async record(entry: AuditEntry): Promise<void> {
    await this.audit.insert(this.build(entry));
  }

  /** Immediately, outside the request's transaction (sign-in events, failed ones included). */
  async recordNow(entry: AuditEntry): Promise<void> {
    await this.auth.recordAudit(this.build(entry));
  }
}
