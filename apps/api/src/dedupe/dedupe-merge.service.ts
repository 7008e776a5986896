/**
 * Merge and unmerge. A merge keeps every phone, email, tag and issue on the survivor, fills its empty fields
 * (dedupe.merge-plan.ts), re-points the merged members' history in every table that has it (found in the
 * catalog), records full JSON snapshots and exactly which rows moved, then deletes the merged members. An unmerge
 * puts all of it back, same ids and values, and refuses while a later merge involving the survivor stands.
 * Both run in the request's transaction (all or nothing) and are audited.
 * Must never: merge members of different organisations, or lose a row it cannot put back.
 */
import { Injectable } from '@nestjs/common';
import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import { decodeCursor, encodeCursor, isUuid } from '../common/cursor.js';
import { ValidationFailedException } from '../common/domain.exception.js';
import { resolvePaging } from '../common/paging.js';
import { MemberException } from '../member/member.exception.js';
import { MemberRepository } from '../member/member.repository.js';
import type { MergeMembersInput } from './dtos/merge-members.input.js';
import { DedupeException } from './dedupe.exception.js';
import { DEDUPE_MEMBERS, DedupeMemberLoader } from './dedupe.loader.js';
import { displayName, planMerge } from './dedupe.merge-plan.js';
import type { MemberMergeConnection, MemberMergeObject } from './dedupe.object.js';
import { DedupeMergeRepository, type MemberJson, type MemberMergeFullRow, type MemberMergeRow, type MergedMemberSnapshot, type MovedRow, type RemovedRow } from './dedupe-merge.repository.js';
import { DedupeRepository } from './dedupe.repository.js';
import { DedupeService } from './dedupe.service.js';

export type MergeWithLoader = MemberMergeObject & { [DEDUPE_MEMBERS]?: DedupeMemberLoader };

const SORT = 'MERGES:CREATED_DESC';

function toMergeObject(r: MemberMergeRow): MemberMergeObject {
  return {
    id: r.id, organisationId: r.organisation_id, survivorId: r.survivor_id, mergedMemberIds: r.merged_ids, mergedNames: r.merged_names,
    createdBy: r.created_by, createdAt: r.created_at, undoneAt: r.undone_at, undoneBy: r.undone_by,
  };
}

function countBy(rows: { table: string }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) out[r.table] = (out[r.table] ?? 0) + 1;
  return out;
}

function groupBy<T extends { table: string }>(rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) out.set(r.table, [...(out.get(r.table) ?? []), r]);
  return out;
}

