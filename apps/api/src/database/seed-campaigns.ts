/**
 * Loads the demo campaigns of @muster/demo-data (campaigns, teams, actions, responses with their histories, donations)
 * inside the seed's transaction, after the members and demo users. Each response's row is what @muster/domain's
 * state machine makes of its history (applyTransition, the same function the API uses), so the demo cannot hold a
 * response the product could not have produced; the follow-through tally is kept by its triggers as for any insert.
 * Must never: run outside the seed (it writes as the owner, without row-level security).
 */
import { DEMO_CAMPAIGNS, generateCampaignActivity, type DemoCampaign, type DemoDonation, type DemoResponse } from '@muster/demo-data';
import { applyTransition, type ResponseSnapshot } from '@muster/domain';
import type { QueryRunner } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

const DAY_MS = 86_400_000;
const SLUG_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

export interface CampaignSeedContext {
  runner: QueryRunner;
  organisationIds: Map<string, string>;
  /** The staff and volunteers responses may be credited to; index 0 is the demo volunteer. */
  creditedUserIds: string[];
  /** The demo organiser (campaign lead) and the agency admin. */
  leadUserId: string | null;
  todayMs: number;
  seed: number;
  next16: () => Uint8Array;
}

export interface CampaignSeedSummary {
  campaigns: number;
  actions: number;
  responses: number;
  donations: number;
  /** campaign key → action key → the action's public slug (npm start prints one page address). */
  slugs: Record<string, Record<string, string>>;
}

function slugFrom(bytes: Uint8Array): string {
  return Array.from(bytes.subarray(0, 10), (b) => SLUG_ALPHABET[b & 31]).join('');
}

export async function seedDemoCampaigns(ctx: CampaignSeedContext): Promise<CampaignSeedSummary> {
  const summary: CampaignSeedSummary = { campaigns: 0, actions: 0, responses: 0, donations: 0, slugs: {} };
  const { runner, todayMs } = ctx;
  const at = (days: number) => new Date(todayMs + Math.round(days * DAY_MS));
  const id = (ms: number) => uuidv7({ msecs: ms, random: ctx.next16() });

  for (const organisation of ['union', 'campaign'] as const) {
    const organisationId = ctx.organisationIds.get(organisation);
    if (!organisationId) continue;
    const members: string[] = (await runner.query(`SELECT id FROM member WHERE organisation_id = $1 ORDER BY id`, [organisationId])).map((r: { id: string }) => r.id);
    if (members.length === 0) continue;
    const activity = generateCampaignActivity({ organisation, memberCount: members.length, creditedCount: ctx.creditedUserIds.length, seed: ctx.seed });
    const actionIds = new Map<string, { id: string; campaignId: string }>();
    for (const campaign of DEMO_CAMPAIGNS.filter((c) => c.organisation === organisation)) {
      const campaignId = await insertCampaign(ctx, organisationId, campaign, id, at);
      summary.campaigns++;
      summary.slugs[campaign.key] = {};
      for (const action of campaign.actions) {
        const actionId = id(at(campaign.startsInDays).getTime());
        const slug = slugFrom(ctx.next16());
        const due = action.dueInDays === null ? null : at(action.dueInDays);
        await runner.query(
          `INSERT INTO action (organisation_id, id, campaign_id, type, title, description, status, goal_count, starts_at, ends_at, due_at,
             public_slug, page, consent_wording, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14, $15, $15)`,
          [organisationId, actionId, campaignId, action.type, action.title, action.description, action.status, action.goalCount,
            due, due && action.durationMinutes ? new Date(due.getTime() + action.durationMinutes * 60_000) : null, due, slug,
            JSON.stringify(action.page), action.consentWording, at(campaign.startsInDays)],
        );
        actionIds.set(`${campaign.key}/${action.key}`, { id: actionId, campaignId });
        summary.slugs[campaign.key][action.key] = slug;
        summary.actions++;
      }
    }
    summary.responses += await insertResponses(ctx, organisationId, members, actionIds, activity.responses, at, id);
    summary.donations += await insertDonations(ctx, organisationId, members, actionIds, activity.donations, at, id);
  }
  return summary;
}

