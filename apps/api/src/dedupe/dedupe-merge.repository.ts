/**
 * The only place merge and unmerge SQL lives. History tables are found in the catalog: every table with
 * (organisation_id, member_id) columns other than member_email/member_phone, so tables added later (actions,
 * donations, calls, messages, consent records) are re-pointed without code changes. Rows are addressed by their
 * primary key; rows that would break a unique index on the survivor (the same volunteer assigned to both) are
 * removed and recorded whole so an unmerge can put them back.
 * Must never: touch another organisation's rows (every statement is scoped by organisation_id, and RLS holds).
 */
import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { DatabaseContextService, requireOrganisationId } from '../common/database-context.service.js';
import { NEWEST_FIRST, newestFirstAfter } from '../common/paging.js';

/** A member row as stored (to_jsonb of the whole row: every column, present and future). */
export type MemberJson = Record<string, unknown> & { id: string; first_name: string; last_name: string };
export type RowJson = Record<string, unknown>;

export interface MergedMemberSnapshot {
  member: MemberJson;
  phones: RowJson[];
  emails: RowJson[];
}

export interface MovedRow {
  table: string;
  /** The row's primary key after the move. */
  key: RowJson;
  /** The merged member the row belonged to. */
  memberId: string;
}

export interface RemovedRow {
  table: string;
  /** The whole row, as it was before the merge. */
  row: RowJson;
}

export interface AddedRows {
  member_phone: string[];
  member_email: string[];
}

export interface MemberMergeRow {
  organisation_id: string;
  id: string;
  survivor_id: string;
  merged_ids: string[];
  merged_names: string[];
  suggestion_id: string | null;
  created_by: string;
  created_at: Date;
  undone_at: Date | null;
  undone_by: string | null;
}

export interface MemberMergeFullRow extends MemberMergeRow {
  survivor_before: MergedMemberSnapshot;
  survivor_after: MergedMemberSnapshot;
  merged_members: MergedMemberSnapshot[];
  added_rows: AddedRows;
  moved_rows: MovedRow[];
  removed_rows: RemovedRow[];
}

export interface NewMemberMerge {
  survivorId: string;
  mergedIds: string[];
  mergedNames: string[];
  suggestionId: string | null;
  survivorBefore: MergedMemberSnapshot;
  survivorAfter: MergedMemberSnapshot;
  mergedMembers: MergedMemberSnapshot[];
  addedRows: AddedRows;
  movedRows: MovedRow[];
  removedRows: RemovedRow[];
  createdBy: string;
  createdByUserId: string | null;
}

interface UniqueIndex {
  name: string;
  columns: string[];
  nullsNotDistinct: boolean;
}

interface HistoryTable {
  table: string;
  primaryKey: string[];
  /** Plain-column unique indexes (other than the primary key) that include member_id. */
  uniques: UniqueIndex[];
}

const SUMMARY_COLUMNS = 'organisation_id, id, survivor_id, merged_ids, merged_names, suggestion_id, created_by, created_at, undone_at, undone_by';
/** The tables whose rows are copied (not moved) to the survivor and restored from the snapshot. */
const CONTACT_TABLES = ['member_email', 'member_phone'];

function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

@Injectable()
export class DedupeMergeRepository {
  constructor(private readonly db: DatabaseContextService) {}

