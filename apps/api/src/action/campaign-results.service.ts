/**
 * Campaign results: the follow-through funnel of a campaign and its breakdowns by action, channel and credited
 * volunteer, read from follow_through_tally (kept exact by triggers on action_response, migration 1768000000000), and
 * the campaign's recent activity. Client roles (no agency role in the organisation) get small-number suppression
 * with the organisation's insight threshold (docs/campaigns.md, "Suppression"), no byVolunteer and no activity.
 * Must never: scan a campaign's responses at request time, return a suppressed small count to a client role, or name
 * volunteers to a client role.
 */
import { Injectable } from '@nestjs/common';
import {
  EMPTY_FOLLOW_THROUGH,
  RESPONSE_CHANNELS,
  addFollowThrough,
  followThroughRate,
  type FollowThroughCounts,
  type ResponseChannel,
} from '@muster/domain';
import { CampaignService } from '../campaign/campaign.service.js';
import { DatabaseContextService, requireOrganisationId } from '../common/database-context.service.js';
import { ValidationFailedException } from '../common/domain.exception.js';
import { NIL_UUID } from '../database/migrations/1768000000000-campaigns-actions.js';
import { DEFAULT_SUPPRESSION_THRESHOLD } from '../insights/insights.service.js';
import type { ActionResponseEventObject, CampaignResultsObject, FollowThroughObject } from './action.object.js';
import { ActionService } from './action.service.js';
import { toEventObject } from './action-responses.service.js';
import { EVENT_COLUMNS, type ActionResponseEventRow } from './action-response.repository.js';

interface TallyRow extends FollowThroughCounts {
  action_id: string;
  channel: ResponseChannel;
  credited_user_id: string;
}

const SELECT_COUNTS = `sum(asked)::int AS asked, sum(committed)::int AS committed, sum(reminded)::int AS reminded, sum(completed)::int AS completed,
  sum(completed_after_commit)::int AS "completedAfterCommit", sum(no_show)::int AS "noShow", sum(cancelled)::int AS cancelled,
  sum(declined)::int AS declined, sum(pending)::int AS pending`;

/** The same counts straight from action_response (the reference the tally is tested and benchmarked against). */
export const DIRECT_COUNTS = `count(*)::int AS asked, count(committed_at)::int AS committed, count(reminded_at)::int AS reminded,
  count(*) FILTER (WHERE state = 'COMPLETED')::int AS completed,
  count(*) FILTER (WHERE state = 'COMPLETED' AND committed_at IS NOT NULL)::int AS "completedAfterCommit",
  count(*) FILTER (WHERE state = 'NO_SHOW')::int AS "noShow", count(*) FILTER (WHERE state = 'CANCELLED')::int AS cancelled,
  count(*) FILTER (WHERE state = 'DECLINED')::int AS declined, count(*) FILTER (WHERE state IN ('COMMITTED', 'REMINDED'))::int AS pending`;

@Injectable()
export class CampaignResultsRepository {
  constructor(private readonly db: DatabaseContextService) {}

  /** The campaign's tally rows, summed per (action, channel, credited user). */
  async tally(organisationId: string, campaignId: string): Promise<TallyRow[]> {
    requireOrganisationId(organisationId);
    return this.db.query<TallyRow>(
      `SELECT action_id, channel, credited_user_id, ${SELECT_COUNTS} FROM follow_through_tally
        WHERE organisation_id = $1 AND campaign_id = $2 GROUP BY action_id, channel, credited_user_id`,
      [organisationId, campaignId],
    );
  }

  /** The same rows aggregated directly over action_response (for tests and the benchmark). */
  async direct(organisationId: string, campaignId: string): Promise<TallyRow[]> {
    requireOrganisationId(organisationId);
    return this.db.query<TallyRow>(
      `SELECT action_id, channel, COALESCE(credited_user_id, '${NIL_UUID}'::uuid) AS credited_user_id, ${DIRECT_COUNTS} FROM action_response
        WHERE organisation_id = $1 AND campaign_id = $2 GROUP BY 1, 2, 3`,
      [organisationId, campaignId],
    );
  }

  async actionIds(organisationId: string, campaignId: string): Promise<string[]> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<{ id: string }>(`SELECT id FROM action WHERE organisation_id = $1 AND campaign_id = $2 ORDER BY created_at, id`, [organisationId, campaignId]);
    return rows.map((r) => r.id);
  }

  async threshold(organisationId: string): Promise<number> {
    requireOrganisationId(organisationId);
    const rows = await this.db.query<{ t: number }>(`SELECT suppression_threshold AS t FROM insight_setting WHERE organisation_id = $1`, [organisationId]);
    return rows[0]?.t ?? DEFAULT_SUPPRESSION_THRESHOLD;
  }

  async activity(organisationId: string, campaignId: string, limit: number): Promise<ActionResponseEventRow[]> {
    requireOrganisationId(organisationId);
    return this.db.query<ActionResponseEventRow>(
      `SELECT ${EVENT_COLUMNS} FROM action_response_event WHERE organisation_id = $1 AND campaign_id = $2 ORDER BY at DESC, id DESC LIMIT $3`,
      [organisationId, campaignId, limit],
    );
  }

  async users(ids: string[]): Promise<Map<string, { name: string; email: string }>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.query<{ id: string; name: string; email: string }>(`SELECT id, name, email FROM app_user WHERE id = ANY($1::uuid[])`, [ids]);
    return new Map(rows.map((r) => [r.id, r]));
  }
}

