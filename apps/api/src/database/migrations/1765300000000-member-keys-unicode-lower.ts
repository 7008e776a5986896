import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The member name keys are lower-cased in a collation that knows Unicode case mapping, whatever the database's own
 * locale. The embedded PostgreSQL is initialised with --no-locale (collation "C"), where lower() only maps ASCII:
 * "Étienne" kept its capital and a search for "étienne" missed it. The migration picks, on this server, the first
 * collation whose lower() maps 'ÉØŁ' to 'éøł' (ICU root, PostgreSQL 17+/18 builtin Unicode, glibc C.UTF-8, the
 * database default) and writes it into the trigger function, then recomputes the keys that change.
 */
const CANDIDATES = ['und-x-icu', 'pg_unicode_fast', 'pg_c_utf8', 'C.utf8', 'C.UTF-8', 'en_GB.utf8', 'en_US.utf8'];

async function unicodeLowerCollation(q: QueryRunner): Promise<string | null> {
  const rows: { collname: string }[] = await q.query(
    `SELECT collname FROM pg_collation
      WHERE collname = ANY($1::text[]) AND collencoding IN (-1, pg_char_to_encoding('UTF8'))
        AND collnamespace = 'pg_catalog'::regnamespace`,
    [CANDIDATES],
  );
  const present = new Set(rows.map((r) => r.collname));
  for (const name of CANDIDATES) {
    if (!present.has(name)) continue;
    try {
      const [{ ok }] = await q.query(`SELECT lower('ÉØŁ' COLLATE "${name}") = 'éøł' AS ok`);
      if (ok) return name;
    } catch {
      // not usable on this server (e.g. a libc locale not installed); try the next
    }
  }
  return null;
}

function keysFunction(collation: string | null): string {
  const lower = (col: string) => (collation ? `lower(NEW.${col} COLLATE "${collation}")` : `lower(NEW.${col})`);
  return `CREATE OR REPLACE FUNCTION "member_sort_keys"() RETURNS trigger LANGUAGE plpgsql AS $f$
      BEGIN
        NEW.last_name_key := ${lower('last_name')};
        NEW.first_name_key := ${lower('first_name')};
        NEW.joined_on_key := COALESCE(NEW.joined_on, 'infinity'::date);
        NEW.membership_number_key := COALESCE(NEW.membership_number, '');
        RETURN NEW;
      END $f$`;
}

export class MemberKeysUnicodeLower1765300000000 implements MigrationInterface {
  name = 'MemberKeysUnicodeLower1765300000000';

  async up(q: QueryRunner): Promise<void> {
    const collation = await unicodeLowerCollation(q);
    await q.query(keysFunction(collation));
    const lower = (col: string) => (collation ? `lower("${col}" COLLATE "${collation}")` : `lower("${col}")`);
    // Only rows whose keys change are rewritten (on a server with a Unicode default locale: none).
    await q.query(`UPDATE "member" SET "first_name" = "first_name"
      WHERE "last_name_key" IS DISTINCT FROM ${lower('last_name')} OR "first_name_key" IS DISTINCT FROM ${lower('first_name')}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(keysFunction(null));
    await q.query(`UPDATE "member" SET "first_name" = "first_name"
      WHERE "last_name_key" IS DISTINCT FROM lower("last_name") OR "first_name_key" IS DISTINCT FROM lower("first_name")`);
  }
}