async function insertCampaign(ctx: CampaignSeedContext, organisationId: string, c: DemoCampaign, id: (ms: number) => string, at: (d: number) => Date): Promise<string> {
  const campaignId = id(at(c.startsInDays).getTime());
  const day = (d: number | null) => (d === null ? null : at(d).toISOString().slice(0, 10));
  await ctx.runner.query(
    `INSERT INTO campaign (organisation_id, id, name, description, goal, goal_count, starts_on, ends_on, status, channels, created_by, created_by_user_id, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'seed', $11, $12, $12)`,
    [organisationId, campaignId, c.name, c.description, c.goal, c.goalCount, day(c.startsInDays), day(c.endsInDays), c.status, c.channels, ctx.leadUserId, at(c.startsInDays)],
  );
  const team: [string, string][] = [];
  if (ctx.leadUserId) team.push([ctx.leadUserId, 'LEAD']);
  for (const [i, userId] of ctx.creditedUserIds.entries()) {
    if (userId !== ctx.leadUserId) team.push([userId, i === 0 ? 'CALLER' : 'ORGANISER']);
  }
  for (const [userId, role] of team) {
    await ctx.runner.query(`INSERT INTO campaign_team (organisation_id, campaign_id, user_id, role) VALUES ($1, $2, $3, $4)`, [organisationId, campaignId, userId, role]);
  }
  return campaignId;
}

async function insertResponses(
  ctx: CampaignSeedContext, organisationId: string, members: string[], actions: Map<string, { id: string; campaignId: string }>,
  responses: DemoResponse[], at: (d: number) => Date, id: (ms: number) => string,
): Promise<number> {
  const rows: unknown[][] = [];
  const events: unknown[][] = [];
  const contacted = new Map<string, Date>();
  for (const r of responses) {
    const action = actions.get(`${r.campaignKey}/${r.actionKey}`);
    if (!action || r.events.length === 0) continue;
    const memberId = members[r.memberIndex];
    const responseId = id(at(r.events[0].atDays).getTime());
    let current: ResponseSnapshot | null = null;
    for (const e of r.events) {
      const when = at(e.atDays);
      const credit = e.credit === null ? null : ctx.creditedUserIds[e.credit] ?? null;
      const moved = applyTransition(current, { to: e.to, channel: e.channel, creditedUserId: credit, at: when });
      if (!moved.ok) throw new Error(`seed: demo response history is not a legal path (${current?.state ?? 'new'} → ${e.to})`);
      events.push([organisationId, id(when.getTime()), responseId, action.id, action.campaignId, memberId, current?.state ?? null, e.to, e.channel, credit, 'seed', when]);
      current = moved.value;
      if (e.channel === 'CALL' || e.channel === 'SMS' || e.channel === 'EMAIL') {
        const last = contacted.get(memberId);
        if (!last || last < when) contacted.set(memberId, when);
      }
    }
    const s = current!;
    rows.push([organisationId, responseId, action.id, action.campaignId, memberId, s.state, s.channel, s.creditedUserId, s.askedAt, s.committedAt, s.remindedAt,
      s.completedAt, s.closedAt, s.reminderCount, at(r.events[0].atDays), at(r.events[r.events.length - 1].atDays)]);
  }
  const columns = (table: unknown[][], i: number) => table.map((row) => row[i]);
  await ctx.runner.query(
    `INSERT INTO action_response (organisation_id, id, action_id, campaign_id, member_id, state, channel, credited_user_id, asked_at, committed_at,
       reminded_at, completed_at, closed_at, reminder_count, created_at, updated_at)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::uuid[], $9::timestamptz[],
       $10::timestamptz[], $11::timestamptz[], $12::timestamptz[], $13::timestamptz[], $14::int[], $15::timestamptz[], $16::timestamptz[])`,
    Array.from({ length: 16 }, (_, i) => columns(rows, i)),
  );
  await ctx.runner.query(
    `INSERT INTO action_response_event (organisation_id, id, response_id, action_id, campaign_id, member_id, from_state, to_state, channel, credited_user_id, actor, at)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::text[], $8::text[], $9::text[], $10::uuid[], $11::text[], $12::timestamptz[])`,
    Array.from({ length: 12 }, (_, i) => columns(events, i)),
  );
  await ctx.runner.query(
    `UPDATE member m SET last_contacted_at = c.at FROM unnest($2::uuid[], $3::timestamptz[]) AS c(id, at) WHERE m.organisation_id = $1 AND m.id = c.id`,
    [organisationId, [...contacted.keys()], [...contacted.values()]],
  );
  return rows.length;
}

/**
 * Donations as staff-recorded history (provider MANUAL, noted "Demo history"): the stand-in provider of this machine
 * never saw them, so they stay refundable in the demo. Monthly givers get a plan; Gift Aid givers a declaration; each
 * giver whose gift was paid has a COMPLETED response to the donation action with the gift's channel and credit (what a
 * paid webhook does), linked from the donation.
 */
