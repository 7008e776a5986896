/**
 * Tracked links: create one for an action (optionally for one member, with a channel and a credited user), follow one
 * (count the click, send the browser to the action page with a fresh member token), and an action's link statistics.
 * Must never: let another organisation create a link to, or read the statistics of, an action it does not reach
 * (not found, never forbidden); make a guessable code; count a HEAD request as a click.
 */
import { Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { AccessService } from '../access/access.service.js';
import { ActionPageService } from '../action-page/action-page.service.js';
import { AuditService } from '../audit/audit.service.js';
import { isUuid } from '../common/cursor.js';
import { ValidationFailedException } from '../common/domain.exception.js';
import { withOwnerContext, withRequestContext } from '../common/request-context.js';
import type { CreateTrackedLinkInput } from './dtos/create-tracked-link.input.js';
import { TrackedLinkException } from './tracked-link.exception.js';
import type { ResponseChannel } from '@muster/domain';
import { ActionLinkStatsObject, TrackedLinkObject } from './tracked-link.object.js';
import { TrackedLinkRepository, type TrackedLinkRow } from './tracked-link.repository.js';

/** 12 random bytes: 16 URL-safe characters, 96 bits (not guessable, short enough for a text message). */
export function newLinkCode(): string {
  return randomBytes(12).toString('base64url');
}

export type FollowResult = { kind: 'redirect'; location: string } | { kind: 'not-found' };

@Injectable()
export class TrackedLinkService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly links: TrackedLinkRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly pages: ActionPageService,
  ) {}

  toObject(row: TrackedLinkRow): TrackedLinkObject {
    return {
      id: row.id, code: row.code, url: `${this.pages.config.publicUrl}/l/${row.code}`, actionId: row.action_id, memberId: row.member_id,
      channel: row.channel as ResponseChannel, creditedUserId: row.credited_user_id, clickCount: row.click_count,
      firstClickedAt: row.first_clicked_at, lastClickedAt: row.last_clicked_at, createdAt: row.created_at,
    };
  }

  private async actionInReach(actionId: string) {
    if (!isUuid(actionId)) throw TrackedLinkException.actionNotFound();
    const action = await this.links.findAction(this.access.reachedOrganisationIds(), actionId.toLowerCase());
    if (!action) throw TrackedLinkException.actionNotFound();
    return action;
  }

  async create(input: CreateTrackedLinkInput): Promise<TrackedLinkObject> {
    const action = await this.actionInReach(input.actionId);
    const organisationId = action.organisation_id;
    this.access.assert(organisationId, 'campaign:write');
    const memberId = input.memberId ? input.memberId.toLowerCase() : null;
    if (memberId !== null && (!isUuid(memberId) || !(await this.links.memberExists(organisationId, memberId)))) throw TrackedLinkException.memberNotFound();
    const creditedUserId = input.creditedUserId ? input.creditedUserId.toLowerCase() : null;
    if (creditedUserId !== null && (!isUuid(creditedUserId) || !(await this.links.userWorksFor(organisationId, creditedUserId)))) {
      throw new ValidationFailedException([{ path: 'input.creditedUserId', message: 'Credit a user who works for this organisation.' }]);
    }
    const principal = this.access.principal();
    const row = await this.links.insert(organisationId, {
      id: uuidv7(), code: newLinkCode(), actionId: action.id, memberId, channel: input.channel, creditedUserId,
      createdBy: principal.label, createdByUserId: principal.userId ?? null,
    });
    await this.audit.record({
      action: 'tracked_link.create', organisationId, targetType: 'tracked_link', targetIds: [row.id],
      details: { actionId: action.id, memberId, channel: input.channel, creditedUserId },
    });
    return this.toObject(row);
  }

  async stats(actionId: string): Promise<ActionLinkStatsObject> {
    const action = await this.actionInReach(actionId);
    this.access.assert(action.organisation_id, 'response:read');
    const s = await this.links.stats(action.organisation_id, action.id);
    return { links: s.links, clicks: s.clicks, uniqueClickers: s.unique_clickers, submissions: s.submissions };
  }

  /** GET /l/:code: the one public lookup by code, then the click counted in the link's organisation. */
  async follow(code: string, ip: string | undefined, count: boolean): Promise<FollowResult> {
    const located = await withOwnerContext(this.dataSource, `tracked-link:${randomUUID()}`, () => this.links.locateCode(code));
    if (!located) return { kind: 'not-found' };
    return withRequestContext(this.dataSource, `tracked-link:${randomUUID()}`, async () => {
      const link = count
        ? await this.links.click(located.organisationId, located.linkId, uuidv7(), this.pages.signer.ipHash(ip))
        : null;
      const target = link ?? (await this.peek(located.organisationId, located.linkId));
      if (!target || target.action_status === 'DRAFT') return { kind: 'not-found' } as FollowResult;
      const params = new URLSearchParams({ l: target.code });
      if (target.member_id) params.set('t', this.pages.signer.memberToken(located.organisationId, target.action_id, target.member_id));
      return { kind: 'redirect', location: `/a/${encodeURIComponent(target.public_slug)}?${params.toString()}` } as FollowResult;
    }, { reach: { organisationIds: [located.organisationId] } });
  }

  private peek(organisationId: string, linkId: string) {
    return this.links.peek(organisationId, linkId);
  }
}
