import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { RequireCapability } from '../access/access.decorator.js';
import { ViewerObject } from '../auth/auth.object.js';
import { ApiKeyConnection, ApiKeyObject, CreateApiKeyInput, CreatedApiKeyObject } from './api-key.object.js';
import { ApiKeyService } from './api-key.service.js';

@Resolver(() => ApiKeyObject)
export class ApiKeyResolver {
  constructor(private readonly service: ApiKeyService) {}

  @Query(() => ApiKeyConnection)
  @RequireCapability('apikey:manage')
  apiKeys(
    @Args('organisationId', { type: () => ID }) organisationId: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<ApiKeyConnection> {
    return this.service.list(organisationId, { first, after });
  }

  @Mutation(() => CreatedApiKeyObject)
  @RequireCapability('apikey:manage')
  createApiKey(@Args('input', { type: () => CreateApiKeyInput }) input: CreateApiKeyInput): Promise<CreatedApiKeyObject> {
    return this.service.create(input);
  }

  @Mutation(() => ApiKeyObject)
  @RequireCapability('apikey:manage')
  revokeApiKey(@Args('id', { type: () => ID }) id: string): Promise<ApiKeyObject> {
    return this.service.revoke(id);
  }
}

@Resolver(() => ApiKeyConnection)
export class ApiKeyConnectionResolver {
  @ResolveField('totalCount', () => Int)
  totalCount(@Parent() connection: ApiKeyConnection): Promise<number> {
    return connection.countTotal();
  }
}

/** Viewer.apiKey lives here so auth/ does not depend on api-key/. */
@Resolver(() => ViewerObject)
export class ViewerApiKeyResolver {
  constructor(private readonly service: ApiKeyService) {}

  @ResolveField('apiKey', () => ApiKeyObject, { nullable: true })
  apiKey(): Promise<ApiKeyObject | null> {
    return this.service.current();
  }
}
