// The code-first GraphQL types and resolver shared by all three Nest targets: only the driver differs.
import { Args, Field, ID, Int, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Inject } from '@nestjs/common';
import type { Pool } from 'pg';
import { fetchPage } from './page.js';

export const PG_POOL = Symbol('PG_POOL');

@ObjectType()
export class Member {
  @Field(() => ID) id!: string;
  @Field(() => String) firstName!: string;
  @Field(() => String) lastName!: string;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => String) status!: string;
  @Field(() => String) region!: string;
  @Field(() => String) branch!: string;
}

@ObjectType()
export class MemberEdge {
  @Field(() => String) cursor!: string;
  @Field(() => Member) node!: Member;
}

@ObjectType()
export class PageInfo {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

@ObjectType()
export class MemberConnection {
  @Field(() => [MemberEdge]) edges!: MemberEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

@Resolver(() => Member)
export class MembersResolver {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  @Query(() => MemberConnection)
  members(
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<MemberConnection> {
    return fetchPage(this.pool, first, after);
  }
}
