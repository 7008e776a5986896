import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { RequireCapability } from '../access/access.decorator.js';
import { InsightsScopeInput } from './dtos/insights-scope.input.js';
import {
  InsightBreakdown,
  InsightCount,
  InsightDimension,
  InsightIssueChanges,
  InsightIssueCount,
  InsightReach,
  InsightSettingsObject,
  InsightsObject,
  InsightUnit,
  MembershipMonth,
} from './insights.object.js';
import { InsightsService } from './insights.service.js';

@Resolver(() => InsightsObject)
export class InsightsResolver {
  constructor(private readonly service: InsightsService) {}

  @Query(() => InsightsObject)
  @RequireCapability('insights:read')
  insights(
    @Args('organisationId', { type: () => ID }) organisationId: string,
    @Args('scope', { type: () => InsightsScopeInput, nullable: true }) scope?: InsightsScopeInput | null,
  ): Promise<InsightsObject> {
    return this.service.forOrganisation(organisationId, scope);
  }

  @Mutation(() => InsightSettingsObject, { description: 'Sets the small-number suppression threshold (0 = off). Audit-logged.' })
  @RequireCapability('insights:configure')
  updateInsightSettings(
    @Args('organisationId', { type: () => ID }) organisationId: string,
    @Args('suppressionThreshold', { type: () => Int }) suppressionThreshold: number,
  ): Promise<InsightSettingsObject> {
    return this.service.updateSettings(organisationId, suppressionThreshold);
  }

  @ResolveField('suppressionThreshold', () => Int)
  suppressionThreshold(@Parent() parent: InsightsObject): Promise<number> {
    return this.service.suppressionThreshold(parent);
  }

  @ResolveField('total', () => InsightCount)
  total(@Parent() parent: InsightsObject): Promise<InsightCount> {
    return this.service.total(parent);
  }

  @ResolveField('membershipByMonth', () => [MembershipMonth], { description: 'Oldest first: scope.from (else `months` months back) to scope.to (else this month).' })
  membershipByMonth(
    @Parent() parent: InsightsObject,
    @Args('months', { type: () => Int, nullable: true, defaultValue: 24 }) months: number,
  ): Promise<MembershipMonth[]> {
    return this.service.membershipByMonth(parent, months);
  }

  @ResolveField('breakdown', () => InsightBreakdown)
  breakdown(
    @Parent() parent: InsightsObject,
    @Args('dimension', { type: () => InsightDimension }) dimension: InsightDimension,
    @Args('limit', { type: () => Int, nullable: true, defaultValue: 50 }) limit: number,
  ): Promise<InsightBreakdown> {
    return this.service.breakdown(parent, dimension, limit);
  }

  @ResolveField('topIssues', () => [InsightIssueCount], { description: 'The most common issues; with `by`, the top `limit` of each region or branch (unit set).' })
  topIssues(
    @Parent() parent: InsightsObject,
    @Args('limit', { type: () => Int, nullable: true, defaultValue: 10 }) limit: number,
    @Args('by', { type: () => InsightUnit, nullable: true }) by?: InsightUnit | null,
  ): Promise<InsightIssueCount[]> {
    return this.service.topIssues(parent, limit, by ?? null);
  }

  @ResolveField('issueChanges', () => InsightIssueChanges)
  issueChanges(
    @Parent() parent: InsightsObject,
    @Args('limit', { type: () => Int, nullable: true, defaultValue: 10 }) limit: number,
  ): Promise<InsightIssueChanges> {
    return this.service.issueChanges(parent, limit);
  }

  @ResolveField('reach', () => InsightReach)
  reach(@Parent() parent: InsightsObject): Promise<InsightReach> {
    return this.service.reach(parent);
  }
}
