/**
 * Loads the members shown with a page of suggestions or merges in one query (and their phones and emails in one
 * query each, through the member module's batch loader), the first time any node of the page asks.
 */
import { MEMBER_BATCH, MemberBatchLoader } from '../member/member.loader.js';
import type { MemberRepository, MemberRow } from '../member/member.repository.js';
import { toMemberObject, type MemberWithBatch } from '../member/member.service.js';
import type { DedupeRepository } from './dedupe.repository.js';

export const DEDUPE_MEMBERS = Symbol('dedupeMembers');

export class DedupeMemberLoader {
  private rows?: Promise<Map<string, MemberRow>>;
  private readonly batch: MemberBatchLoader;

  constructor(
    private readonly dedupe: DedupeRepository,
    members: MemberRepository,
    private readonly organisationId: string,
    private readonly ids: string[],
  ) {
    this.batch = new MemberBatchLoader(members, organisationId, ids);
  }

  /** The members with these ids that still exist, in the order asked. */
  async membersOf(ids: string[]): Promise<MemberWithBatch[]> {
    this.rows ??= this.dedupe.members(this.organisationId, [...new Set(this.ids)]).then((rows) => new Map(rows.map((r) => [r.id, r])));
    const rows = await this.rows;
    return ids.flatMap((id) => {
      const row = rows.get(id);
      if (!row) return [];
      const node = toMemberObject(row) as MemberWithBatch;
      node[MEMBER_BATCH] = this.batch;
      return [node];
    });
  }
}
