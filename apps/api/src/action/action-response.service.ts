/**
 * The one way a member's response to an action changes: ActionResponseService.transition, shared by the staff
 * mutation (recordActionResponse), the action pages, donations (a succeeded donation completes its action) and the
 * reminder job. Every move is checked by @muster/domain's state machine (action.state.ts), recorded as an
 * action_response_event, and runs in the caller's request context (its transaction, its reach).
 * Must never: move a response the state machine does not allow, write a response without its event, credit a user
 * who does not work for the organisation, or reach another organisation's action or member (both read as not found).
 */
import { Injectable } from '@nestjs/common';
import {
  applyReminder,
  applyTransition,
  CONTACT_CHANNELS,
  type ResponseChannel,
  type ResponseState,
} from '@muster/domain';
import { isUuid } from '../common/cursor.js';
import { ValidationFailedException } from '../common/domain.exception.js';
import { ActionException } from './action.exception.js';
import { ActionRepository, type ActionRow } from './action.repository.js';
import { ActionResponseRepository, snapshotOf, type ActionResponseEventRow, type ActionResponseRow } from './action-response.repository.js';

export type { ResponseChannel, ResponseState } from '@muster/domain';
export type { ActionRow } from './action.repository.js';
export type { ActionResponseRow, ActionResponseEventRow } from './action-response.repository.js';

export interface TransitionRequest {
  actionId: string;
  memberId: string;
  to: ResponseState;
  channel: ResponseChannel;
  /** The volunteer or staff member who secured the commitment / completion. */
  creditedUserId?: string | null;
  /** Who did it, as the audit log names principals ("user:…", "api-key:…", "action-page", "job:reminders"). */
  actor: string;
  note?: string | null;
  /** When it happened (default now). */
  at?: Date;
  /** When the commitment falls due (reminders are sent before it); default: the action's due_at. */
  dueAt?: Date | null;
}

@Injectable()
export class ActionResponseService {
  constructor(
    private readonly actions: ActionRepository,
    private readonly responses: ActionResponseRepository,
  ) {}

  /** The action by id within the organisation, or by public slug; null when missing or another organisation's. */
  async findAction(organisationId: string, actionId: string): Promise<ActionRow | null> {
    if (isUuid(actionId)) return this.actions.findById(organisationId, actionId.toLowerCase());
    if (typeof actionId !== 'string' || !/^[0-9a-z]{4,40}$/.test(actionId)) return null;
    return this.actions.findBySlug(organisationId, actionId);
  }

  /**
   * Creates the member's response to the action or moves it to `to` (see the contract in the module header).
   * Idempotent when the response is already in `to`: nothing is written (except a new dueAt when one is given).
   */
  async transition(organisationId: string, input: TransitionRequest): Promise<ActionResponseRow> {
    const at = input.at ?? new Date();
    const action = await this.findAction(organisationId, input.actionId);
    if (!action) throw ActionException.notFound();
    if (!isUuid(input.memberId) || !(await this.responses.memberExists(organisationId, input.memberId.toLowerCase()))) {
      throw ActionException.memberNotFound();
    }
    const memberId = input.memberId.toLowerCase();
    const creditedUserId = input.creditedUserId ? input.creditedUserId.toLowerCase() : null;
    if (creditedUserId && (!isUuid(creditedUserId) || !(await this.responses.userWorksFor(organisationId, creditedUserId)))) {
      throw new ValidationFailedException([{ path: 'input.creditedUserId', message: 'Credit a user who works for this organisation.' }]);
    }

    let current = await this.responses.lockByActionMember(organisationId, action.id, memberId);
    if (!current) {
      const created = applyTransition(null, { to: input.to, channel: input.channel, creditedUserId, at });
      if (!created.ok) throw ActionException.transitionInvalid(created.error.from, created.error.to, created.error.message);
      const row = await this.responses.insert(organisationId, {
        actionId: action.id, campaignId: action.campaign_id, memberId, snapshot: created.value,
        dueAt: input.dueAt !== undefined ? input.dueAt : action.due_at,
      });
      if (row) {
        await this.afterMove(organisationId, row, null, input, creditedUserId, at);
        return row;
      }
      // Someone else created it first (ON CONFLICT DO NOTHING): continue as a move of theirs.
      current = await this.responses.lockByActionMember(organisationId, action.id, memberId);
      if (!current) throw new Error('action_response: conflicting insert but no row');
    }

    if (current.state === input.to) {
      if (input.dueAt !== undefined && (input.dueAt?.getTime() ?? null) !== (current.due_at?.getTime() ?? null)) {
        return this.responses.setDueAt(organisationId, current.id, input.dueAt);
      }
      return current;
    }
    const moved = applyTransition(snapshotOf(current), { to: input.to, channel: input.channel, creditedUserId, at });
    if (!moved.ok) throw ActionException.transitionInvalid(moved.error.from, moved.error.to, moved.error.message);
    const row = await this.responses.update(organisationId, current.id, moved.value, input.dueAt !== undefined ? input.dueAt : current.due_at);
    await this.afterMove(organisationId, row, current.state, input, creditedUserId, at);
    return row;
  }

  /**
   * A reminder of an open commitment (the reminder job): COMMITTED → REMINDED, or a further reminder of a REMINDED
   * response (counted, with an event REMINDED → REMINDED). Refused for any other state.
   */
  async remind(organisationId: string, responseId: string, input: { channel: ResponseChannel; actor: string; note?: string | null; at?: Date }): Promise<ActionResponseRow> {
    const at = input.at ?? new Date();
    const current = await this.responses.lockById(organisationId, responseId);
    if (!current) throw ActionException.responseNotFound();
    const next = applyReminder(snapshotOf(current), at);
    if (!next.ok) throw ActionException.transitionInvalid(next.error.from, next.error.to, next.error.message);
    const row = await this.responses.update(organisationId, current.id, next.value, current.due_at);
    await this.responses.insertEvent(organisationId, {
      response_id: row.id, action_id: row.action_id, campaign_id: row.campaign_id, member_id: row.member_id,
      from_state: current.state, to_state: 'REMINDED', channel: input.channel, credited_user_id: null, actor: input.actor,
      note: input.note ?? null, at,
    });
    return row;
  }

  /** A response by id within the organisation. */
  findResponse(organisationId: string, responseId: string): Promise<ActionResponseRow | null> {
    return this.responses.findById(organisationId, responseId);
  }

  /** A response's history, oldest first. */
  history(organisationId: string, responseId: string): Promise<ActionResponseEventRow[]> {
    return this.responses.events(organisationId, responseId);
  }

  private async afterMove(organisationId: string, row: ActionResponseRow, from: ResponseState | null, input: TransitionRequest, creditedUserId: string | null, at: Date): Promise<void> {
    await this.responses.insertEvent(organisationId, {
      response_id: row.id, action_id: row.action_id, campaign_id: row.campaign_id, member_id: row.member_id,
      from_state: from, to_state: input.to, channel: input.channel, credited_user_id: creditedUserId, actor: input.actor,
      note: input.note ?? null, at,
    });
    if (CONTACT_CHANNELS.includes(input.channel)) await this.responses.touchLastContacted(organisationId, row.member_id, at);
  }
}
