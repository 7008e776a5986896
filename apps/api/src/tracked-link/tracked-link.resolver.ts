import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { RequireCapability } from '../access/access.decorator.js';
import { CreateTrackedLinkInput } from './dtos/create-tracked-link.input.js';
import { ActionLinkStatsObject, TrackedLinkObject } from './tracked-link.object.js';
import { TrackedLinkService } from './tracked-link.service.js';

@Resolver(() => TrackedLinkObject)
export class TrackedLinkResolver {
  constructor(private readonly service: TrackedLinkService) {}

  @Mutation(() => TrackedLinkObject, { description: 'A short, unguessable link to the action\'s public page (campaign:write). Another organisation\'s action is NOT_FOUND.' })
  @RequireCapability('campaign:write')
  createTrackedLink(@Args('input', { type: () => CreateTrackedLinkInput }) input: CreateTrackedLinkInput): Promise<TrackedLinkObject> {
    return this.service.create(input);
  }

  @Query(() => ActionLinkStatsObject, { description: 'Links, clicks, unique clickers and page submissions of one action (response:read).' })
  @RequireCapability('response:read')
  actionLinkStats(@Args('actionId', { type: () => ID }) actionId: string): Promise<ActionLinkStatsObject> {
    return this.service.stats(actionId);
  }
}
