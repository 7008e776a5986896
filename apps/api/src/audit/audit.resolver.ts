import { Args, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { RequireCapability } from '../access/access.decorator.js';
import { AuditEventConnection, AuditEventFilter, AuditEventObject } from './audit.object.js';
import { AuditQueryService } from './audit-query.service.js';

@Resolver(() => AuditEventObject)
export class AuditResolver {
  constructor(private readonly service: AuditQueryService) {}

  @Query(() => AuditEventConnection)
  @RequireCapability('audit:read')
  auditEvents(
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
    @Args('filter', { type: () => AuditEventFilter, nullable: true }) filter?: AuditEventFilter,
  ): Promise<AuditEventConnection> {
    return this.service.list({ first, after, filter });
  }
}

@Resolver(() => AuditEventConnection)
export class AuditEventConnectionResolver {
  @ResolveField('totalCount', () => Int)
  totalCount(@Parent() connection: AuditEventConnection): Promise<number> {
    return connection.countTotal();
  }
}