@Injectable()
export class DedupeMergeService {
  constructor(
    private readonly merges: DedupeMergeRepository,
    private readonly suggestions: DedupeRepository,
    private readonly queue: DedupeService,
    private readonly members: MemberRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async merge(input: MergeMembersInput): Promise<MergeWithLoader> {
    this.access.assert(input.organisationId, 'member:merge');
    const organisationId = input.organisationId.toLowerCase();
    const ids = [input.survivorId, ...input.mergedIds];
    if (!ids.every(isUuid)) throw MemberException.notFound();
    const survivorId = input.survivorId.toLowerCase();
    const mergedIds = [...new Set(input.mergedIds.map((id) => id.toLowerCase()))];
    if (mergedIds.includes(survivorId)) {
      throw new ValidationFailedException([{ path: 'input.mergedIds', message: 'The surviving member cannot be merged into itself.' }]);
    }
    const suggestion = input.suggestionId ? await this.queue.findForAction(input.suggestionId, organisationId) : null;

    // Locked for the rest of the transaction: a concurrent merge of the same members waits, then finds them gone.
    const rows = await this.merges.lockMembers(organisationId, [survivorId, ...mergedIds]);
    if (rows.length !== mergedIds.length + 1) throw MemberException.notFound();
    const survivor = rows.find((r) => r.id === survivorId)!;
    const merged = mergedIds.map((id) => rows.find((r) => r.id === id)!);
    const all = [survivorId, ...mergedIds];
    const phones = await this.merges.contactRows(organisationId, 'member_phone', all);
    const emails = await this.merges.contactRows(organisationId, 'member_email', all);
    const snapshot = (m: MemberJson): MergedMemberSnapshot => ({
      member: m, phones: phones.filter((p) => p.member_id === m.id), emails: emails.filter((e) => e.member_id === m.id),
    });

    // History first (deleting a member cascades), then the merged members go, then the survivor takes their values:
    // a unique index on member columns or contact details (none today) would not see both copies at once.
    const plan = planMerge(survivor, merged, phones, emails);
    const { moved, removed } = await this.merges.repointHistory(organisationId, survivorId, mergedIds);
    await this.merges.deleteMembers(organisationId, mergedIds);
    await this.merges.writeMember(organisationId, survivorId, plan.values);
    const addedPhones = await this.merges.addPhones(organisationId, survivorId, plan.phones);
    const addedEmails = await this.merges.addEmails(organisationId, survivorId, plan.emails);
    await this.suggestions.withoutMembers(organisationId, mergedIds);

    const after = (await this.merges.memberJson(organisationId, survivorId))!;
    const afterPhones = await this.merges.contactRows(organisationId, 'member_phone', [survivorId]);
    const afterEmails = await this.merges.contactRows(organisationId, 'member_email', [survivorId]);
    const row = await this.merges.insertMerge(organisationId, {
      survivorId, mergedIds, mergedNames: merged.map(displayName), suggestionId: suggestion?.id ?? null,
      survivorBefore: snapshot(survivor),
      survivorAfter: { member: after, phones: afterPhones, emails: afterEmails },
      mergedMembers: merged.map(snapshot),
      addedRows: { member_phone: addedPhones, member_email: addedEmails },
      movedRows: moved, removedRows: removed,
      createdBy: this.access.principal().label, createdByUserId: this.access.principal().userId,
    });
    await this.audit.record({
      action: 'member.merge', organisationId, targetType: 'member', targetIds: all,
      details: { mergeId: row.id, survivorId, mergedIds, suggestionId: suggestion?.id ?? null, moved: countBy(moved), removed: countBy(removed),
        addedPhones: addedPhones.length, addedEmails: addedEmails.length },
    });
    return this.withLoader(row);
  }

  async unmerge(mergeId: string): Promise<MergeWithLoader> {
    if (!isUuid(mergeId)) throw DedupeException.mergeNotFound();
    const reach = this.access.reachedOrganisationIds();
    if (reach.length === 0) throw DedupeException.mergeNotFound();
    const m = await this.merges.findFull(reach, mergeId.toLowerCase());
    if (!m) throw DedupeException.mergeNotFound();
    this.access.assert(m.organisation_id, 'member:merge');
    const organisationId = m.organisation_id;
    if (m.undone_at) {
      throw new ValidationFailedException([{ path: 'mergeId', message: `This merge was already undone (${m.undone_at.toISOString()} by ${m.undone_by ?? 'unknown'}).` }]);
    }
    // The survivor first (a merge involving it locks it too), then the check: a merge committed meanwhile is seen.
    const survivor = await this.merges.lockMembers(organisationId, [m.survivor_id]);
    const later = await this.merges.laterMergesInvolving(organisationId, m, m.survivor_id);
    if (later.length > 0) {
      const list = later.map((l) => `${l.id} (${l.created_at.toISOString()})`).join(', ');
      throw new ValidationFailedException([{
        path: 'mergeId',
        message: `A later merge involving the surviving member has not been undone: undo ${later.length === 1 ? 'merge' : 'merges'} ${list} first, newest first.`,
      }]);
    }
    if (survivor.length === 0) {
      throw new ValidationFailedException([{ path: 'mergeId', message: 'The surviving member of this merge no longer exists, so it cannot be undone.' }]);
    }
    await this.restore(organisationId, m);
    const row = await this.merges.markUndone(organisationId, m.id, this.access.principal().label);
    await this.audit.record({
      action: 'member.unmerge', organisationId, targetType: 'member', targetIds: [m.survivor_id, ...m.merged_ids],
      details: { mergeId: m.id, survivorId: m.survivor_id, mergedIds: m.merged_ids, movedBack: m.moved_rows.length, reinserted: m.removed_rows.length },
    });
    return this.withLoader(row);
  }

  async list(rawOrganisationId: string, args: { first?: number | null; after?: string | null }): Promise<MemberMergeConnection> {
    this.access.assert(rawOrganisationId, 'member:merge');
    const organisationId = rawOrganisationId.toLowerCase();
    const paging = resolvePaging({ first: args.first, after: args.after });
    let after: { createdAt: string; id: string } | null = null;
    if (paging.cursor) {
      const decoded = decodeCursor(paging.cursor, SORT, 1);
      if (!decoded || typeof decoded.values[0] !== 'string') throw new ValidationFailedException([{ path: 'after', message: 'Not a cursor from this list.' }]);
      after = { createdAt: decoded.values[0], id: decoded.id };
    }
    const rows = await this.merges.page(organisationId, paging.limit + 1, after);
    const pageRows = rows.slice(0, paging.limit);
    const loader = new DedupeMemberLoader(this.suggestions, this.members, organisationId, pageRows.map((r) => r.survivor_id));
    const edges = pageRows.map((r) => {
      const node: MergeWithLoader = toMergeObject(r);
      node[DEDUPE_MEMBERS] = loader;
      return { cursor: encodeCursor(SORT, [r.created_at.toISOString()], r.id), node };
    });
    return {
      edges,
      pageInfo: { hasNextPage: rows.length > paging.limit, hasPreviousPage: after !== null, startCursor: edges[0]?.cursor ?? null, endCursor: edges[edges.length - 1]?.cursor ?? null },
      countTotal: () => this.merges.count(organisationId),
    };
  }

  async survivorOf(node: MergeWithLoader) {
    const loader = node[DEDUPE_MEMBERS] ?? new DedupeMemberLoader(this.suggestions, this.members, node.organisationId, [node.survivorId]);
    return (await loader.membersOf([node.survivorId]))[0] ?? null;
  }

  /** Members back (same ids and values), their phones and emails, the survivor's columns, the moved rows. */
  private async restore(organisationId: string, m: MemberMergeFullRow): Promise<void> {
    const before = m.survivor_before;
    const after = m.survivor_after;
    // The merge's order reversed: the survivor gives back what it took, then the merged members return.
    await this.merges.deleteRowsById(organisationId, 'member_phone', m.added_rows.member_phone);
    await this.merges.deleteRowsById(organisationId, 'member_email', m.added_rows.member_email);
    await this.merges.restoreMember(organisationId, m.survivor_id, before.member, after.member);
    await this.merges.insertRows(organisationId, 'member', m.merged_members.map((s) => s.member));
    await this.merges.insertRows(organisationId, 'member_phone', m.merged_members.flatMap((s) => s.phones));
    await this.merges.insertRows(organisationId, 'member_email', m.merged_members.flatMap((s) => s.emails));
    for (const [table, rows] of groupBy<MovedRow>(m.moved_rows)) await this.merges.moveBack(organisationId, table, rows);
    for (const [table, rows] of groupBy<RemovedRow>(m.removed_rows)) await this.merges.insertRows(organisationId, table, rows.map((r) => r.row));
  }

  private withLoader(row: MemberMergeRow): MergeWithLoader {
    const node: MergeWithLoader = toMergeObject(row);
    node[DEDUPE_MEMBERS] = new DedupeMemberLoader(this.suggestions, this.members, row.organisation_id, [row.survivor_id]);
    return node;
  }
}
