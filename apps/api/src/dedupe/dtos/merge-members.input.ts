import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString } from 'class-validator';

/** Shape only; the ids' meaning (same organisation, distinct, survivor not merged into itself) is the service's. */
@InputType('MergeMembersInput')
export class MergeMembersInput {
  @Field(() => ID)
  @IsString()
  organisationId: string;

  @Field(() => ID)
  @IsString()
  survivorId: string;

  @Field(() => [ID])
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @IsString({ each: true })
  mergedIds: string[];

  @Field(() => ID, { nullable: true, description: 'The suggestion being resolved, if any: closed by the merge.' })
  @IsOptional() @IsString()
  suggestionId?: string | null;
}
