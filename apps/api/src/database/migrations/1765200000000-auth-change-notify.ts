import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * NOTIFY muster_auth_changed whenever a row that decides who a token is or what it reaches changes, so every API
 * process can drop its cached principals (apps/api/src/auth/principal-cache.ts). Statement-level triggers (one
 * notification per statement; PostgreSQL also folds identical notifications within a transaction), delivered at
 * commit. Columns that change on every use (last_used_at) are deliberately not watched.
 */
const WATCHED: [table: string, events: string][] = [
  ['session', 'UPDATE OF revoked_at, expires_at, user_id, token_hash OR DELETE OR TRUNCATE'],
  ['app_user', 'UPDATE OF disabled_at, email, id OR DELETE OR TRUNCATE'],
  ['membership', 'INSERT OR UPDATE OR DELETE OR TRUNCATE'],
  ['api_key', 'UPDATE OF revoked_at, role, organisation_id, secret_hash, prefix OR DELETE OR TRUNCATE'],
  ['organisation', 'INSERT OR UPDATE OF parent_id, id OR DELETE OR TRUNCATE'],
];

export class AuthChangeNotify1765200000000 implements MigrationInterface {
  name = 'AuthChangeNotify1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION "muster_notify_auth_change"() RETURNS trigger LANGUAGE plpgsql AS $f$
      BEGIN
        PERFORM pg_notify('muster_auth_changed', TG_TABLE_NAME);
        RETURN NULL;
      END $f$`);
    for (const [table, events] of WATCHED) {
      await q.query(`CREATE TRIGGER "muster_notify_auth_change" AFTER ${events} ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION "muster_notify_auth_change"()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table] of WATCHED) await q.query(`DROP TRIGGER "muster_notify_auth_change" ON "${table}"`);
    await q.query(`DROP FUNCTION "muster_notify_auth_change"()`);
  }
}
