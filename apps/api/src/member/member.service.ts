/**
 * Member use cases: list (filters, search, keyset pages), read, create, update. Business rules and
 * normalisation come from @muster/domain. Must never: throw HTTP/GraphQL errors (throws
 * MemberException / ValidationFailedException), or write anything when the input is invalid.
 */
import { Injectable } from '@nestjs/common';
import { normaliseMemberDraft, type MemberDraft, type NormalisedMemberDraft } from '@muster/domain';
import { decodeCursor, encodeCursor, isUuid } from '../common/cursor.js';
import { ValidationFailedException, type FieldError } from '../common/domain.exception.js';
import { resolvePaging, type PagingArgs } from '../common/paging.js';
import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import { SegmentFilterService } from '../segment/segment-filter.service.js';
import type { CreateMemberInput } from './dtos/create-member.input.js';
import { MemberOrderField, SortDirection, type MemberFilterInput, type MemberOrder } from './dtos/member-filter.input.js';
import type { UpdateMemberInput } from './dtos/update-member.input.js';
import { MemberException } from './member.exception.js';
import { MEMBER_BATCH, MemberBatchLoader } from './member.loader.js';
import { MemberConnection, MemberObject } from './member.object.js';
import { MemberRepository, type MemberRow, type MemberValues } from './member.repository.js';
import { MEMBER_SORTS } from './member.sql.js';

export type MemberWithBatch = MemberObject & { [MEMBER_BATCH]: MemberBatchLoader };

export interface ListMembersArgs extends PagingArgs {
  filter?: MemberFilterInput | null;
  orderBy?: MemberOrder | null;
}

