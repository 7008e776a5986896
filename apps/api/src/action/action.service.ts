/**
 * Action use cases: list (newest first; by campaign, type, status, title search), read, create (in a campaign the
 * caller may write; a new unguessable public slug), update (an action never moves to another campaign), delete
 * (refused with ACTION_HAS_RESPONSES while it has responses: close it instead). Staff writes are audit-logged.
 * Must never: throw HTTP/GraphQL errors, write anything when the input is invalid, or reveal another organisation's
 * action (action(id) answers null, mutations NOT_FOUND).
 */
import { Injectable } from '@nestjs/common';
import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import { CampaignService } from '../campaign/campaign.service.js';
import { decodeCursor, encodeCursor, isUuid } from '../common/cursor.js';
import { ValidationFailedException, type FieldError } from '../common/domain.exception.js';
import { resolvePaging } from '../common/paging.js';
import { ACTION_STATUSES, ACTION_TYPES, type ActionPageJson } from './action.entity.js';
import { ActionException } from './action.exception.js';
import { actionPageUrl, type ActionConnection, type ActionObject } from './action.object.js';
import { ActionRepository, type ActionRow, type ActionValues } from './action.repository.js';
import type { ActionFilter, ActionPageInput, CreateActionInput, UpdateActionInput } from './dtos/action.inputs.js';

const SORT = 'CREATED_AT:DESC';
export const DEFAULT_REMINDER_OFFSETS = [1440, 120];

