/**
 * Campaign use cases: list (newest first, filter by status, search by name), read, create, update (the team is
 * replaced when given), delete (refused with CAMPAIGN_HAS_RESPONSES while any of its actions has a response: archive
 * instead). A target segment must be one of the organisation's segments; team members must work for the organisation.
 * Staff writes are audit-logged. Client roles read campaigns without team names and emails.
 * Must never: throw HTTP/GraphQL errors, write anything when the input is invalid, or reveal that another
 * organisation's campaign exists (campaign(id) answers null, mutations NOT_FOUND).
 */
import { Injectable } from '@nestjs/common';
import { isResponseChannel, roleScope, type Capability } from '@muster/domain';
import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import { decodeCursor, encodeCursor, isUuid } from '../common/cursor.js';
import { ValidationFailedException, type FieldError } from '../common/domain.exception.js';
import { resolvePaging } from '../common/paging.js';
import { CAMPAIGN_STATUSES, CAMPAIGN_TEAM_ROLES, type CampaignStatusValue, type CampaignTeamRoleValue } from './campaign.entity.js';
import { CampaignException } from './campaign.exception.js';
import type { CampaignConnection, CampaignObject, CampaignTeamMemberObject, UserSummaryObject } from './campaign.object.js';
import { CampaignRepository, type CampaignRow, type CampaignValues } from './campaign.repository.js';
import type { CampaignFilter, CreateCampaignInput, UpdateCampaignInput } from './dtos/campaign.inputs.js';

