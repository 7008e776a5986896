import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { RequireCapability } from '../access/access.decorator.js';
import { AccessService } from '../access/access.service.js';
import { CampaignObject, UserSummaryObject } from '../campaign/campaign.object.js';
import { CampaignService, toCampaignObject } from '../campaign/campaign.service.js';
import { MemberObject } from '../member/member.object.js';
import { MemberService } from '../member/member.service.js';
import { DomainException } from '../common/domain.exception.js';
import {
  ActionConnection,
  ActionObject,
  ActionResponseConnection,
  ActionResponseEventObject,
  ActionResponseObject,
  CampaignResultsObject,
} from './action.object.js';
import { ActionService } from './action.service.js';
import { ActionResponsesService, RESPONSE_BATCH, type ResponseWithBatch } from './action-responses.service.js';
import { CampaignResultsService } from './campaign-results.service.js';
import {
  ActionFilter,
  ActionResponseFilter,
  CreateActionInput,
  RecordActionResponseInput,
  UpdateActionInput,
} from './dtos/action.inputs.js';

@Resolver(() => ActionObject)
export class ActionResolver {
  constructor(
    private readonly service: ActionService,
    private readonly campaigns: CampaignService,
  ) {}

  @Query(() => ActionConnection, { description: 'Actions of one organisation (or one of its campaigns), newest first.' })
  @RequireCapability('campaign:read')
  actions(
    @Args('organisationId', { type: () => ID }) organisationId: string,
    @Args('campaignId', { type: () => ID, nullable: true }) campaignId?: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
    @Args('filter', { type: () => ActionFilter, nullable: true }) filter?: ActionFilter,
  ): Promise<ActionConnection> {
    return this.service.list(organisationId, { campaignId, first, after, filter });
  }

  @Query(() => ActionObject, { nullable: true, description: 'Null when not found or another organisation\'s.' })
  @RequireCapability('campaign:read')
  action(@Args('id', { type: () => ID }) id: string): Promise<ActionObject | null> {
    return this.service.get(id);
  }

  @Mutation(() => ActionObject)
  @RequireCapability('campaign:write')
  createAction(@Args('input', { type: () => CreateActionInput }) input: CreateActionInput): Promise<ActionObject> {
    return this.service.create(input);
  }

  @Mutation(() => ActionObject)
  @RequireCapability('campaign:write')
  updateAction(@Args('id', { type: () => ID }) id: string, @Args('input', { type: () => UpdateActionInput }) input: UpdateActionInput): Promise<ActionObject> {
    return this.service.update(id, input);
  }

  @Mutation(() => Boolean, { description: 'Refused (ACTION_HAS_RESPONSES) while it has responses: close it instead.' })
  @RequireCapability('campaign:write')
  deleteAction(@Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.service.delete(id);
  }

  @ResolveField('campaign', () => CampaignObject)
  async campaign(@Parent() action: ActionObject): Promise<CampaignObject> {
    const row = await this.campaigns.findReadable(action.campaignId);
    if (!row) throw new Error(`action ${action.id}: its campaign is not readable`);
    return toCampaignObject(row);
  }
}

@Resolver(() => ActionConnection)
export class ActionConnectionResolver {
  @ResolveField('totalCount', () => Int)
  totalCount(@Parent() connection: ActionConnection): Promise<number> {
    return connection.countTotal();
  }
}

@Resolver(() => ActionResponseObject)
export class ActionResponseResolver {
  constructor(
    private readonly service: ActionResponsesService,
    private readonly actions: ActionService,
    private readonly members: MemberService,
    private readonly access: AccessService,
  ) {}

  @Query(() => ActionResponseConnection, { description: 'Members\' responses in one organisation, newest first; by campaign, action or member.' })
  @RequireCapability('response:read')
  actionResponses(
    @Args('organisationId', { type: () => ID }) organisationId: string,
    @Args('campaignId', { type: () => ID, nullable: true }) campaignId?: string,
    @Args('actionId', { type: () => ID, nullable: true }) actionId?: string,
    @Args('memberId', { type: () => ID, nullable: true }) memberId?: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
    @Args('filter', { type: () => ActionResponseFilter, nullable: true }) filter?: ActionResponseFilter,
  ): Promise<ActionResponseConnection> {
    return this.service.list(organisationId, { campaignId, actionId, memberId, first, after, filter });
  }

