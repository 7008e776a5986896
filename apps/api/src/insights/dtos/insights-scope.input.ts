import { Field, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { DateScalar } from '../../common/scalars.js';

/**
 * What the dashboard looks at. from/to bound the time series (membershipByMonth) and issueChanges; region/branch
 * restrict every figure to one unit (both: that branch within that region). Keys as the breakdowns return them
 * ("" = members with no region/branch). Meaning (from ≤ to, unit exists) is the service's.
 */
@InputType('InsightsScopeInput')
export class InsightsScopeInput {
  @Field(() => DateScalar, { nullable: true })
  @IsOptional() @IsString()
  from?: string | null;

  @Field(() => DateScalar, { nullable: true })
  @IsOptional() @IsString()
  to?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional() @IsString() @MaxLength(200)
  region?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional() @IsString() @MaxLength(200)
  branch?: string | null;
}
