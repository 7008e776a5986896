import { Args, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { RequireCapability } from '../access/access.decorator.js';
import { OrganisationConnection, OrganisationObject } from './organisation.object.js';
import { OrganisationService } from './organisation.service.js';

@Resolver(() => OrganisationObject)
export class OrganisationResolver {
  constructor(private readonly service: OrganisationService) {}

  @Query(() => OrganisationConnection)
  @RequireCapability('organisation:read')
  organisations(
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<OrganisationConnection> {
    return this.service.list({ first, after });
  }

  @Query(() => OrganisationObject)
  @RequireCapability('organisation:read')
  organisation(@Args('id', { type: () => ID }) id: string): Promise<OrganisationObject> {
    return this.service.get(id);
  }
}

/** totalCount costs a count(*): computed only when a client selects it. */
@Resolver(() => OrganisationConnection)
export class OrganisationConnectionResolver {
  @ResolveField('totalCount', () => Int)
  totalCount(@Parent() connection: OrganisationConnection): Promise<number> {
    return connection.countTotal();
  }
}
