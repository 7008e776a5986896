import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { RequireCapability } from '../access/access.decorator.js';
import { AccessService } from '../access/access.service.js';
import { SegmentObject } from '../segment/segment.object.js';
import { SegmentRepository } from '../segment/segment.repository.js';
import { SEGMENT_COUNTS, SegmentCountLoader, toSegmentObject, type SegmentWithCounts } from '../segment/segment.service.js';
import { CampaignConnection, CampaignObject, CampaignTeamMemberObject, UserSummaryObject } from './campaign.object.js';
import { CampaignService } from './campaign.service.js';
import { CampaignFilter, CreateCampaignInput, UpdateCampaignInput } from './dtos/campaign.inputs.js';

@Resolver(() => CampaignObject)
export class CampaignResolver {
  constructor(
    private readonly service: CampaignService,
    private readonly segments: SegmentRepository,
    private readonly access: AccessService,
  ) {}

  @Query(() => CampaignConnection, { description: 'Campaigns of one organisation, newest first.' })
  @RequireCapability('campaign:read')
  campaigns(
    @Args('organisationId', { type: () => ID }) organisationId: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
    @Args('filter', { type: () => CampaignFilter, nullable: true }) filter?: CampaignFilter,
  ): Promise<CampaignConnection> {
    return this.service.list(organisationId, { first, after, filter });
  }

  @Query(() => CampaignObject, { nullable: true, description: 'Null when not found or another organisation\'s.' })
  @RequireCapability('campaign:read')
  campaign(@Args('id', { type: () => ID }) id: string): Promise<CampaignObject | null> {
    return this.service.get(id);
  }

  @Query(() => [UserSummaryObject], {
    description: 'Who may be put on the organisation\'s campaign teams: users with a role in it or in one of its parents (the agency\'s staff and volunteers), by name. `search` matches name or email; `first` 1–200 (default 50).',
  })
  @RequireCapability('campaign:write')
  campaignTeamCandidates(
    @Args('organisationId', { type: () => ID }) organisationId: string,
    @Args('search', { type: () => String, nullable: true }) search?: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
  ): Promise<UserSummaryObject[]> {
    return this.service.teamCandidates(organisationId, search, first);
  }

  @Mutation(() => CampaignObject)
  @RequireCapability('campaign:write')
  createCampaign(@Args('input', { type: () => CreateCampaignInput }) input: CreateCampaignInput): Promise<CampaignObject> {
    return this.service.create(input);
  }

  @Mutation(() => CampaignObject)
  @RequireCapability('campaign:write')
  updateCampaign(
    @Args('id', { type: () => ID }) id: string,
    @Args('input', { type: () => UpdateCampaignInput }) input: UpdateCampaignInput,
  ): Promise<CampaignObject> {
    return this.service.update(id, input);
  }

  @Mutation(() => Boolean, { description: 'Refused (CAMPAIGN_HAS_RESPONSES) while any of its actions has a response: archive it instead.' })
  @RequireCapability('campaign:write')
  deleteCampaign(@Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.service.delete(id);
  }

  @ResolveField('team', () => [CampaignTeamMemberObject])
  team(@Parent() campaign: CampaignObject): Promise<CampaignTeamMemberObject[]> {
    return this.service.team(campaign);
  }

  @ResolveField('actionCount', () => Int)
  actionCount(@Parent() campaign: CampaignObject): Promise<number> {
    return this.service.actionCount(campaign);
  }

  @ResolveField('targetSegment', () => SegmentObject, { nullable: true, description: 'Null when unset, deleted, or you lack segment:read.' })
  async targetSegment(@Parent() campaign: CampaignObject): Promise<SegmentObject | null> {
    if (!campaign.targetSegmentId) return null;
    if (!this.access.organisationsWith('segment:read').includes(campaign.organisationId)) return null;
    const row = await this.segments.findById([campaign.organisationId], campaign.targetSegmentId);
    if (!row) return null;
    const node = toSegmentObject(row) as SegmentWithCounts;
    node[SEGMENT_COUNTS] = new SegmentCountLoader(this.segments, campaign.organisationId, [row]);
    return node;
  }
}

/** totalCount costs a count: computed only when selected. */
@Resolver(() => CampaignConnection)
export class CampaignConnectionResolver {
  @ResolveField('totalCount', () => Int)
  totalCount(@Parent() connection: CampaignConnection): Promise<number> {
    return connection.countTotal();
  }
}