  @Mutation(() => ActionResponseObject, {
    description: 'Creates the member\'s response to the action or moves it to `state`; an illegal move is RESPONSE_TRANSITION_INVALID with extensions.details { from, to }. Audit-logged.',
  })
  @RequireCapability('response:write')
  recordActionResponse(@Args('input', { type: () => RecordActionResponseInput }) input: RecordActionResponseInput): Promise<ActionResponseObject> {
    return this.service.record(input);
  }

  @ResolveField('action', () => ActionObject)
  async action(@Parent() response: ActionResponseObject): Promise<ActionObject> {
    const found = (await this.actions.byIds(response.organisationId, [response.actionId])).get(response.actionId);
    if (!found) throw new Error(`response ${response.id}: its action is gone`);
    return found;
  }

  @ResolveField('member', () => MemberObject, { nullable: true, description: 'Null when you cannot read the member.' })
  async member(@Parent() response: ActionResponseObject): Promise<MemberObject | null> {
    if (!this.access.organisationsWith('member:read').includes(response.organisationId)) return null;
    try {
      return await this.members.get(response.memberId);
    } catch (error) {
      if (error instanceof DomainException) return null;
      throw error;
    }
  }

  @ResolveField('creditedUser', () => UserSummaryObject, { nullable: true })
  async creditedUser(@Parent() response: ResponseWithBatch): Promise<UserSummaryObject | null> {
    if (!response.creditedUserId) return null;
    const user = await response[RESPONSE_BATCH].userOf(response.creditedUserId);
    return { id: response.creditedUserId, name: user?.name ?? null, email: user?.email ?? null };
  }

  @ResolveField('history', () => [ActionResponseEventObject], { description: 'Every move of the response, oldest first.' })
  history(@Parent() response: ResponseWithBatch): Promise<ActionResponseEventObject[]> {
    return response[RESPONSE_BATCH].historyOf(response.id);
  }
}

/** An event's member, for the campaign's activity feed and a response's history: null without member:read on it. */
@Resolver(() => ActionResponseEventObject)
export class ActionResponseEventResolver {
  constructor(private readonly members: MemberService, private readonly access: AccessService) {}

  @ResolveField('member', () => MemberObject, { nullable: true, description: 'Null when you cannot read the member.' })
  async member(@Parent() event: ActionResponseEventObject): Promise<MemberObject | null> {
    if (!this.access.organisationsWith('member:read').includes(event.organisationId)) return null;
    try {
      return await this.members.get(event.memberId);
    } catch (error) {
      if (error instanceof DomainException) return null;
      throw error;
    }
  }
}

@Resolver(() => ActionResponseConnection)
export class ActionResponseConnectionResolver {
  @ResolveField('totalCount', () => Int)
  totalCount(@Parent() connection: ActionResponseConnection): Promise<number> {
    return connection.countTotal();
  }
}

@Resolver(() => CampaignResultsObject)
export class CampaignResultsResolver {
  constructor(private readonly service: CampaignResultsService) {}

  @Query(() => CampaignResultsObject, { nullable: true, description: 'Follow-through of a campaign (docs/campaigns.md). Null when not found or another organisation\'s.' })
  @RequireCapability('campaign:read')
  campaignResults(@Args('campaignId', { type: () => ID }) campaignId: string): Promise<CampaignResultsObject | null> {
    return this.service.forCampaign(campaignId);
  }

  @ResolveField('activity', () => [ActionResponseEventObject], { description: 'Recent events, newest first (default 20, at most 200). Empty for client roles.' })
  activity(@Parent() results: CampaignResultsObject, @Args('first', { type: () => Int, nullable: true }) first?: number): Promise<ActionResponseEventObject[]> {
    return this.service.activity(results, first);
  }
}