export function toActionObject(row: ActionRow): ActionObject {
  const page = row.page ?? {};
  return {
    id: row.id, organisationId: row.organisation_id, campaignId: row.campaign_id, type: row.type, title: row.title,
    description: row.description, status: row.status, goalCount: row.goal_count, startsAt: row.starts_at, endsAt: row.ends_at,
    dueAt: row.due_at, reminderOffsetsMinutes: row.reminder_offsets_minutes, publicSlug: row.public_slug,
    pageUrl: actionPageUrl(row.public_slug),
    page: {
      headline: page.headline ?? null, body: page.body ?? null, buttonLabel: page.buttonLabel ?? null,
      donationAmountsPence: page.donationAmountsPence ?? [], thankYou: page.thankYou ?? null,
    },
    consentWording: row.consent_wording, createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

function text(raw: string | null | undefined): string | null {
  const t = (raw ?? '').trim();
  return t === '' ? null : t;
}

@Injectable()
export class ActionService {
  constructor(
    private readonly actions: ActionRepository,
    private readonly campaigns: CampaignService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async list(rawOrganisationId: string, args: { campaignId?: string | null; first?: number | null; after?: string | null; filter?: ActionFilter | null }): Promise<ActionConnection> {
    this.access.assert(rawOrganisationId, 'campaign:read');
    const organisationId = rawOrganisationId.toLowerCase();
    const paging = resolvePaging({ first: args.first, after: args.after });
    if (args.campaignId != null && !isUuid(args.campaignId)) throw new ValidationFailedException([{ path: 'campaignId', message: 'Not a campaign id.' }]);
    const filter = {
      campaignId: args.campaignId ? args.campaignId.toLowerCase() : null,
      types: args.filter?.type?.length ? args.filter.type : null,
      statuses: args.filter?.status?.length ? args.filter.status : null,
      search: text(args.filter?.search)?.slice(0, 200) ?? null,
    };
    let after: { createdAt: string; id: string } | null = null;
    if (paging.cursor) {
      const decoded = decodeCursor(paging.cursor, SORT, 1);
      if (!decoded || typeof decoded.values[0] !== 'string') throw new ValidationFailedException([{ path: 'after', message: 'Not a cursor from this list.' }]);
      after = { createdAt: decoded.values[0], id: decoded.id };
    }
    const rows = await this.actions.page(organisationId, filter, paging.limit + 1, after);
    const pageRows = rows.slice(0, paging.limit);
    const edges = pageRows.map((row) => ({ cursor: encodeCursor(SORT, [row.created_at.toISOString()], row.id), node: toActionObject(row) }));
    return {
      edges,
      pageInfo: { hasNextPage: rows.length > paging.limit, hasPreviousPage: after !== null, startCursor: edges[0]?.cursor ?? null, endCursor: edges[edges.length - 1]?.cursor ?? null },
      countTotal: () => this.actions.count(organisationId, filter),
    };
  }

  /** Null when missing, malformed, or outside the caller's campaign:read organisations. */
  async get(id: string): Promise<ActionObject | null> {
    if (!isUuid(id)) return null;
    const row = await this.actions.findByIdAmong(this.access.organisationsWith('campaign:read'), id.toLowerCase());
    return row ? toActionObject(row) : null;
  }

  /** The actions of one organisation by id (results and responses resolve their action through it). */
  async byIds(organisationId: string, ids: string[]): Promise<Map<string, ActionObject>> {
    const rows = ids.length ? await this.actions.findByIds(organisationId, [...new Set(ids)]) : [];
    return new Map(rows.map((r) => [r.id, toActionObject(r)]));
  }

  async create(input: CreateActionInput): Promise<ActionObject> {
    const campaign = await this.campaigns.findWritable(input.campaignId);
    const organisationId = campaign.organisation_id;
    const values = this.values(null, input);
    const row = await this.actions.insert(organisationId, campaign.id, values);
    await this.audit.record({ action: 'action.create', organisationId, targetType: 'action', targetIds: [row.id], details: { campaignId: campaign.id, ...values } });
    return toActionObject(row);
  }

  async update(id: string, input: UpdateActionInput): Promise<ActionObject> {
    const existing = await this.findWritable(id);
    const values = this.values(existing, input);
    const row = await this.actions.update(existing.organisation_id, existing.id, values);
    await this.audit.record({
      action: 'action.update', organisationId: existing.organisation_id, targetType: 'action', targetIds: [row.id],
      details: { fields: Object.keys(input).filter((k) => (input as Record<string, unknown>)[k] !== undefined), ...values },
    });
    return toActionObject(row);
  }

  async delete(id: string): Promise<boolean> {
    const existing = await this.findWritable(id);
    const responses = await this.actions.responseCount(existing.organisation_id, existing.id);
    if (responses > 0) throw ActionException.hasResponses(responses);
    await this.actions.delete(existing.organisation_id, existing.id);
    await this.audit.record({
      action: 'action.delete', organisationId: existing.organisation_id, targetType: 'action', targetIds: [existing.id],
      details: { campaignId: existing.campaign_id, title: existing.title },
    });
    return true;
  }

  /** NOT_FOUND outside reach, FORBIDDEN inside reach without campaign:write. */
  private async findWritable(id: string): Promise<ActionRow> {
    if (!isUuid(id)) throw ActionException.notFound();
    const row = await this.actions.findByIdAmong(this.access.reachedOrganisationIds(), id.toLowerCase());
    if (!row) throw ActionException.notFound();
    this.access.assert(row.organisation_id, 'campaign:read');
    this.access.assert(row.organisation_id, 'campaign:write');
    return row;
  }

  private values(existing: ActionRow | null, input: UpdateActionInput | CreateActionInput): ActionValues {
    const problems: FieldError[] = [];
    const keep = <T>(given: T | null | undefined, current: T | null, fallback: T | null = null): T | null =>
      given === undefined ? (existing ? current : fallback) : given;
    const type = input.type ?? existing?.type ?? 'CUSTOM';
    if (!ACTION_TYPES.includes(type)) problems.push({ path: 'input.type', message: 'Not an action type.' });
    const status = input.status ?? existing?.status ?? 'DRAFT';
    if (!ACTION_STATUSES.includes(status)) problems.push({ path: 'input.status', message: 'Not an action status.' });
    const title = (input.title ?? existing?.title ?? '').replace(/\s+/g, ' ').trim();
    if (title === '') problems.push({ path: 'input.title', message: 'An action needs a title.' });
    const startsAt = keep(input.startsAt, existing?.starts_at ?? null);
    const endsAt = keep(input.endsAt, existing?.ends_at ?? null);
    if (startsAt && endsAt && endsAt < startsAt) problems.push({ path: 'input.endsAt', message: 'The end must not be before the start.' });
    const goalCount = keep(input.goalCount, existing?.goal_count ?? null);
    const offsets = input.reminderOffsetsMinutes === undefined || input.reminderOffsetsMinutes === null
      ? existing?.reminder_offsets_minutes ?? DEFAULT_REMINDER_OFFSETS
      : [...new Set(input.reminderOffsetsMinutes)].sort((a, b) => b - a);
    offsets.forEach((m, i) => {
      if (!Number.isInteger(m) || m < 1 || m > 43200) problems.push({ path: `input.reminderOffsetsMinutes.${i}`, message: 'Whole minutes from 1 to 43,200 (30 days).' });
    });
    const page = input.page === undefined || input.page === null ? existing?.page ?? {} : this.page(input.page, problems);
    if (problems.length) throw new ValidationFailedException(problems);
    return {
      type, status, title, startsAt, endsAt, goalCount, reminderOffsetsMinutes: offsets, page,
      description: input.description === undefined ? existing?.description ?? null : text(input.description),
      dueAt: keep(input.dueAt, existing?.due_at ?? null),
      consentWording: input.consentWording === undefined ? existing?.consent_wording ?? null : text(input.consentWording),
    };
  }

  private page(input: ActionPageInput, problems: FieldError[]): ActionPageJson {
    const amounts = input.donationAmountsPence ?? [];
    amounts.forEach((a, i) => {
      if (!Number.isInteger(a) || a < 100 || a > 1_000_000) problems.push({ path: `input.page.donationAmountsPence.${i}`, message: 'Whole pence from 100 (£1) to 1,000,000 (£10,000).' });
    });
    return {
      headline: text(input.headline), body: text(input.body), buttonLabel: text(input.buttonLabel),
      donationAmountsPence: [...new Set(amounts)].sort((a, b) => a - b), thankYou: text(input.thankYou),
    };
  }
}