export function toMemberObject(row: MemberRow): MemberObject {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    firstName: row.first_name,
    lastName: row.last_name,
    fullName: `${row.first_name} ${row.last_name}`.trim(),
    email: row.email,
    phone: row.phone,
    postcode: row.postcode,
    region: row.region,
    branch: row.branch,
    workplace: row.workplace,
    employer: row.employer,
    membershipNumber: row.membership_number,
    status: row.status,
    joinedOn: row.joined_on,
    leftOn: row.left_on,
    tags: row.tags,
    issues: row.issues,
    smsConsent: row.sms_consent,
    emailConsent: row.email_consent,
    supportLevel: row.support_level,
    engagementScore: row.engagement_score,
    lastContactedAt: row.last_contacted_at ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function cursorValue(value: unknown): string | number | null {
  if (value instanceof Date) return value.toISOString();
  return value as string | number | null;
}

function prefixed(errors: readonly { path: string; message: string }[]): FieldError[] {
  return errors.map((e) => ({ path: e.path ? `input.${e.path}` : 'input', message: e.message }));
}

const DRAFT_KEYS = [
  'firstName', 'lastName', 'emails', 'phones', 'postcode', 'region', 'branch', 'workplace', 'employer',
  'membershipNumber', 'status', 'joinedOn', 'leftOn', 'tags', 'issues', 'smsConsent', 'emailConsent', 'supportLevel',
] as const;

/** Only the keys the client sent: an omitted field stays undefined (unchanged on update). */
function draftOf(input: object): MemberDraft {
  const draft: Record<string, unknown> = {};
  for (const key of DRAFT_KEYS) {
    if (Object.prototype.hasOwnProperty.call(input, key)) draft[key] = (input as Record<string, unknown>)[key];
  }
  return draft as MemberDraft;
}

@Injectable()
export class MemberService {
  constructor(
    private readonly members: MemberRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly segments: SegmentFilterService,
  ) {}

  async list(rawOrganisationId: string, args: ListMembersArgs): Promise<MemberConnection> {
    this.access.assert(rawOrganisationId, 'member:read');
    const organisationId = rawOrganisationId.toLowerCase();
    const assignedTo = this.access.assignedOnlyUser(organisationId);
    const paging = resolvePaging(args);
    const field = args.orderBy?.field ?? MemberOrderField.LAST_NAME;
    const descending = args.orderBy?.direction === SortDirection.DESC;
    const sortTag = `${field}:${descending ? 'DESC' : 'ASC'}`;
    const valueCount = MEMBER_SORTS[field].keys.length;

    let after: { values: unknown[]; id: string } | null = null;
    if (paging.cursor) {
      const decoded = decodeCursor(paging.cursor, sortTag, valueCount);
      if (!decoded) {
        const path = paging.direction === 'forward' ? 'after' : 'before';
        throw new ValidationFailedException([{ path, message: 'Not a cursor from this list and ordering.' }]);
      }
      after = { values: decoded.values, id: decoded.id };
    }
    const segment = args.filter?.segmentId != null ? (await this.segments.resolve(organisationId, args.filter.segmentId)).predicate : null;
    const backward = paging.direction === 'backward';
    const rows = await this.members.page(organisationId, args.filter, {
      sort: field,
      descending: backward ? !descending : descending,
      after,
      limit: paging.limit + 1,
    }, assignedTo, segment);
    const hasMore = rows.length > paging.limit;
    const pageRows = rows.slice(0, paging.limit);
    if (backward) pageRows.reverse();

    const loader = new MemberBatchLoader(this.members, organisationId, pageRows.map((r) => r.id));
    const edges = pageRows.map((row) => {
      const values = valueCount === 2 ? [cursorValue(row.k0), cursorValue(row.k1)] : [cursorValue(row.k0)];
      const node = toMemberObject(row) as MemberWithBatch;
      node[MEMBER_BATCH] = loader;
      return { cursor: encodeCursor(sortTag, values, row.id), node };
    });
    return {
      edges,
      pageInfo: {
        hasNextPage: backward ? after !== null : hasMore,
        hasPreviousPage: backward ? hasMore : after !== null,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
      countTotal: () => this.members.count(organisationId, args.filter, assignedTo, segment),
    };
  }

  async get(id: string): Promise<MemberWithBatch> {
    const row = await this.findVisible(id);
    return this.withBatch(row);
  }

  async create(input: CreateMemberInput): Promise<MemberWithBatch> {
    this.access.assert(input.organisationId, 'member:write');
    const organisationId = input.organisationId.toLowerCase();
    const result = normaliseMemberDraft(draftOf(input));
    if (!result.ok) throw new ValidationFailedException(prefixed(result.error));
    const draft = result.value;
    const values = this.merge(null, draft);
    const id = await this.members.insert(organisationId, values);
    await this.members.replacePhones(organisationId, id, (draft.phones ?? []).map((p) => ({ e164: p.e164, type: p.type })));
    await this.members.replaceEmails(organisationId, id, draft.emails ?? []);
    await this.audit.record({ action: 'member.create', organisationId, targetType: 'member', targetIds: [id] });
    return this.get(id);
  }

  async update(id: string, input: UpdateMemberInput): Promise<MemberWithBatch> {
    const existing = await this.findVisible(id);
    this.access.assert(existing.organisation_id, 'member:write');
    const result = normaliseMemberDraft(draftOf(input), { partial: true });
    if (!result.ok) throw new ValidationFailedException(prefixed(result.error));
    const draft = result.value;
    const values = this.merge(existing, draft);
    // Cross-field rule on the merged record: the draft alone cannot see the stored dates.
    if (values.joinedOn && values.leftOn && values.leftOn < values.joinedOn) {
      const path = draft.leftOn !== undefined ? 'input.leftOn' : 'input.joinedOn';
      throw new ValidationFailedException([{ path, message: 'The leaving date must not be before the joining date.' }]);
    }
    const organisationId = existing.organisation_id;
    await this.members.update(organisationId, id, values);
    if (draft.phones !== undefined) {
      await this.members.replacePhones(organisationId, id, draft.phones.map((p) => ({ e164: p.e164, type: p.type })));
    }
    if (draft.emails !== undefined) await this.members.replaceEmails(organisationId, id, draft.emails);
    await this.audit.record({
      action: 'member.update', organisationId, targetType: 'member', targetIds: [id],
      details: { fields: Object.keys(draftOf(input)) },
    });
    return this.get(id);
  }

  private async findVisible(id: string): Promise<MemberRow> {
    if (!isUuid(id)) throw MemberException.notFound();
    const organisationIds = this.access.reachedOrganisationIds();
    if (organisationIds.length === 0) throw MemberException.notFound();
    const row = await this.members.findById(organisationIds, id);
    if (!row) throw MemberException.notFound();
    // Inside reach: a role without member:read is told FORBIDDEN, as for the list.
    this.access.assert(row.organisation_id, 'member:read');
    const assignedTo = this.access.assignedOnlyUser(row.organisation_id);
    if (assignedTo !== null && !(await this.members.isAssigned(row.organisation_id, row.id, assignedTo))) throw MemberException.notFound();
    return row;
  }

  private withBatch(row: MemberRow): MemberWithBatch {
    const node = toMemberObject(row) as MemberWithBatch;
    node[MEMBER_BATCH] = new MemberBatchLoader(this.members, row.organisation_id, [row.id]);
    return node;
  }

  /** The stored values after applying a normalised draft to the existing row (or the defaults). */
  private merge(existing: MemberRow | null, d: NormalisedMemberDraft): MemberValues {
    const pick = <T>(next: T | undefined, current: T): T => (next === undefined ? current : next);
    return {
      firstName: pick(d.firstName, existing?.first_name ?? ''),
      lastName: pick(d.lastName, existing?.last_name ?? ''),
      postcode: pick(d.postcode, existing?.postcode ?? null),
      region: pick(d.region, existing?.region ?? null),
      branch: pick(d.branch, existing?.branch ?? null),
      workplace: pick(d.workplace, existing?.workplace ?? null),
      employer: pick(d.employer, existing?.employer ?? null),
      membershipNumber: pick(d.membershipNumber, existing?.membership_number ?? null),
      status: pick(d.status, existing?.status ?? 'ACTIVE'),
      joinedOn: pick(d.joinedOn, existing?.joined_on ?? null),
      leftOn: pick(d.leftOn, existing?.left_on ?? null),
      tags: pick(d.tags, existing?.tags ?? []),
      issues: pick(d.issues, existing?.issues ?? []),
      smsConsent: pick(d.smsConsent, existing?.sms_consent ?? 'UNKNOWN'),
      emailConsent: pick(d.emailConsent, existing?.email_consent ?? 'UNKNOWN'),
      supportLevel: pick(d.supportLevel, existing?.support_level ?? null),
      engagementScore: pick(d.engagementScore ?? undefined, existing?.engagement_score ?? 0),
    };
  }
}
