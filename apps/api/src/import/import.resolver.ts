import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { RequireCapability } from '../access/access.decorator.js';
import type { ImportStatusValue } from './import.entity.js';
import {
  ImportMappingObject, ImportStatusEnum, MemberImportConnection, MemberImportObject, SaveImportMappingInput, UpdateMemberImportInput,
} from './import.object.js';
import { ImportService } from './import.service.js';

@Resolver(() => MemberImportObject)
export class ImportResolver {
  constructor(private readonly service: ImportService) {}

  @Query(() => MemberImportConnection)
  @RequireCapability('member:import')
  memberImports(
    @Args('organisationId', { type: () => ID }) organisationId: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
    @Args('status', { type: () => [ImportStatusEnum], nullable: true }) status?: ImportStatusValue[],
  ): Promise<MemberImportConnection> {
    return this.service.list(organisationId, { first, after, status });
  }

  @Query(() => MemberImportObject, { nullable: true })
  @RequireCapability('member:import')
  memberImport(@Args('id', { type: () => ID }) id: string): Promise<MemberImportObject> {
    return this.service.get(id);
  }

  @Query(() => [ImportMappingObject])
  @RequireCapability('member:import')
  importMappings(@Args('organisationId', { type: () => ID }) organisationId: string): Promise<ImportMappingObject[]> {
    return this.service.mappings(organisationId);
  }

  @Mutation(() => MemberImportObject)
  @RequireCapability('member:import')
  updateMemberImport(@Args('input', { type: () => UpdateMemberImportInput }) input: UpdateMemberImportInput): Promise<MemberImportObject> {
    return this.service.update(input);
  }

  @Mutation(() => MemberImportObject)
  @RequireCapability('member:import')
  startImportDryRun(@Args('id', { type: () => ID }) id: string): Promise<MemberImportObject> {
    return this.service.startDryRun(id);
  }

  @Mutation(() => MemberImportObject)
  @RequireCapability('member:import')
  startMemberImport(@Args('id', { type: () => ID }) id: string): Promise<MemberImportObject> {
    return this.service.start(id);
  }

  @Mutation(() => MemberImportObject)
  @RequireCapability('member:import')
  cancelMemberImport(@Args('id', { type: () => ID }) id: string): Promise<MemberImportObject> {
    return this.service.cancel(id);
  }

  @Mutation(() => ImportMappingObject)
  @RequireCapability('member:import')
  saveImportMapping(@Args('input', { type: () => SaveImportMappingInput }) input: SaveImportMappingInput): Promise<ImportMappingObject> {
    return this.service.saveMapping(input);
  }

  @Mutation(() => Boolean)
  @RequireCapability('member:import')
  deleteImportMapping(@Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.service.deleteMapping(id);
  }
}

/** totalCount costs a count(*): computed only when selected. */
@Resolver(() => MemberImportConnection)
export class MemberImportConnectionResolver {
  @ResolveField('totalCount', () => Int)
  totalCount(@Parent() connection: MemberImportConnection): Promise<number> {
    return connection.countTotal();
  }
}
