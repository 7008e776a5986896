import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { SegmentDefinitionScalar } from '../segment.scalar.js';

export const SEGMENT_NAME_MAX = 200;
export const SEGMENT_DESCRIPTION_MAX = 1000;

@InputType('CreateSegmentInput')
export class CreateSegmentInput {
  @Field(() => ID)
  @IsString()
  organisationId: string;

  @Field(() => String)
  @IsString() @MaxLength(SEGMENT_NAME_MAX)
  name: string;

  @Field(() => String, { nullable: true })
  @IsOptional() @IsString() @MaxLength(SEGMENT_DESCRIPTION_MAX)
  description?: string | null;

  @Field(() => SegmentDefinitionScalar)
  definition: unknown;
}
