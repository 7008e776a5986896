import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Role } from '@muster/domain';
import { RequireCapability } from '../access/access.decorator.js';
import { RoleEnum } from '../auth/auth.object.js';
import { CreateInvitationInput, CreatedInvitationObject, InvitationObject, OrganisationUserConnection, OrganisationUserObject } from './user.object.js';
import { UserService } from './user.service.js';

@Resolver(() => OrganisationUserObject)
export class UserResolver {
  constructor(private readonly service: UserService) {}

  @Query(() => OrganisationUserConnection)
  @RequireCapability('user:manage')
  users(
    @Args('organisationId', { type: () => ID }) organisationId: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<OrganisationUserConnection> {
    return this.service.list(organisationId, { first, after });
  }

  @Query(() => [InvitationObject])
  @RequireCapability('user:manage')
  invitations(@Args('organisationId', { type: () => ID }) organisationId: string): Promise<InvitationObject[]> {
    return this.service.invitations(organisationId);
  }

  @Mutation(() => CreatedInvitationObject)
  @RequireCapability('user:manage')
  createInvitation(@Args('input', { type: () => CreateInvitationInput }) input: CreateInvitationInput): Promise<CreatedInvitationObject> {
    return this.service.invite(input);
  }

  @Mutation(() => OrganisationUserObject, { nullable: true })
  @RequireCapability('user:manage')
  setUserRole(
    @Args('organisationId', { type: () => ID }) organisationId: string,
    @Args('userId', { type: () => ID }) userId: string,
    @Args('role', { type: () => RoleEnum, nullable: true }) role: Role | null,
  ): Promise<OrganisationUserObject | null> {
    return this.service.setRole(organisationId, userId, role ?? null);
  }
}

@Resolver(() => OrganisationUserConnection)
export class OrganisationUserConnectionResolver {
  @ResolveField('totalCount', () => Int)
  totalCount(@Parent() connection: OrganisationUserConnection): Promise<number> {
    return connection.countTotal();
  }
}
