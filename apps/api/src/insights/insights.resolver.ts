import { Args, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { RequireCapability } from '../access/access.decorator.js';
import { CountByKey, InsightsObject, MonthlyMovement } from './insights.object.js';
import { InsightsService } from './insights.service.js';

@Resolver(() => InsightsObject)
export class InsightsResolver {
  constructor(private readonly service: InsightsService) {}

  @Query(() => InsightsObject)
  @RequireCapability('insights:read')
  insights(@Args('organisationId', { type: () => ID }) organisationId: string): Promise<InsightsObject> {
    return this.service.forOrganisation(organisationId);
  }

  @ResolveField('totalMembers', () => Int)
  totalMembers(@Parent() parent: InsightsObject): Promise<number> {
    return this.service.totalMembers(parent.organisationId);
  }

  @ResolveField('byStatus', () => [CountByKey])
  byStatus(@Parent() parent: InsightsObject): Promise<CountByKey[]> {
    return this.service.byStatus(parent.organisationId);
  }

  @ResolveField('byRegion', () => [CountByKey])
  byRegion(@Parent() parent: InsightsObject): Promise<CountByKey[]> {
    return this.service.byRegion(parent.organisationId);
  }

  @ResolveField('topIssues', () => [CountByKey])
  topIssues(
    @Parent() parent: InsightsObject,
    @Args('limit', { type: () => Int, nullable: true, defaultValue: 10 }) limit: number,
  ): Promise<CountByKey[]> {
    return this.service.topIssues(parent.organisationId, limit);
  }

  @ResolveField('joinersLeaversByMonth', () => [MonthlyMovement])
  joinersLeaversByMonth(
    @Parent() parent: InsightsObject,
    @Args('months', { type: () => Int, nullable: true, defaultValue: 24 }) months: number,
  ): Promise<MonthlyMovement[]> {
    return this.service.joinersLeaversByMonth(parent.organisationId, months);
  }
}
