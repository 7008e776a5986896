import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { RequireCapability } from '../access/access.decorator.js';
import { CreateMemberInput } from './dtos/create-member.input.js';
import { MemberFilter, MemberOrder } from './dtos/member-filter.input.js';
import { UpdateMemberInput } from './dtos/update-member.input.js';
import { MEMBER_BATCH } from './member.loader.js';
import { MemberConnection, MemberEmailObject, MemberObject, MemberPhoneObject } from './member.object.js';
import { MemberService, type MemberWithBatch } from './member.service.js';

@Resolver(() => MemberObject)
export class MemberResolver {
  constructor(private readonly service: MemberService) {}

  @Query(() => MemberConnection)
  @RequireCapability('member:read')
  members(
    @Args('organisationId', { type: () => ID }) organisationId: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
    @Args('last', { type: () => Int, nullable: true }) last?: number,
    @Args('before', { type: () => String, nullable: true }) before?: string,
    @Args('filter', { type: () => MemberFilter, nullable: true }) filter?: MemberFilter,
    @Args('orderBy', { type: () => MemberOrder, nullable: true }) orderBy?: MemberOrder,
  ): Promise<MemberConnection> {
    return this.service.list(organisationId, { first, after, last, before, filter, orderBy });
  }

  @Query(() => MemberObject)
  @RequireCapability('member:read')
  member(@Args('id', { type: () => ID }) id: string): Promise<MemberObject> {
    return this.service.get(id);
  }

  @Mutation(() => MemberObject)
  @RequireCapability('member:write')
  createMember(@Args('input', { type: () => CreateMemberInput }) input: CreateMemberInput): Promise<MemberObject> {
    return this.service.create(input);
  }

  @Mutation(() => MemberObject)
  @RequireCapability('member:write')
  updateMember(
    @Args('id', { type: () => ID }) id: string,
    @Args('input', { type: () => UpdateMemberInput }) input: UpdateMemberInput,
  ): Promise<MemberObject> {
    return this.service.update(id, input);
  }

  @ResolveField('phones', () => [MemberPhoneObject])
  phones(@Parent() member: MemberWithBatch): Promise<MemberPhoneObject[]> {
    return member[MEMBER_BATCH].phonesOf(member.id);
  }

  @ResolveField('emails', () => [MemberEmailObject])
  emails(@Parent() member: MemberWithBatch): Promise<MemberEmailObject[]> {
    return member[MEMBER_BATCH].emailsOf(member.id);
  }
}

/** totalCount costs a count(*) over the filter: computed only when a client selects it. */
@Resolver(() => MemberConnection)
export class MemberConnectionResolver {
  @ResolveField('totalCount', () => Int)
  totalCount(@Parent() connection: MemberConnection): Promise<number> {
    return connection.countTotal();
  }
}
