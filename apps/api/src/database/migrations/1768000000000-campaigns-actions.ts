import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Campaigns, actions and follow-through (apps/api/src/campaign, apps/api/src/action, docs/campaigns.md).
 *
 * - campaign: a client organisation's campaign (name unique per organisation, case-insensitively). target_segment_id
 *   has no foreign key: a deleted segment leaves the campaign untargeted (the API answers targetSegment null).
 * - campaign_team: the users working on a campaign and their role in it.
 * - action: one thing members are asked to do in a campaign. public_slug is globally unique and unguessable (the
 *   action page's address). Deleted with its campaign; a response refuses the deletion (RESTRICT).
 * - action_response: one member's response to one action (one per member and action), in the follow-through state
 *   machine of @muster/domain (action.state.ts). campaign_id is a copy of the action's (actions never move).
 * - action_response_event: every move of a response, never updated (except member_id, which follows merges).
 *   response_id has no foreign key on purpose: a merge of two members who both responded to an action removes the
 *   merged member's response (recorded whole, restored by an unmerge) and its events must survive that.
 * - follow_through_tally: the follow-through counts per (campaign, action, channel, credited user), kept exact by
 *   statement-level triggers on action_response, so campaignResults never scans a campaign's responses. A response
 *   without credit is tallied under the nil uuid. Rows may reach all-zero counts and stay (harmless).
 * - member.last_contacted_at: the last time a response was recorded through CALL, SMS or EMAIL.
 *
 * Enums are text with CHECK constraints (values as the GraphQL enums).
 */
const ROLE = 'muster_app';
const REACH = `organisation_id = ANY ((SELECT string_to_array(current_setting('muster.organisation_ids', true), ',')::uuid[])::uuid[])`;

export const CAMPAIGN_STATUS_CHECK = `"status" IN ('DRAFT', 'ACTIVE', 'PAUSED', 'COMPLETED', 'ARCHIVED')`;
export const CAMPAIGN_CHANNELS_CHECK = `"channels" <@ ARRAY['CALL', 'SMS', 'EMAIL', 'WEB', 'EVENT', 'IMPORT', 'STAFF']::text[]`;
export const CAMPAIGN_TEAM_ROLE_CHECK = `"role" IN ('LEAD', 'ORGANISER', 'CALLER', 'TEXTER')`;
export const ACTION_TYPE_CHECK = `"type" IN ('PHONE_BANK_SIGNUP', 'DONATION', 'PETITION', 'EVENT', 'SURVEY', 'CUSTOM')`;
export const ACTION_STATUS_CHECK = `"status" IN ('DRAFT', 'OPEN', 'CLOSED')`;
export const RESPONSE_STATE_CHECK = `"state" IN ('ASKED', 'COMMITTED', 'REMINDED', 'COMPLETED', 'NO_SHOW', 'CANCELLED', 'DECLINED')`;
export const RESPONSE_CHANNEL_CHECK = `"channel" IN ('CALL', 'SMS', 'EMAIL', 'WEB', 'EVENT', 'IMPORT', 'STAFF')`;
export const EVENT_FROM_STATE_CHECK = `"from_state" IN ('ASKED', 'COMMITTED', 'REMINDED', 'COMPLETED', 'NO_SHOW', 'CANCELLED', 'DECLINED')`;
export const EVENT_TO_STATE_CHECK = `"to_state" IN ('ASKED', 'COMMITTED', 'REMINDED', 'COMPLETED', 'NO_SHOW', 'CANCELLED', 'DECLINED')`;
export const NIL_UUID = '00000000-0000-0000-0000-000000000000';

const TALLY_COUNTS = ['asked', 'committed', 'reminded', 'completed', 'completed_after_commit', 'no_show', 'cancelled', 'declined', 'pending'];

/** One signed fact row per response in `src` (a transition table). */
function tallyFacts(src: string, sign: number): string {
  return `SELECT organisation_id, campaign_id, action_id, channel, COALESCE(credited_user_id, '${NIL_UUID}'::uuid) AS credited_user_id,
      ${sign} AS asked,
      ${sign} * (committed_at IS NOT NULL)::int AS committed,
      ${sign} * (reminded_at IS NOT NULL)::int AS reminded,
      ${sign} * (state = 'COMPLETED')::int AS completed,
      ${sign} * (state = 'COMPLETED' AND committed_at IS NOT NULL)::int AS completed_after_commit,
      ${sign} * (state = 'NO_SHOW')::int AS no_show,
      ${sign} * (state = 'CANCELLED')::int AS cancelled,
      ${sign} * (state = 'DECLINED')::int AS declined,
      ${sign} * (state IN ('COMMITTED', 'REMINDED'))::int AS pending
    FROM ${src}`;
}

function tallyApply(facts: string): string {
  return `INSERT INTO follow_through_tally (organisation_id, campaign_id, action_id, channel, credited_user_id, ${TALLY_COUNTS.join(', ')})
    SELECT organisation_id, campaign_id, action_id, channel, credited_user_id, ${TALLY_COUNTS.map((c) => `sum(${c})`).join(', ')}
      FROM (${facts}) f
     GROUP BY organisation_id, campaign_id, action_id, channel, credited_user_id
    HAVING ${TALLY_COUNTS.map((c) => `sum(${c}) <> 0`).join(' OR ')}
     ORDER BY organisation_id, campaign_id, action_id, channel, credited_user_id
    ON CONFLICT (organisation_id, campaign_id, action_id, channel, credited_user_id) DO UPDATE SET
      ${TALLY_COUNTS.map((c) => `${c} = follow_through_tally.${c} + excluded.${c}`).join(', ')}`;
}

/** The columns the tally depends on: an UPDATE changing none of them (member_id in a merge, due_at) adds nothing. */
const TALLIED = ['organisation_id', 'campaign_id', 'action_id', 'channel', 'credited_user_id', 'state', '(committed_at IS NULL)', '(reminded_at IS NULL)'];
const tallied = (a: string) => `(${TALLIED.map((c) => (c.startsWith('(') ? c.replace('(', `(${a}.`) : `${a}.${c}`)).join(', ')})`;

export class CampaignsActions1768000000000 implements MigrationInterface {
  name = 'CampaignsActions1768000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "campaign" (
      "organisation_id" uuid NOT NULL,
      "id" uuid NOT NULL,
      "name" text NOT NULL,
      "description" text,
      "goal" text,
      "goal_count" integer,
      "starts_on" date,
      "ends_on" date,
      "status" text NOT NULL DEFAULT 'DRAFT',
      "target_segment_id" uuid,
      "channels" text array NOT NULL DEFAULT '{}',
      "created_by" text NOT NULL,
      "created_by_user_id" uuid,
      "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "campaign_status_check" CHECK (${CAMPAIGN_STATUS_CHECK}),
      CONSTRAINT "campaign_channels_check" CHECK (${CAMPAIGN_CHANNELS_CHECK}),
      CONSTRAINT "campaign_pkey" PRIMARY KEY ("organisation_id", "id"))`);
    await q.query(`CREATE INDEX "campaign_created_idx" ON "campaign" ("organisation_id", "created_at", "id")`);
    await q.query(`CREATE UNIQUE INDEX "campaign_name_key" ON "campaign" ("organisation_id", lower("name"))`);
    await q.query(`ALTER TABLE "campaign" ADD CONSTRAINT "campaign_organisation_id_fkey"
      FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);

    await q.query(`CREATE TABLE "campaign_team" (
      "organisation_id" uuid NOT NULL,
      "campaign_id" uuid NOT NULL,
      "user_id" uuid NOT NULL,
      "role" text NOT NULL,
      "added_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "campaign_team_role_check" CHECK (${CAMPAIGN_TEAM_ROLE_CHECK}),
      CONSTRAINT "campaign_team_pkey" PRIMARY KEY ("organisation_id", "campaign_id", "user_id"))`);
    await q.query(`CREATE INDEX "campaign_team_user_idx" ON "campaign_team" ("organisation_id", "user_id")`);
    await q.query(`ALTER TABLE "campaign_team" ADD CONSTRAINT "campaign_team_organisation_id_fkey"
      FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "campaign_team" ADD CONSTRAINT "campaign_team_campaign_fkey"
      FOREIGN KEY ("organisation_id", "campaign_id") REFERENCES "campaign"("organisation_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "campaign_team" ADD CONSTRAINT "campaign_team_user_id_fkey"
      FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);

    await q.query(`CREATE TABLE "action" (
      "organisation_id" uuid NOT NULL,
      "id" uuid NOT NULL,
      "campaign_id" uuid NOT NULL,
      "type" text NOT NULL,
      "title" text NOT NULL,
      "description" text,
      "status" text NOT NULL DEFAULT 'DRAFT',
      "goal_count" integer,
      "starts_at" TIMESTAMP(3) WITH TIME ZONE,
      "ends_at" TIMESTAMP(3) WITH TIME ZONE,
      "due_at" TIMESTAMP(3) WITH TIME ZONE,
      "reminder_offsets_minutes" integer array NOT NULL DEFAULT '{1440,120}',
      "public_slug" text NOT NULL,
      "page" jsonb NOT NULL DEFAULT '{}',
      "consent_wording" text,
      "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "action_type_check" CHECK (${ACTION_TYPE_CHECK}),
      CONSTRAINT "action_status_check" CHECK (${ACTION_STATUS_CHECK}),
      CONSTRAINT "action_pkey" PRIMARY KEY ("organisation_id", "id"))`);
    await q.query(`CREATE UNIQUE INDEX "action_public_slug_key" ON "action" ("public_slug")`);
    await q.query(`CREATE INDEX "action_campaign_idx" ON "action" ("organisation_id", "campaign_id", "created_at", "id")`);
    await q.query(`CREATE INDEX "action_created_idx" ON "action" ("organisation_id", "created_at", "id")`);
    await q.query(`ALTER TABLE "action" ADD CONSTRAINT "action_organisation_id_fkey"
      FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "action" ADD CONSTRAINT "action_campaign_fkey"
      FOREIGN KEY ("organisation_id", "campaign_id") REFERENCES "campaign"("organisation_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION`);

    await q.query(`CREATE TABLE "action_response" (
      "organisation_id" uuid NOT NULL,
      "id" uuid NOT NULL,
      "action_id" uuid NOT NULL,
      "campaign_id" uuid NOT NULL,
      "member_id" uuid NOT NULL,
      "state" text NOT NULL,
      "channel" text NOT NULL,
      "credited_user_id" uuid,
      "asked_at" TIMESTAMP(3) WITH TIME ZONE,
      "committed_at" TIMESTAMP(3) WITH TIME ZONE,
      "reminded_at" TIMESTAMP(3) WITH TIME ZONE,
      "completed_at" TIMESTAMP(3) WITH TIME ZONE,
      "closed_at" TIMESTAMP(3) WITH TIME ZONE,
      "due_at" TIMESTAMP(3) WITH TIME ZONE,
      "reminder_count" integer NOT NULL DEFAULT 0,
      "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "action_response_state_check" CHECK (${RESPONSE_STATE_CHECK}),
      CONSTRAINT "action_response_channel_check" CHECK (${RESPONSE_CHANNEL_CHECK}),
      CONSTRAINT "action_response_pkey" PRIMARY KEY ("organisation_id", "id"))`);
    await q.query(`CREATE UNIQUE INDEX "action_response_action_member_key" ON "action_response" ("organisation_id", "action_id", "member_id")`);
    await q.query(`CREATE INDEX "action_response_created_idx" ON "action_response" ("organisation_id", "created_at", "id")`);
    await q.query(`CREATE INDEX "action_response_campaign_idx" ON "action_response" ("organisation_id", "campaign_id", "created_at", "id")`);
    await q.query(`CREATE INDEX "action_response_action_idx" ON "action_response" ("organisation_id", "action_id", "created_at", "id")`);
    await q.query(`CREATE INDEX "action_response_member_idx" ON "action_response" ("organisation_id", "member_id")`);
    await q.query(`CREATE INDEX "action_response_credited_idx" ON "action_response" ("organisation_id", "credited_user_id")`);
    // The reminder sweep: open commitments with a due date, across organisations (run by the jobs worker).
    await q.query(`CREATE INDEX "action_response_due_idx" ON "action_response" ("due_at") WHERE "state" IN ('COMMITTED', 'REMINDED') AND "due_at" IS NOT NULL`);
    await q.query(`ALTER TABLE "action_response" ADD CONSTRAINT "action_response_organisation_id_fkey"
      FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "action_response" ADD CONSTRAINT "action_response_action_fkey"
      FOREIGN KEY ("organisation_id", "action_id") REFERENCES "action"("organisation_id", "id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "action_response" ADD CONSTRAINT "action_response_member_fkey"
      FOREIGN KEY ("organisation_id", "member_id") REFERENCES "member"("organisation_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "action_response" ADD CONSTRAINT "action_response_credited_user_id_fkey"
      FOREIGN KEY ("credited_user_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);

    await q.query(`CREATE TABLE "action_response_event" (
      "organisation_id" uuid NOT NULL,
      "id" uuid NOT NULL,
      "response_id" uuid NOT NULL,
      "action_id" uuid NOT NULL,
      "campaign_id" uuid NOT NULL,
      "member_id" uuid NOT NULL,
      "from_state" text,
      "to_state" text NOT NULL,
      "channel" text NOT NULL,
      "credited_user_id" uuid,
      "actor" text NOT NULL,
      "note" text,
      "at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
      CONSTRAINT "action_response_event_from_state_check" CHECK (${EVENT_FROM_STATE_CHECK}),
      CONSTRAINT "action_response_event_to_state_check" CHECK (${EVENT_TO_STATE_CHECK}),
      CONSTRAINT "action_response_event_channel_check" CHECK (${RESPONSE_CHANNEL_CHECK}),
      CONSTRAINT "action_response_event_pkey" PRIMARY KEY ("organisation_id", "id"))`);
    await q.query(`CREATE INDEX "action_response_event_response_idx" ON "action_response_event" ("organisation_id", "response_id", "at")`);
    await q.query(`CREATE INDEX "action_response_event_campaign_idx" ON "action_response_event" ("organisation_id", "campaign_id", "at")`);
    await q.query(`CREATE INDEX "action_response_event_member_idx" ON "action_response_event" ("organisation_id", "member_id")`);
    await q.query(`ALTER TABLE "action_response_event" ADD CONSTRAINT "action_response_event_organisation_id_fkey"
      FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "action_response_event" ADD CONSTRAINT "action_response_event_member_fkey"
      FOREIGN KEY ("organisation_id", "member_id") REFERENCES "member"("organisation_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION`);

    await q.query(`CREATE TABLE "follow_through_tally" (
      "organisation_id" uuid NOT NULL,
      "campaign_id" uuid NOT NULL,
      "action_id" uuid NOT NULL,
      "channel" text NOT NULL,
      "credited_user_id" uuid NOT NULL,
      ${TALLY_COUNTS.map((c) => `"${c}" bigint NOT NULL DEFAULT 0`).join(',\n      ')},
      CONSTRAINT "follow_through_tally_pkey" PRIMARY KEY ("organisation_id", "campaign_id", "action_id", "channel", "credited_user_id"))`);
    await q.query(`ALTER TABLE "follow_through_tally" ADD CONSTRAINT "follow_through_tally_organisation_id_fkey"
      FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    // Deleting an action (only possible without responses) or its campaign removes its (all-zero) tally rows.
    await q.query(`ALTER TABLE "follow_through_tally" ADD CONSTRAINT "follow_through_tally_action_fkey"
      FOREIGN KEY ("organisation_id", "action_id") REFERENCES "action"("organisation_id", "id") ON DELETE CASCADE ON UPDATE NO ACTION`);

    await q.query(`ALTER TABLE "member" ADD "last_contacted_at" TIMESTAMP(3) WITH TIME ZONE`);

    for (const table of ['campaign', 'campaign_team', 'action', 'action_response', 'action_response_event', 'follow_through_tally']) {
      await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "${table}" TO ${ROLE}`);
      await q.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY muster_tenant ON "${table}" FOR ALL TO ${ROLE} USING (${REACH}) WITH CHECK (${REACH})`);
    }

    // Whether a user may be credited with (or work on) an organisation's campaign: a membership in the organisation or
    // one of its ancestors (agency staff and volunteers). SECURITY DEFINER: answers the same whatever the caller's
    // reach (an action page runs with the one organisation's reach and still credits the agency's volunteer).
    await q.query(`CREATE FUNCTION muster_user_works_for(p_organisation_id uuid, p_user_id uuid) RETURNS boolean
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $f$
        WITH RECURSIVE up(id, depth) AS (
          SELECT o.id, 0 FROM organisation o WHERE o.id = p_organisation_id
          UNION ALL SELECT o.parent_id, up.depth + 1 FROM up JOIN organisation o ON o.id = up.id WHERE o.parent_id IS NOT NULL AND up.depth < 10)
        SELECT EXISTS (SELECT 1 FROM membership m WHERE m.user_id = p_user_id AND m.organisation_id IN (SELECT id FROM up)) $f$`);
    await q.query(`REVOKE ALL ON FUNCTION muster_user_works_for(uuid, uuid) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION muster_user_works_for(uuid, uuid) TO ${ROLE}`);

    // The reminder sweep (apps/api/src/action/action-reminder.service.ts): which open commitments are owed a reminder
    // now, across organisations. A response is owed one when the latest reminder time that has passed,
    // t = max(due_at − offset ≤ now), is after its commitment and after its last reminder. Answers only ids; the
    // reminders are then sent inside each organisation's own request context. SECURITY DEFINER: the job has no reach.
    await q.query(`CREATE FUNCTION action_reminders_due(p_now timestamptz, p_limit integer)
      RETURNS TABLE (organisation_id uuid, response_id uuid)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $f$
        SELECT r.organisation_id, r.id FROM action_response r
          JOIN action a ON a.organisation_id = r.organisation_id AND a.id = r.action_id
          CROSS JOIN LATERAL (SELECT max(r.due_at - o * interval '1 minute') AS t FROM unnest(a.reminder_offsets_minutes) o
                               WHERE r.due_at - o * interval '1 minute' <= p_now) x
         WHERE r.state IN ('COMMITTED', 'REMINDED') AND r.due_at IS NOT NULL
           AND r.due_at > p_now AND r.due_at <= p_now + interval '30 days'
           AND x.t IS NOT NULL AND x.t > COALESCE(r.committed_at, '-infinity'::timestamptz)
           AND (r.reminded_at IS NULL OR r.reminded_at < x.t)
         ORDER BY r.due_at, r.id LIMIT p_limit $f$`);
    await q.query(`REVOKE ALL ON FUNCTION action_reminders_due(timestamptz, integer) FROM PUBLIC`);
    await q.query(`GRANT EXECUTE ON FUNCTION action_reminders_due(timestamptz, integer) TO ${ROLE}`);

    // The tally triggers: SECURITY DEFINER (the tally is written whatever the caller's reach; the rows come from the
    // caller's own statement, which RLS already checked).
    const triggers: [string, string, string][] = [
      ['ins', 'INSERT', `NEW TABLE AS n`],
      ['upd', 'UPDATE', `OLD TABLE AS o NEW TABLE AS n`],
      ['del', 'DELETE', `OLD TABLE AS o`],
    ];
    for (const [suffix, event, referencing] of triggers) {
      const body = suffix === 'ins' ? tallyApply(tallyFacts('n', 1))
        : suffix === 'del' ? tallyApply(tallyFacts('o', -1))
        : tallyApply(`${tallyFacts(`(SELECT o.* FROM o JOIN n USING (organisation_id, id) WHERE ${tallied('o')} IS DISTINCT FROM ${tallied('n')}) ch`, -1)}
            UNION ALL ${tallyFacts(`(SELECT n.* FROM n JOIN o USING (organisation_id, id) WHERE ${tallied('o')} IS DISTINCT FROM ${tallied('n')}) ch`, 1)}`);
      await q.query(`CREATE FUNCTION action_response_tally_${suffix}() RETURNS trigger LANGUAGE plpgsql
        SECURITY DEFINER SET search_path = public, pg_temp AS $$
        BEGIN
          ${body};
          RETURN NULL;
        END $$`);
      await q.query(`CREATE TRIGGER action_response_tally_${suffix} AFTER ${event} ON action_response
        REFERENCING ${referencing} FOR EACH STATEMENT EXECUTE FUNCTION action_response_tally_${suffix}()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const suffix of ['ins', 'upd', 'del']) {
      await q.query(`DROP TRIGGER action_response_tally_${suffix} ON action_response`);
      await q.query(`DROP FUNCTION action_response_tally_${suffix}()`);
    }
    await q.query(`DROP FUNCTION action_reminders_due(timestamptz, integer)`);
    await q.query(`DROP FUNCTION muster_user_works_for(uuid, uuid)`);
    await q.query(`ALTER TABLE "member" DROP COLUMN "last_contacted_at"`);
    for (const table of ['follow_through_tally', 'action_response_event', 'action_response', 'action', 'campaign_team', 'campaign']) {
      await q.query(`DROP TABLE "${table}"`);
    }
  }
}
