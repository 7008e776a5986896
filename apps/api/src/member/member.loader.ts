/**
 * Loads phones and emails for every member of one page in one query each, the first time any
 * member of the page asks (no DataLoader needed: the page is the batch). Keyed by organisation.
 */
import type { MemberEmailObject, MemberPhoneObject } from './member.object.js';
import type { MemberRepository } from './member.repository.js';

export const MEMBER_BATCH = Symbol('memberBatch');

export class MemberBatchLoader {
  private phones?: Promise<Map<string, MemberPhoneObject[]>>;
  private emails?: Promise<Map<string, MemberEmailObject[]>>;

  constructor(
    private readonly repository: MemberRepository,
    private readonly organisationId: string,
    private readonly memberIds: string[],
  ) {}

  async phonesOf(memberId: string): Promise<MemberPhoneObject[]> {
    this.phones ??= this.repository.phonesOf(this.organisationId, this.memberIds).then((rows) =>
      group(rows, (r) => r.member_id, (r) => ({ id: r.id, e164: r.e164, type: r.type, primary: r.is_primary })),
    );
    return (await this.phones).get(memberId) ?? [];
  }

  async emailsOf(memberId: string): Promise<MemberEmailObject[]> {
    this.emails ??= this.repository.emailsOf(this.organisationId, this.memberIds).then((rows) =>
      group(rows, (r) => r.member_id, (r) => ({ id: r.id, address: r.address, primary: r.is_primary })),
    );
    return (await this.emails).get(memberId) ?? [];
  }
}

function group<R, T>(rows: R[], key: (r: R) => string, map: (r: R) => T): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(map(row));
    else out.set(k, [map(row)]);
  }
  return out;
}
