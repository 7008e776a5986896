import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('CountByKey')
export class CountByKey {
  @Field(() => String)
  key: string;

  @Field(() => Int)
  count: number;
}

@ObjectType('MonthlyMovement')
export class MonthlyMovement {
  @Field(() => String, { description: '"YYYY-MM"' })
  month: string;

  @Field(() => Int)
  joiners: number;

  @Field(() => Int)
  leavers: number;

  @Field(() => Int)
  net: number;
}

/** The figures are resolved field by field (InsightsResolver), so a dashboard pays only for what it shows. */
@ObjectType('Insights')
export class InsightsObject {
  @Field(() => ID)
  organisationId: string;

  @Field(() => Int)
  totalMembers?: number;

  @Field(() => [CountByKey])
  byStatus?: CountByKey[];

  @Field(() => [CountByKey])
  byRegion?: CountByKey[];

  @Field(() => [CountByKey])
  topIssues?: CountByKey[];

  @Field(() => [MonthlyMovement], { description: 'Oldest first, ending with the current month.' })
  joinersLeaversByMonth?: MonthlyMovement[];
}
