/**
 * The duplicate review queue: recompute suggestions by the rules (same email, same mobile, same name and
 * postcode), page them, and mark a group "not a duplicate" (never suggested again).
 * Must never: suggest members across organisations (every query is scoped by one) or re-suggest a dismissed group.
 */
import { Injectable } from '@nestjs/common';
import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import { decodeCursor, encodeCursor, isUuid } from '../common/cursor.js';
import { ValidationFailedException } from '../common/domain.exception.js';
import { resolvePaging } from '../common/paging.js';
import { MemberRepository } from '../member/member.repository.js';
import type { DuplicateRuleValue } from './dedupe.entity.js';
import { DedupeException } from './dedupe.exception.js';
import { DEDUPE_MEMBERS, DedupeMemberLoader } from './dedupe.loader.js';
import type { DuplicateSuggestionConnection, DuplicateSuggestionObject } from './dedupe.object.js';
import { DedupeRepository, type DuplicateSuggestionRow } from './dedupe.repository.js';

export type SuggestionWithLoader = DuplicateSuggestionObject & { [DEDUPE_MEMBERS]?: DedupeMemberLoader };

function toSuggestionObject(r: DuplicateSuggestionRow): DuplicateSuggestionObject {
  return { id: r.id, organisationId: r.organisation_id, rule: r.rule, matchedValue: r.matched_value, memberIds: r.member_ids, createdAt: r.created_at };
}

@Injectable()
export class DedupeService {
  constructor(
    private readonly suggestions: DedupeRepository,
    private readonly members: MemberRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async refresh(rawOrganisationId: string): Promise<number> {
    this.access.assert(rawOrganisationId, 'member:merge');
    const organisationId = rawOrganisationId.toLowerCase();
    const open = await this.suggestions.refresh(organisationId);
    await this.audit.record({ action: 'member.duplicates.refresh', organisationId, targetType: 'member_duplicate_suggestion', details: { open } });
    return open;
  }

  async list(rawOrganisationId: string, args: { first?: number | null; after?: string | null; rule?: DuplicateRuleValue | null }): Promise<DuplicateSuggestionConnection> {
    this.access.assert(rawOrganisationId, 'member:merge');
    const organisationId = rawOrganisationId.toLowerCase();
    const rule = args.rule ?? null;
    const sort = `DUPLICATES:${rule ?? 'ALL'}`;
    const paging = resolvePaging({ first: args.first, after: args.after });
    let after: { rule: string; value: string } | null = null;
    if (paging.cursor) {
      const decoded = decodeCursor(paging.cursor, sort, 2);
      if (!decoded || typeof decoded.values[0] !== 'string' || typeof decoded.values[1] !== 'string') {
        throw new ValidationFailedException([{ path: 'after', message: 'Not a cursor from this list and filter.' }]);
      }
      after = { rule: decoded.values[0], value: decoded.values[1] };
    }
    const rows = await this.suggestions.page(organisationId, rule, after, paging.limit + 1);
    const pageRows = rows.slice(0, paging.limit);
    const loader = new DedupeMemberLoader(this.suggestions, this.members, organisationId, pageRows.flatMap((r) => r.member_ids));
    const edges = pageRows.map((r) => {
      const node: SuggestionWithLoader = toSuggestionObject(r);
      node[DEDUPE_MEMBERS] = loader;
      return { cursor: encodeCursor(sort, [r.rule, r.matched_value], r.id), node };
    });
    return {
      edges,
      pageInfo: { hasNextPage: rows.length > paging.limit, hasPreviousPage: after !== null, startCursor: edges[0]?.cursor ?? null, endCursor: edges[edges.length - 1]?.cursor ?? null },
      countTotal: () => this.suggestions.count(organisationId, rule),
    };
  }

  async markNotDuplicate(suggestionId: string): Promise<boolean> {
    const suggestion = await this.findForAction(suggestionId);
    const organisationId = suggestion.organisation_id;
    const dismissalId = await this.suggestions.dismiss(organisationId, suggestion, this.access.principal().label);
    await this.audit.record({
      action: 'member.not_duplicate', organisationId, targetType: 'member', targetIds: suggestion.member_ids,
      details: { suggestionId: suggestion.id, dismissalId, rule: suggestion.rule, matchedValue: suggestion.matched_value },
    });
    return true;
  }

  /** Members of a suggestion, for its `members` field. */
  membersOf(node: SuggestionWithLoader) {
    const loader = node[DEDUPE_MEMBERS] ?? new DedupeMemberLoader(this.suggestions, this.members, node.organisationId, node.memberIds);
    return loader.membersOf(node.memberIds);
  }

  /** A suggestion the caller may act on (locked), or NOT_FOUND; FORBIDDEN inside reach without member:merge. */
  async findForAction(suggestionId: string, organisationId?: string): Promise<DuplicateSuggestionRow> {
    if (!isUuid(suggestionId)) throw DedupeException.suggestionNotFound();
    const reach = organisationId ? [organisationId] : this.access.reachedOrganisationIds();
    if (reach.length === 0) throw DedupeException.suggestionNotFound();
    const row = await this.suggestions.findById(reach, suggestionId.toLowerCase(), true);
    if (!row) throw DedupeException.suggestionNotFound();
    this.access.assert(row.organisation_id, 'member:merge');
    return row;
  }
}
