/**
 * Member-level responses through the API: the actionResponses list (response:read) and recordActionResponse
 * (response:write), which moves a response through ActionResponseService.transition and audit-logs it.
 * Must never: show responses to a role without response:read, or reveal another organisation's action, member or
 * response (NOT_FOUND, exactly as for a missing id).
 */
import { Injectable } from '@nestjs/common';
import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import { decodeCursor, encodeCursor, isUuid } from '../common/cursor.js';
import { ValidationFailedException } from '../common/domain.exception.js';
import { resolvePaging } from '../common/paging.js';
import { ActionException } from './action.exception.js';
import { ActionRepository } from './action.repository.js';
import type { ActionResponseConnection, ActionResponseEventObject, ActionResponseObject } from './action.object.js';
import { ActionResponseRepository, type ActionResponseEventRow, type ActionResponseRow, type ResponseListFilter } from './action-response.repository.js';
import { ActionResponseService } from './action-response.service.js';
import type { ActionResponseFilter, RecordActionResponseInput } from './dtos/action.inputs.js';

const SORT = 'CREATED_AT:DESC';
export const RESPONSE_BATCH = Symbol('responseBatch');

export function toResponseObject(row: ActionResponseRow): ActionResponseObject {
  return {
    id: row.id, organisationId: row.organisation_id, actionId: row.action_id, campaignId: row.campaign_id, memberId: row.member_id,
    state: row.state, channel: row.channel, creditedUserId: row.credited_user_id, askedAt: row.asked_at, committedAt: row.committed_at,
    remindedAt: row.reminded_at, completedAt: row.completed_at, closedAt: row.closed_at, dueAt: row.due_at, reminderCount: row.reminder_count,
    createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

export function toEventObject(row: ActionResponseEventRow): ActionResponseEventObject {
  return {
    id: row.id, responseId: row.response_id, actionId: row.action_id, organisationId: row.organisation_id, memberId: row.member_id,
    fromState: row.from_state, toState: row.to_state, channel: row.channel,
    creditedUserId: row.credited_user_id, actor: row.actor, note: row.note, at: row.at,
  };
}

/** Loads the histories and credited users of one page of responses once, the first time any is asked for. */
export class ResponseBatch {
  private events?: Promise<Map<string, ActionResponseEventObject[]>>;
  private users?: Promise<Map<string, { id: string; name: string; email: string }>>;
  constructor(
    private readonly repository: ActionResponseRepository,
    private readonly organisationId: string,
    private readonly rows: ActionResponseObject[],
  ) {}

  async historyOf(id: string): Promise<ActionResponseEventObject[]> {
    this.events ??= this.repository.eventsOf(this.organisationId, this.rows.map((r) => r.id)).then((rows) => {
      const map = new Map<string, ActionResponseEventObject[]>();
      for (const r of rows) map.set(r.response_id, [...(map.get(r.response_id) ?? []), toEventObject(r)]);
      return map;
    });
    return (await this.events).get(id) ?? [];
  }

  async userOf(id: string): Promise<{ id: string; name: string; email: string } | null> {
    this.users ??= this.repository.users([...new Set(this.rows.map((r) => r.creditedUserId).filter((x): x is string => x !== null))])
      .then((rows) => new Map(rows.map((u) => [u.id, u])));
    return (await this.users).get(id) ?? null;
  }
}

export type ResponseWithBatch = ActionResponseObject & { [RESPONSE_BATCH]: ResponseBatch };

@Injectable()
export class ActionResponsesService {
  constructor(
    private readonly responses: ActionResponseRepository,
    private readonly actions: ActionRepository,
    private readonly transitions: ActionResponseService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async list(rawOrganisationId: string, args: {
    campaignId?: string | null; actionId?: string | null; memberId?: string | null; first?: number | null; after?: string | null;
    filter?: ActionResponseFilter | null;
  }): Promise<ActionResponseConnection> {
    this.access.assert(rawOrganisationId, 'response:read');
    const organisationId = rawOrganisationId.toLowerCase();
    const paging = resolvePaging({ first: args.first, after: args.after });
    const id = (path: string, v: string | null | undefined): string | null => {
      if (v === undefined || v === null) return null;
      if (!isUuid(v)) throw new ValidationFailedException([{ path, message: 'Not an id.' }]);
      return v.toLowerCase();
    };
    const f: ResponseListFilter = {
      campaignId: id('campaignId', args.campaignId), actionId: id('actionId', args.actionId), memberId: id('memberId', args.memberId),
      states: args.filter?.state?.length ? args.filter.state : null, channels: args.filter?.channel?.length ? args.filter.channel : null,
      creditedUserId: id('filter.creditedUserId', args.filter?.creditedUserId),
    };
    let after: { createdAt: string; id: string } | null = null;
    if (paging.cursor) {
      const decoded = decodeCursor(paging.cursor, SORT, 1);
      if (!decoded || typeof decoded.values[0] !== 'string') throw new ValidationFailedException([{ path: 'after', message: 'Not a cursor from this list.' }]);
      after = { createdAt: decoded.values[0], id: decoded.id };
    }
    const rows = await this.responses.page(organisationId, f, paging.limit + 1, after);
    const nodes = rows.slice(0, paging.limit).map(toResponseObject);
    const batch = new ResponseBatch(this.responses, organisationId, nodes);
    const edges = nodes.map((node) => {
      (node as ResponseWithBatch)[RESPONSE_BATCH] = batch;
      return { cursor: encodeCursor(SORT, [node.createdAt.toISOString()], node.id), node };
    });
    return {
      edges,
      pageInfo: { hasNextPage: rows.length > paging.limit, hasPreviousPage: after !== null, startCursor: edges[0]?.cursor ?? null, endCursor: edges[edges.length - 1]?.cursor ?? null },
      countTotal: () => this.responses.count(organisationId, f),
    };
  }

  /** A staff member records a response: create it or move it (the state machine decides), audit-logged. */
  async record(input: RecordActionResponseInput): Promise<ActionResponseObject> {
    if (!isUuid(input.actionId)) throw ActionException.notFound();
    // The action's organisation among those the caller reaches; elsewhere it does not exist. Inside reach without
    // response:write: FORBIDDEN.
    const action = await this.actions.findByIdAmong(this.access.reachedOrganisationIds(), input.actionId.toLowerCase());
    if (!action) throw ActionException.notFound();
    const organisationId = action.organisation_id;
    this.access.assert(organisationId, 'response:write');
    const before = isUuid(input.memberId) ? await this.responses.lockByActionMember(organisationId, input.actionId.toLowerCase(), input.memberId.toLowerCase()) : null;
    const row = await this.transitions.transition(organisationId, {
      actionId: input.actionId, memberId: input.memberId, to: input.state, channel: input.channel, creditedUserId: input.creditedUserId ?? null,
      actor: this.access.principal().label, note: input.note ?? null, dueAt: input.dueAt,
    });
    await this.audit.record({
      action: 'action_response.record', organisationId, targetType: 'action_response', targetIds: [row.id],
      details: { actionId: row.action_id, memberId: row.member_id, from: before?.state ?? null, to: row.state, channel: input.channel, creditedUserId: input.creditedUserId ?? null },
    });
    const node = toResponseObject(row) as ResponseWithBatch;
    node[RESPONSE_BATCH] = new ResponseBatch(this.responses, organisationId, [node]);
    return node;
  }
}