/** Is any count small (1 ≤ c < threshold)? Then a client sees none of the row. */
function hasSmall(c: FollowThroughCounts, threshold: number): boolean {
  if (threshold <= 0) return false;
  return (Object.values(c) as number[]).some((n) => n >= 1 && n < threshold);
}

function shown(c: FollowThroughCounts): FollowThroughObject {
  return { ...c, rate: followThroughRate(c), suppressed: false };
}

const HIDDEN: FollowThroughObject = {
  asked: null, committed: null, reminded: null, completed: null, completedAfterCommit: null, noShow: null, cancelled: null,
  declined: null, pending: null, rate: null, suppressed: true,
};

/**
 * Suppression of one partition (rows that add up to a shown total): primary — a row with any small count is hidden
 * whole; secondary — when exactly one row is hidden and the total is shown, it could be recomputed by subtraction, so
 * the smallest other non-empty row (by asked) is hidden too.
 */
export function suppressRows(rows: FollowThroughCounts[], totalShown: boolean, threshold: number): FollowThroughObject[] {
  const hidden = rows.map((r) => hasSmall(r, threshold));
  if (totalShown && hidden.filter(Boolean).length === 1) {
    let pick = -1;
    rows.forEach((r, i) => {
      if (!hidden[i] && r.asked > 0 && (pick < 0 || r.asked < rows[pick].asked)) pick = i;
    });
    if (pick >= 0) hidden[pick] = true;
  }
  return rows.map((r, i) => (hidden[i] ? HIDDEN : shown(r)));
}

@Injectable()
export class CampaignResultsService {
  constructor(
    private readonly results: CampaignResultsRepository,
    private readonly campaigns: CampaignService,
    private readonly actions: ActionService,
  ) {}

  /** Null when the campaign is missing or outside the caller's campaign:read organisations. */
  async forCampaign(campaignId: string): Promise<CampaignResultsObject | null> {
    const campaign = await this.campaigns.findReadable(campaignId);
    if (!campaign) return null;
    const organisationId = campaign.organisation_id;
    const clientView = this.campaigns.isClientView(organisationId);
    const [tally, actionIds, threshold] = await Promise.all([
      this.results.tally(organisationId, campaign.id),
      this.results.actionIds(organisationId, campaign.id),
      clientView ? this.results.threshold(organisationId) : Promise.resolve(0),
    ]);
    const sum = (key: (r: TallyRow) => string) => {
      const map = new Map<string, FollowThroughCounts>();
      for (const r of tally) map.set(key(r), addFollowThrough(map.get(key(r)) ?? EMPTY_FOLLOW_THROUGH, r));
      return map;
    };
    const funnelCounts = tally.reduce<FollowThroughCounts>((a, r) => addFollowThrough(a, r), EMPTY_FOLLOW_THROUGH);
    const [funnel] = suppressRows([funnelCounts], false, threshold);
    const byActionCounts = sum((r) => r.action_id);
    const byChannelCounts = sum((r) => r.channel);
    const actionObjects = await this.actions.byIds(organisationId, actionIds);
    const actionRows = actionIds.map((id) => byActionCounts.get(id) ?? EMPTY_FOLLOW_THROUGH);
    const actionResults = suppressRows(actionRows, !funnel.suppressed, threshold);
    const channels = RESPONSE_CHANNELS.filter((c) => byChannelCounts.has(c));
    const channelResults = suppressRows(channels.map((c) => byChannelCounts.get(c)!), !funnel.suppressed, threshold);

    let byVolunteer: CampaignResultsObject['byVolunteer'] = [];
    if (!clientView) {
      const volunteers = sum((r) => r.credited_user_id);
      volunteers.delete(NIL_UUID);
      const users = await this.results.users([...volunteers.keys()]);
      byVolunteer = [...volunteers.entries()]
        .map(([id, c]) => ({ user: { id, name: users.get(id)?.name ?? null, email: users.get(id)?.email ?? null }, followThrough: shown(c) }))
        .sort((a, b) => (b.followThrough.asked ?? 0) - (a.followThrough.asked ?? 0) || a.user.id.localeCompare(b.user.id));
    }
    return {
      campaignId: campaign.id, organisationId, clientView, funnel,
      byAction: actionIds.map((id, i) => ({ action: actionObjects.get(id)!, followThrough: actionResults[i] })),
      byChannel: channels.map((channel, i) => ({ channel, followThrough: channelResults[i] })),
      byVolunteer,
    };
  }

  async activity(results: CampaignResultsObject, first: number | null | undefined): Promise<ActionResponseEventObject[]> {
    if (results.clientView) return [];
    const limit = first ?? 20;
    if (!Number.isInteger(limit) || limit < 0 || limit > 200) throw new ValidationFailedException([{ path: 'first', message: 'Must be a whole number from 0 to 200.' }]);
    const rows = await this.results.activity(results.organisationId, results.campaignId, limit);
    return rows.map(toEventObject);
  }
}