const SORT = 'CREATED_AT:DESC';
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function toCampaignObject(row: CampaignRow): CampaignObject {
  return {
    id: row.id, organisationId: row.organisation_id, name: row.name, description: row.description, goal: row.goal,
    goalCount: row.goal_count, startsOn: row.starts_on, endsOn: row.ends_on, status: row.status, targetSegmentId: row.target_segment_id,
    channels: row.channels.filter(isResponseChannel), createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

function text(raw: string | null | undefined): string | null {
  const t = (raw ?? '').trim();
  return t === '' ? null : t;
}

@Injectable()
export class CampaignService {
  constructor(
    private readonly campaigns: CampaignRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  /** Client roles (no agency role in the organisation): aggregates only, suppressed, no volunteer names. */
  isClientView(organisationId: string): boolean {
    const roles = this.access.rolesIn(organisationId);
    return roles.length > 0 && roles.every((r) => roleScope(r) === 'CLIENT');
  }

  async list(rawOrganisationId: string, args: { first?: number | null; after?: string | null; filter?: CampaignFilter | null }): Promise<CampaignConnection> {
    this.access.assert(rawOrganisationId, 'campaign:read');
    const organisationId = rawOrganisationId.toLowerCase();
    const paging = resolvePaging({ first: args.first, after: args.after });
    const filter = { statuses: args.filter?.status?.length ? args.filter.status : null, search: text(args.filter?.search)?.slice(0, 200) ?? null };
    let after: { createdAt: string; id: string } | null = null;
    if (paging.cursor) {
      const decoded = decodeCursor(paging.cursor, SORT, 1);
      if (!decoded || typeof decoded.values[0] !== 'string') throw new ValidationFailedException([{ path: 'after', message: 'Not a cursor from this list.' }]);
      after = { createdAt: decoded.values[0], id: decoded.id };
    }
    const rows = await this.campaigns.page(organisationId, filter, paging.limit + 1, after);
    const pageRows = rows.slice(0, paging.limit);
    const edges = pageRows.map((row) => ({ cursor: encodeCursor(SORT, [row.created_at.toISOString()], row.id), node: toCampaignObject(row) }));
    return {
      edges,
      pageInfo: { hasNextPage: rows.length > paging.limit, hasPreviousPage: after !== null, startCursor: edges[0]?.cursor ?? null, endCursor: edges[edges.length - 1]?.cursor ?? null },
      countTotal: () => this.campaigns.count(organisationId, filter),
    };
  }

  /** Null when missing, malformed or outside the caller's campaign:read organisations. */
  async get(id: string): Promise<CampaignObject | null> {
    const row = await this.findReadable(id);
    return row ? toCampaignObject(row) : null;
  }

  /** The campaign if the caller may read it (campaign:read in its organisation), else null. */
  async findReadable(id: string, capability: Capability = 'campaign:read'): Promise<CampaignRow | null> {
    if (!isUuid(id)) return null;
    const organisationIds = this.access.organisationsWith(capability);
    if (organisationIds.length === 0) return null;
    return this.campaigns.findById(organisationIds, id.toLowerCase());
  }

  async team(campaign: CampaignObject): Promise<CampaignTeamMemberObject[]> {
    const rows = await this.campaigns.teams(campaign.organisationId, [campaign.id]);
    const hide = this.isClientView(campaign.organisationId);
    return rows.map((r) => ({ userId: r.user_id, role: r.role, name: hide ? null : r.name, email: hide ? null : r.email }));
  }

  async actionCount(campaign: CampaignObject): Promise<number> {
    return (await this.campaigns.actionCounts(campaign.organisationId, [campaign.id])).get(campaign.id) ?? 0;
  }

  /** The team picker's choices (campaign:write): see CampaignRepository.teamCandidates. */
  async teamCandidates(rawOrganisationId: string, search: string | null | undefined, first: number | null | undefined): Promise<UserSummaryObject[]> {
    this.access.assert(rawOrganisationId, 'campaign:write');
    const limit = first ?? 50;
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new ValidationFailedException([{ path: 'first', message: 'Must be a whole number from 1 to 200.' }]);
    const text = search?.trim() || null;
    if (text && text.length > 200) throw new ValidationFailedException([{ path: 'search', message: 'At most 200 characters.' }]);
    const rows = await this.campaigns.teamCandidates(rawOrganisationId, text, limit);
    return rows.map((r) => ({ id: r.id, name: r.name, email: r.email }));
  }

  async create(input: CreateCampaignInput): Promise<CampaignObject> {
    this.access.assert(input.organisationId, 'campaign:write');
    const organisationId = input.organisationId.toLowerCase();
    const values = await this.values(organisationId, null, input);
    const team = await this.checkTeam(organisationId, input.team);
    if (await this.campaigns.nameTaken(organisationId, values.name, null)) {
      throw new ValidationFailedException([{ path: 'input.name', message: 'Another campaign already has this name.' }]);
    }
    const principal = this.access.principal();
    const row = await this.campaigns.insert(organisationId, values, principal.label, principal.userId);
    if (team) await this.campaigns.replaceTeam(organisationId, row.id, team);
    await this.audit.record({ action: 'campaign.create', organisationId, targetType: 'campaign', targetIds: [row.id], details: { ...values, team } });
    return toCampaignObject(row);
  }

  async update(id: string, input: UpdateCampaignInput): Promise<CampaignObject> {
    const existing = await this.findWritable(id);
    const organisationId = existing.organisation_id;
    const values = await this.values(organisationId, existing, input);
    const team = await this.checkTeam(organisationId, input.team);
    if (values.name.toLowerCase() !== existing.name.toLowerCase() && (await this.campaigns.nameTaken(organisationId, values.name, existing.id))) {
      throw new ValidationFailedException([{ path: 'input.name', message: 'Another campaign already has this name.' }]);
    }
    const row = await this.campaigns.update(organisationId, existing.id, values);
    if (team) await this.campaigns.replaceTeam(organisationId, row.id, team);
    await this.audit.record({
      action: 'campaign.update', organisationId, targetType: 'campaign', targetIds: [row.id],
      details: { fields: Object.keys(input).filter((k) => (input as Record<string, unknown>)[k] !== undefined), ...values, team },
    });
    return toCampaignObject(row);
  }

  async delete(id: string): Promise<boolean> {
    const existing = await this.findWritable(id);
    const responses = await this.campaigns.responseCount(existing.organisation_id, existing.id);
    if (responses > 0) throw CampaignException.hasResponses(responses);
    await this.campaigns.delete(existing.organisation_id, existing.id);
    await this.audit.record({
      action: 'campaign.delete', organisationId: existing.organisation_id, targetType: 'campaign', targetIds: [existing.id], details: { name: existing.name },
    });
    return true;
  }

  /** NOT_FOUND outside reach (or without campaign:read), FORBIDDEN inside reach without campaign:write. */
  async findWritable(id: string): Promise<CampaignRow> {
    if (!isUuid(id)) throw CampaignException.notFound();
    const organisationIds = this.access.reachedOrganisationIds();
    const row = organisationIds.length ? await this.campaigns.findById(organisationIds, id.toLowerCase()) : null;
    if (!row) throw CampaignException.notFound();
    this.access.assert(row.organisation_id, 'campaign:read');
    this.access.assert(row.organisation_id, 'campaign:write');
    return row;
  }

  private async values(organisationId: string, existing: CampaignRow | null, input: UpdateCampaignInput): Promise<CampaignValues> {
    const problems: FieldError[] = [];
    const pick = <K extends keyof UpdateCampaignInput, T>(key: K, current: T, map: (v: NonNullable<UpdateCampaignInput[K]>) => T): T => {
      const v = input[key];
      if (v === undefined) return current;
      if (v === null) return (existing === null ? current : null) as T;
      return map(v as NonNullable<UpdateCampaignInput[K]>);
    };
    const name = (input.name === undefined || input.name === null ? existing?.name ?? '' : input.name).replace(/\s+/g, ' ').trim();
    if (name === '') problems.push({ path: 'input.name', message: 'A campaign needs a name.' });
    const status = (input.status ?? existing?.status ?? 'DRAFT') as CampaignStatusValue;
    if (!CAMPAIGN_STATUSES.includes(status)) problems.push({ path: 'input.status', message: 'Not a campaign status.' });
    const startsOn = pick('startsOn', existing?.starts_on ?? null, (v) => String(v));
    const endsOn = pick('endsOn', existing?.ends_on ?? null, (v) => String(v));
    for (const [path, d] of [['input.startsOn', startsOn], ['input.endsOn', endsOn]] as const) {
      if (d !== null && !DATE.test(d)) problems.push({ path, message: 'Must be a date, YYYY-MM-DD.' });
    }
    if (startsOn && endsOn && endsOn < startsOn) problems.push({ path: 'input.endsOn', message: 'The end must not be before the start.' });
    const goalCount = pick('goalCount', existing?.goal_count ?? null, (v) => v as number);
    if (goalCount !== null && (!Number.isInteger(goalCount) || goalCount < 0)) problems.push({ path: 'input.goalCount', message: 'Must be a whole number, 0 or more.' });
    const channels = pick('channels', existing?.channels ?? [], (v) => [...new Set(v as string[])]) ?? [];
    if (!channels.every(isResponseChannel)) problems.push({ path: 'input.channels', message: 'Not a response channel.' });
    let targetSegmentId = pick('targetSegmentId', existing?.target_segment_id ?? null, (v) => String(v).toLowerCase());
    if (targetSegmentId !== null && targetSegmentId !== existing?.target_segment_id) {
      if (!isUuid(targetSegmentId) || !(await this.campaigns.segmentExists(organisationId, targetSegmentId))) {
        problems.push({ path: 'input.targetSegmentId', message: 'No such segment in this organisation.' });
        targetSegmentId = null;
      }
    }
    if (problems.length) throw new ValidationFailedException(problems);
    return {
      name, status, startsOn, endsOn, goalCount, channels, targetSegmentId,
      description: input.description === undefined ? existing?.description ?? null : text(input.description),
      goal: input.goal === undefined ? existing?.goal ?? null : text(input.goal),
    };
  }

  private async checkTeam(organisationId: string, team: { userId: string; role: CampaignTeamRoleValue }[] | null | undefined): Promise<{ userId: string; role: CampaignTeamRoleValue }[] | null> {
    if (team === undefined || team === null) return null;
    const problems: FieldError[] = [];
    const seen = new Set<string>();
    const out: { userId: string; role: CampaignTeamRoleValue }[] = [];
    team.forEach((t, i) => {
      const id = String(t.userId).toLowerCase();
      if (!isUuid(id)) problems.push({ path: `input.team.${i}.userId`, message: 'Not a user id.' });
      else if (seen.has(id)) problems.push({ path: `input.team.${i}.userId`, message: 'This user is already on the team.' });
      if (!CAMPAIGN_TEAM_ROLES.includes(t.role)) problems.push({ path: `input.team.${i}.role`, message: 'Not a team role.' });
      seen.add(id);
      out.push({ userId: id, role: t.role });
    });
    if (problems.length === 0 && out.length) {
      const ok = await this.campaigns.usersWorkingFor(organisationId, out.map((t) => t.userId));
      out.forEach((t, i) => { if (!ok.has(t.userId)) problems.push({ path: `input.team.${i}.userId`, message: 'This user does not work for the organisation.' }); });
    }
    if (problems.length) throw new ValidationFailedException(problems);
    return out;
  }
}