  /** The members (whole rows as JSON), locked for the rest of the transaction. Missing ids are simply absent. */
  async lockMembers(organisationId: string, ids: string[]): Promise<MemberJson[]> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<{ row: MemberJson }>(
      `SELECT to_jsonb(m) AS row FROM member m WHERE m.organisation_id = $1 AND m.id = ANY($2::uuid[]) ORDER BY m.id FOR UPDATE`,
      [organisationId, ids],
    );
    return rows.map((r) => r.row);
  }

  async memberJson(organisationId: string, id: string): Promise<MemberJson | null> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<{ row: MemberJson }>(`SELECT to_jsonb(m) AS row FROM member m WHERE m.organisation_id = $1 AND m.id = $2`, [organisationId, id]);
    return rows[0]?.row ?? null;
  }

  /** Whole member_phone / member_email rows of these members, by member then position. */
  async contactRows(organisationId: string, table: 'member_phone' | 'member_email', memberIds: string[]): Promise<RowJson[]> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<{ row: RowJson }>(
      `SELECT to_jsonb(t) AS row FROM ${ident(table)} t WHERE t.organisation_id = $1 AND t.member_id = ANY($2::uuid[]) ORDER BY t.member_id, t.position, t.id`,
      [organisationId, memberIds],
    );
    return rows.map((r) => r.row);
  }

  /** Appends phones to a member (new ids), returning the ids. */
  async addPhones(organisationId: string, memberId: string, phones: { e164: string; type: string; isPrimary: boolean; position: number }[]): Promise<string[]> {
    requireOrganisationId(organisationId);
    if (phones.length === 0) return [];
    const ids = phones.map(() => uuidv7());
    await this.db.query(
      `INSERT INTO member_phone (organisation_id, id, member_id, e164, type, is_primary, position)
       SELECT $1, u.id, $2, u.e164, u.type::phone_type, u.is_primary, u.position
         FROM unnest($3::uuid[], $4::text[], $5::text[], $6::boolean[], $7::smallint[]) AS u(id, e164, type, is_primary, position)`,
      [organisationId, memberId, ids, phones.map((p) => p.e164), phones.map((p) => p.type), phones.map((p) => p.isPrimary), phones.map((p) => p.position)],
    );
    return ids;
  }

  async addEmails(organisationId: string, memberId: string, emails: { address: string; isPrimary: boolean; position: number }[]): Promise<string[]> {
    requireOrganisationId(organisationId);
    if (emails.length === 0) return [];
    const ids = emails.map(() => uuidv7());
    await this.db.query(
      `INSERT INTO member_email (organisation_id, id, member_id, address, is_primary, position)
       SELECT $1, u.id, $2, u.address, u.is_primary, u.position
         FROM unnest($3::uuid[], $4::text[], $5::boolean[], $6::smallint[]) AS u(id, address, is_primary, position)`,
      [organisationId, memberId, ids, emails.map((e) => e.address), emails.map((e) => e.isPrimary), emails.map((e) => e.position)],
    );
    return ids;
  }

  /**
   * Writes the survivor's own columns from a whole-row JSON (every column the table has, so a column added later
   * is carried too), with updated_at = now().
   */
  async writeMember(organisationId: string, id: string, values: MemberJson): Promise<void> {
    requireOrganisationId(organisationId);
    const columns = (await this.writableColumns('member')).filter((c) => c !== 'organisation_id' && c !== 'id' && c !== 'updated_at');
    await this.db.query(
      `UPDATE member m SET (${columns.map(ident).join(', ')}, updated_at) = (SELECT ${columns.map((c) => `v.${ident(c)}`).join(', ')}, now()
         FROM jsonb_populate_record(NULL::public.member, $3::jsonb) v)
        WHERE m.organisation_id = $1 AND m.id = $2`,
      [organisationId, id, JSON.stringify(values)],
    );
  }

  async deleteMembers(organisationId: string, ids: string[]): Promise<number> {
    requireOrganisationId(organisationId);
    const rows = await this.mutate<{ id: string }>(`DELETE FROM member WHERE organisation_id = $1 AND id = ANY($2::uuid[]) RETURNING id`, [organisationId, ids]);
    return rows.length;
  }

  /**
   * Moves every history row of the merged members to the survivor, in every table found in the catalog. Rows
   * that would collide with a unique index (with the survivor's row, or with another merged member's) are
   * deleted and returned whole; moved rows are returned by primary key.
   */
  async repointHistory(organisationId: string, survivorId: string, mergedIds: string[]): Promise<{ moved: MovedRow[]; removed: RemovedRow[] }> {
    requireOrganisationId(organisationId);
    const moved: MovedRow[] = [];
    const removed: RemovedRow[] = [];
    for (const t of await this.historyTables()) {
      const T = ident(t.table);
      const pkJoin = (a: string, b: string) => t.primaryKey.map((c) => `${a}.${ident(c)} = ${b}.${ident(c)}`).join(' AND ');
      for (const u of t.uniques) {
        const others = u.columns.filter((c) => c !== 'member_id');
        const same = (a: string, b: string) =>
          others.map((c) => (u.nullsNotDistinct ? `${a}.${ident(c)} IS NOT DISTINCT FROM ${b}.${ident(c)}` : `${a}.${ident(c)} = ${b}.${ident(c)}`)).join(' AND ') || 'true';
        // Against the survivor's own rows: the survivor's row stays.
        const withSurvivor = await this.mutate<{ row: RowJson }>(
          `DELETE FROM ${T} r WHERE r.organisation_id = $1 AND r.member_id = ANY($2::uuid[])
              AND EXISTS (SELECT 1 FROM ${T} s WHERE s.organisation_id = $1 AND s.member_id = $3 AND ${same('s', 'r')})
            RETURNING to_jsonb(r) AS row`,
          [organisationId, mergedIds, survivorId],
        );
        // Among the merged members: the first (in the order given) keeps its row.
        const notNull = u.nullsNotDistinct ? '' : others.map((c) => ` AND x.${ident(c)} IS NOT NULL`).join('');
        const amongMerged = await this.mutate<{ row: RowJson }>(
          `WITH ranked AS (
             SELECT ${t.primaryKey.map((c) => `x.${ident(c)}`).join(', ')},
                    row_number() OVER (PARTITION BY ${others.length ? others.map((c) => `x.${ident(c)}`).join(', ') : 'true'}
                                       ORDER BY array_position($2::uuid[], x.member_id), ${t.primaryKey.map((c) => `x.${ident(c)}`).join(', ')}) AS rn
               FROM ${T} x WHERE x.organisation_id = $1 AND x.member_id = ANY($2::uuid[])${notNull})
           DELETE FROM ${T} r USING ranked k WHERE r.organisation_id = $1 AND ${pkJoin('r', 'k')} AND k.rn > 1
           RETURNING to_jsonb(r) AS row`,
          [organisationId, mergedIds],
        );
        for (const { row } of [...withSurvivor, ...amongMerged]) removed.push({ table: t.table, row });
      }
      const keyJson = `jsonb_build_object(${t.primaryKey.map((c) => `'${c.replace(/'/g, "''")}', t.${ident(c)}`).join(', ')})`;
      const rows = await this.mutate<{ key: RowJson; member_id: string }>(
        `WITH o AS (SELECT ${t.primaryKey.map((c) => `x.${ident(c)}`).join(', ')}, x.member_id AS old_member_id
                      FROM ${T} x WHERE x.organisation_id = $1 AND x.member_id = ANY($2::uuid[]) FOR UPDATE)
         UPDATE ${T} t SET member_id = $3 FROM o WHERE t.organisation_id = $1 AND ${pkJoin('t', 'o')}
         RETURNING ${keyJson} AS key, o.old_member_id AS member_id`,
        [organisationId, mergedIds, survivorId],
      );
      for (const r of rows) moved.push({ table: t.table, key: r.key, memberId: r.member_id });
    }
    return { moved, removed };
  }

  /** Inserts whole rows (JSON) back into a table: same ids, same values. */
  async insertRows(organisationId: string, table: string, rows: RowJson[]): Promise<number> {
    requireOrganisationId(organisationId);
    if (rows.length === 0) return 0;
    if (rows.some((r) => r.organisation_id !== organisationId)) throw new Error('insertRows: a row of another organisation');
    const columns = await this.writableColumns(table);
    const list = columns.map(ident).join(', ');
    const inserted = await this.db.query(
      `INSERT INTO ${ident(table)} (${list}) SELECT ${list} FROM jsonb_populate_recordset(NULL::public.${ident(table)}, $1::jsonb) RETURNING 1`,
      [JSON.stringify(rows)],
    );
    return inserted.length;
  }

  async deleteRowsById(organisationId: string, table: 'member_phone' | 'member_email', ids: string[]): Promise<void> {
    requireOrganisationId(organisationId);
    if (ids.length === 0) return;
    await this.db.query(`DELETE FROM ${ident(table)} WHERE organisation_id = $1 AND id = ANY($2::uuid[])`, [organisationId, ids]);
  }

  /** Moves recorded rows back to the members they came from (by primary key). */
  async moveBack(organisationId: string, table: string, rows: MovedRow[]): Promise<number> {
    requireOrganisationId(organisationId);
    if (rows.length === 0) return 0;
    const pk = await this.primaryKey(table);
    const T = ident(table);
    const updated = await this.mutate(
      `UPDATE ${T} t SET member_id = (r.value->>'memberId')::uuid
         FROM jsonb_array_elements($2::jsonb) AS r(value), LATERAL jsonb_populate_record(NULL::public.${T}, r.value->'key') AS k
        WHERE t.organisation_id = $1 AND ${pk.map((c) => `t.${ident(c)} = k.${ident(c)}`).join(' AND ')}
        RETURNING 1`,
      [organisationId, JSON.stringify(rows)],
    );
    return updated.length;
  }

  /**
   * Puts the survivor's own columns back: each column that still holds what the merge wrote gets its value from
   * before the merge; a column changed since the merge keeps the later change.
   */
  async restoreMember(organisationId: string, id: string, before: MemberJson, after: MemberJson): Promise<void> {
    requireOrganisationId(organisationId);
    const columns = (await this.writableColumns('member')).filter((c) => c !== 'organisation_id' && c !== 'id');
    await this.db.query(
      `UPDATE member m SET (${columns.map(ident).join(', ')}) = (SELECT ${columns
        .map((c) => `CASE WHEN m.${ident(c)} IS NOT DISTINCT FROM a.${ident(c)} THEN b.${ident(c)} ELSE m.${ident(c)} END`)
        .join(', ')})
         FROM jsonb_populate_record(NULL::public.member, $3::jsonb) b, jsonb_populate_record(NULL::public.member, $4::jsonb) a
        WHERE m.organisation_id = $1 AND m.id = $2`,
      [organisationId, id, JSON.stringify(before), JSON.stringify(after)],
    );
  }

  async insertMerge(organisationId: string, m: NewMemberMerge): Promise<MemberMergeRow> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<MemberMergeRow>(
      `INSERT INTO member_merge (organisation_id, id, survivor_id, merged_ids, merged_names, suggestion_id, survivor_before, survivor_after,
         merged_members, added_rows, moved_rows, removed_rows, created_by, created_by_user_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING ${SUMMARY_COLUMNS}`,
      [organisationId, uuidv7(), m.survivorId, m.mergedIds, m.mergedNames, m.suggestionId, JSON.stringify(m.survivorBefore), JSON.stringify(m.survivorAfter),
        JSON.stringify(m.mergedMembers), JSON.stringify(m.addedRows), JSON.stringify(m.movedRows), JSON.stringify(m.removedRows), m.createdBy, m.createdByUserId],
    );
    return rows[0];
  }

  /** The merge with this id in one of these organisations, with its snapshots, locked. */
  async findFull(organisationIds: string[], id: string): Promise<MemberMergeFullRow | null> {
    if (!Array.isArray(organisationIds) || organisationIds.length === 0) requireOrganisationId('');
    organisationIds.forEach(requireOrganisationId);
    const rows = await this.db.query<MemberMergeFullRow>(`SELECT * FROM member_merge WHERE organisation_id = ANY($1::uuid[]) AND id = $2 FOR UPDATE`, [organisationIds, id]);
    return rows[0] ?? null;
  }

  /** Merges after this one, not undone, in which the member survived or was merged. */
  async laterMergesInvolving(organisationId: string, merge: { id: string; created_at: Date }, memberId: string): Promise<MemberMergeRow[]> {
    requireOrganisationId(organisationId);
    return this.db.query<MemberMergeRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM member_merge
        WHERE organisation_id = $1 AND (created_at, id) > ($2::timestamptz, $3::uuid) AND undone_at IS NULL
          AND (survivor_id = $4 OR $4 = ANY(merged_ids))
        ORDER BY created_at, id`,
      [organisationId, merge.created_at, merge.id, memberId],
    );
  }

  async markUndone(organisationId: string, id: string, undoneBy: string): Promise<MemberMergeRow> {
    requireOrganisationId(organisationId);
    const rows = await this.mutate<MemberMergeRow>(
      `UPDATE member_merge SET undone_at = now(), undone_by = $3 WHERE organisation_id = $1 AND id = $2 RETURNING ${SUMMARY_COLUMNS}`,
      [organisationId, id, undoneBy],
    );
    return rows[0];
  }

  /** Newest first, keyset on (created_at, id). */
  async page(organisationId: string, limit: number, after: { createdAt: string; id: string } | null): Promise<MemberMergeRow[]> {
    requireOrganisationId(organisationId);
    const params: unknown[] = [organisationId, limit];
    const where = 'organisation_id = $1' + newestFirstAfter(after, params);
    return this.db.query<MemberMergeRow>(`SELECT ${SUMMARY_COLUMNS} FROM member_merge WHERE ${where} ${NEWEST_FIRST} LIMIT $2`, params);
  }

  async count(organisationId: string): Promise<number> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM member_merge WHERE organisation_id = $1`, [organisationId]);
    return rows[0].n;
  }

  /** Tables holding members' history, from the catalog (see the file comment). */
  async historyTables(): Promise<HistoryTable[]> {
    const tables = await this.db.query<{ table: string; primary_key: string[] | null }>(
      `SELECT c.relname AS table,
              (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                WHERE i.indrelid = c.oid AND i.indisprimary) AS primary_key
         FROM pg_class c
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
          AND c.relname <> ALL ($1::text[])
          AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'organisation_id' AND NOT a.attisdropped)
          AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'member_id' AND NOT a.attisdropped)
        ORDER BY c.relname`,
      [CONTACT_TABLES],
    );
    const uniques = await this.db.query<{ table: string; name: string; columns: string[]; nulls_not_distinct: boolean }>(
      `SELECT c.relname AS table, ic.relname AS name, i.indnullsnotdistinct AS nulls_not_distinct,
              (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum) AS columns
         FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid
        WHERE c.relnamespace = 'public'::regnamespace AND c.relname = ANY ($1::text[]) AND i.indisunique
          AND i.indexprs IS NULL AND i.indpred IS NULL
          AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'member_id' AND a.attnum = ANY (i.indkey))
        ORDER BY c.relname, ic.relname`,
      [tables.map((t) => t.table)],
    );
    return tables.map((t) => {
      if (!t.primary_key) throw new Error(`merge: table "${t.table}" holds member history but has no primary key to record moved rows by`);
      return {
        table: t.table,
        primaryKey: t.primary_key,
        uniques: uniques.filter((u) => u.table === t.table).map((u) => ({ name: u.name, columns: u.columns, nullsNotDistinct: u.nulls_not_distinct })),
      };
    });
  }

  /** UPDATE/DELETE … RETURNING: TypeORM answers [rows, rowCount] for those commands; this answers the rows. */
  private async mutate<T = RowJson>(sql: string, params: unknown[]): Promise<T[]> {
    const result = (await this.db.query(sql, params)) as unknown;
    if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
    return result as T[];
  }

  private async writableColumns(table: string): Promise<string[]> {
    const rows = await this.db.query<{ name: string }>(
      `SELECT a.attname AS name FROM pg_attribute a
        WHERE a.attrelid = to_regclass('public.' || quote_ident($1)) AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
        ORDER BY a.attnum`,
      [table],
    );
    if (rows.length === 0) throw new Error(`merge: no table "${table}"`);
    return rows.map((r) => r.name);
  }

  private async primaryKey(table: string): Promise<string[]> {
    const rows = await this.db.query<{ name: string }>(
      `SELECT a.attname AS name FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
         JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
        WHERE i.indrelid = to_regclass('public.' || quote_ident($1)) AND i.indisprimary ORDER BY k.ord`,
      [table],
    );
    if (rows.length === 0) throw new Error(`unmerge: table "${table}" has no primary key`);
    return rows.map((r) => r.name);
  }
}