async function insertDonations(
  ctx: CampaignSeedContext, organisationId: string, members: string[], actions: Map<string, { id: string; campaignId: string }>,
  donations: DemoDonation[], at: (d: number) => Date, id: (ms: number) => string,
): Promise<number> {
  const responses = new Map<string, string>();
  const plans = new Map<string, string>();
  const declarations = new Map<string, string>();
  for (const d of donations) {
    const action = actions.get(`${d.campaignKey}/${d.actionKey}`);
    if (!action) continue;
    const memberId = members[d.memberIndex];
    const when = at(d.atDays);
    const credit = d.credit === null ? null : ctx.creditedUserIds[d.credit] ?? null;
    const key = `${action.id}/${memberId}`;
    if (d.status !== 'FAILED' && !responses.has(key)) {
      const responseId = id(when.getTime());
      const done = applyTransition(null, { to: 'COMPLETED', channel: d.channel, creditedUserId: credit, at: when });
      if (!done.ok) throw new Error('seed: a donation cannot complete its action');
      const r = done.value;
      await ctx.runner.query(
        `INSERT INTO action_response (organisation_id, id, action_id, campaign_id, member_id, state, channel, credited_user_id, asked_at, completed_at, closed_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $9, $9)`,
        [organisationId, responseId, action.id, action.campaignId, memberId, r.state, r.channel, r.creditedUserId, r.askedAt, r.completedAt, r.closedAt],
      );
      await ctx.runner.query(
        `INSERT INTO action_response_event (organisation_id, id, response_id, action_id, campaign_id, member_id, from_state, to_state, channel, credited_user_id, actor, note, at)
         VALUES ($1, $2, $3, $4, $5, $6, NULL, 'COMPLETED', $7, $8, 'seed', 'Donation', $9)`,
        [organisationId, id(when.getTime()), responseId, action.id, action.campaignId, memberId, r.channel, r.creditedUserId, when],
      );
      responses.set(key, responseId);
    }
    if (d.giftAid && !declarations.has(memberId)) {
      const declarationId = id(when.getTime());
      await ctx.runner.query(
        `INSERT INTO gift_aid_declaration (organisation_id, id, member_id, declared_at, wording, full_name, house, postcode, covers_past, covers_future, source)
         SELECT $1, $2, m.id, $3, $4, m.first_name || ' ' || m.last_name, '1', COALESCE(m.postcode, 'M1 1AA'), false, true, 'STAFF'
           FROM member m WHERE m.organisation_id = $1 AND m.id = $5`,
        [organisationId, declarationId, at(-120), GIFT_AID_WORDING, memberId],
      );
      declarations.set(memberId, declarationId);
    }
    let planId: string | null = null;
    if (d.kind === 'RECURRING') {
      planId = plans.get(memberId) ?? null;
      if (!planId) {
        planId = id(when.getTime());
        await ctx.runner.query(
          `INSERT INTO donation_plan (organisation_id, id, member_id, campaign_id, action_id, amount_pence, interval, status, gift_aid, gift_aid_declaration_id, channel,
             credited_user_id, provider, started_at)
           VALUES ($1, $2, $3, $4, $5, $6, 'MONTH', 'ACTIVE', $7, $8, $9, $10, 'MANUAL', $11)`,
          [organisationId, planId, memberId, action.campaignId, action.id, d.amountPence, d.giftAid, declarations.get(memberId) ?? null, d.channel, credit, at(-90)],
        );
        plans.set(memberId, planId);
      }
    }
    const paid = d.status !== 'FAILED';
    await ctx.runner.query(
      `INSERT INTO donation (organisation_id, id, member_id, campaign_id, action_id, response_id, amount_pence, kind, plan_id, status, refunded_pence, gift_aid,
         gift_aid_declaration_id, channel, credited_user_id, provider, failure_code, failure_message, note, created_by, created_at, succeeded_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 'MANUAL', $16, $17, 'Demo history', 'seed', $18, $19, $18)`,
      [organisationId, id(when.getTime()), memberId, action.campaignId, action.id, paid ? responses.get(key) ?? null : null, d.amountPence, d.kind, planId, d.status,
        d.refundedPence, d.giftAid, d.giftAid ? declarations.get(memberId) ?? null : null, d.channel, credit,
        paid ? null : 'card_declined', paid ? null : 'Your card was declined.', when, paid ? when : null],
    );
  }
  return donations.length;
}

const GIFT_AID_WORDING =
  'I am a UK taxpayer and understand that if I pay less Income Tax and/or Capital Gains Tax in the current tax year than the amount ' +
  'of Gift Aid claimed on all my donations it is my responsibility to pay any difference.';
