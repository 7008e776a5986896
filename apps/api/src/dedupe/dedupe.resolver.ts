import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { RequireCapability } from '../access/access.decorator.js';
import { MemberObject } from '../member/member.object.js';
import type { MemberWithBatch } from '../member/member.service.js';
import { MergeMembersInput } from './dtos/merge-members.input.js';
import type { DuplicateRuleValue } from './dedupe.entity.js';
import {
  DuplicateRuleEnum,
  DuplicateSuggestionConnection,
  DuplicateSuggestionObject,
  MemberMergeConnection,
  MemberMergeObject,
} from './dedupe.object.js';
import { DedupeMergeService, type MergeWithLoader } from './dedupe-merge.service.js';
import { DedupeService, type SuggestionWithLoader } from './dedupe.service.js';

@Resolver(() => DuplicateSuggestionObject)
export class DuplicateSuggestionResolver {
  constructor(private readonly service: DedupeService) {}

  @Query(() => DuplicateSuggestionConnection)
  @RequireCapability('member:merge')
  duplicateSuggestions(
    @Args('organisationId', { type: () => ID }) organisationId: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
    @Args('rule', { type: () => DuplicateRuleEnum, nullable: true }) rule?: DuplicateRuleValue,
  ): Promise<DuplicateSuggestionConnection> {
    return this.service.list(organisationId, { first, after, rule });
  }

  @Mutation(() => Int, { description: 'Recomputes the queue by the rules; returns the number of open suggestions.' })
  @RequireCapability('member:merge')
  refreshDuplicateSuggestions(@Args('organisationId', { type: () => ID }) organisationId: string): Promise<number> {
    return this.service.refresh(organisationId);
  }

  @Mutation(() => Boolean, { description: 'Marks the group as not duplicates: it is never suggested again.' })
  @RequireCapability('member:merge')
  markNotDuplicate(@Args('suggestionId', { type: () => ID }) suggestionId: string): Promise<boolean> {
    return this.service.markNotDuplicate(suggestionId);
  }

  @ResolveField('members', () => [MemberObject])
  members(@Parent() suggestion: SuggestionWithLoader): Promise<MemberWithBatch[]> {
    return this.service.membersOf(suggestion);
  }
}

@Resolver(() => MemberMergeObject)
export class MemberMergeResolver {
  constructor(private readonly service: DedupeMergeService) {}

  @Query(() => MemberMergeConnection)
  @RequireCapability('member:merge')
  memberMerges(
    @Args('organisationId', { type: () => ID }) organisationId: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<MemberMergeConnection> {
    return this.service.list(organisationId, { first, after });
  }

  @Mutation(() => MemberMergeObject)
  @RequireCapability('member:merge')
  mergeMembers(@Args('input', { type: () => MergeMembersInput }) input: MergeMembersInput): Promise<MemberMergeObject> {
    return this.service.merge(input);
  }

  @Mutation(() => MemberMergeObject)
  @RequireCapability('member:merge')
  unmergeMembers(@Args('mergeId', { type: () => ID }) mergeId: string): Promise<MemberMergeObject> {
    return this.service.unmerge(mergeId);
  }

  @ResolveField('survivor', () => MemberObject, { nullable: true })
  survivor(@Parent() merge: MergeWithLoader): Promise<MemberWithBatch | null> {
    return this.service.survivorOf(merge);
  }
}

/** totalCount costs a count(*): computed only when a client selects it. */
@Resolver(() => DuplicateSuggestionConnection)
export class DuplicateSuggestionConnectionResolver {
  @ResolveField('totalCount', () => Int)
  totalCount(@Parent() connection: DuplicateSuggestionConnection): Promise<number> {
    return connection.countTotal();
  }
}

@Resolver(() => MemberMergeConnection)
export class MemberMergeConnectionResolver {
  @ResolveField('totalCount', () => Int)
  totalCount(@Parent() connection: MemberMergeConnection): Promise<number> {
    return connection.countTotal();
  }
}
