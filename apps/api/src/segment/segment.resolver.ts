import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { RequireCapability } from '../access/access.decorator.js';
import { CreateSegmentInput } from './dtos/create-segment.input.js';
import { UpdateSegmentInput } from './dtos/update-segment.input.js';
import { SegmentConnection, SegmentObject, SegmentPreviewObject } from './segment.object.js';
import { SegmentDefinitionScalar } from './segment.scalar.js';
import { SegmentService, type SegmentWithCounts } from './segment.service.js';

@Resolver(() => SegmentObject)
export class SegmentResolver {
  constructor(private readonly service: SegmentService) {}

  @Query(() => SegmentConnection, { description: 'Segments of one organisation, newest first; `search` matches the name.' })
  @RequireCapability('segment:read')
  segments(
    @Args('organisationId', { type: () => ID }) organisationId: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
    @Args('search', { type: () => String, nullable: true }) search?: string,
  ): Promise<SegmentConnection> {
    return this.service.list(organisationId, { first, after, search });
  }

  @Query(() => SegmentObject)
  @RequireCapability('segment:read')
  segment(@Args('id', { type: () => ID }) id: string): Promise<SegmentObject> {
    return this.service.get(id);
  }

  @Query(() => SegmentPreviewObject, { description: 'How many members a definition matches now (the builder\'s live count). Stopped with QUERY_TOO_COMPLEX when too slow.' })
  @RequireCapability('segment:read')
  segmentPreview(
    @Args('organisationId', { type: () => ID }) organisationId: string,
    @Args('definition', { type: () => SegmentDefinitionScalar }) definition: unknown,
  ): Promise<SegmentPreviewObject> {
    return this.service.preview(organisationId, definition);
  }

  @Mutation(() => SegmentObject)
  @RequireCapability('segment:write')
  createSegment(@Args('input', { type: () => CreateSegmentInput }) input: CreateSegmentInput): Promise<SegmentObject> {
    return this.service.create(input);
  }

  @Mutation(() => SegmentObject)
  @RequireCapability('segment:write')
  updateSegment(
    @Args('id', { type: () => ID }) id: string,
    @Args('input', { type: () => UpdateSegmentInput }) input: UpdateSegmentInput,
  ): Promise<SegmentObject> {
    return this.service.update(id, input);
  }

  @Mutation(() => Boolean, { description: 'Refused (VALIDATION_FAILED) while another segment uses its snapshot.' })
  @RequireCapability('segment:write')
  deleteSegment(@Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.service.delete(id);
  }

  @Mutation(() => SegmentObject, { description: 'Takes (or retakes) the snapshot: from now on the segment\'s members are the members matching it now.' })
  @RequireCapability('segment:write')
  freezeSegment(@Args('id', { type: () => ID }) id: string): Promise<SegmentObject> {
    return this.service.freeze(id);
  }

  @Mutation(() => SegmentObject, { description: 'Drops the snapshot: the segment is live again. Refused while another segment uses its snapshot.' })
  @RequireCapability('segment:write')
  unfreezeSegment(@Args('id', { type: () => ID }) id: string): Promise<SegmentObject> {
    return this.service.unfreeze(id);
  }

  @ResolveField('memberCount', () => Int, { nullable: true })
  memberCount(@Parent() segment: SegmentWithCounts): Promise<number> {
    return this.service.memberCountOf(segment);
  }
}

/** totalCount costs a count over the organisation's segments: computed only when selected. */
@Resolver(() => SegmentConnection)
export class SegmentConnectionResolver {
  @ResolveField('totalCount', () => Int)
  totalCount(@Parent() connection: SegmentConnection): Promise<number> {
    return connection.countTotal();
  }
}
