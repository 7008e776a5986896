import { Field, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { SegmentDefinitionScalar } from '../segment.scalar.js';
import { SEGMENT_DESCRIPTION_MAX, SEGMENT_NAME_MAX } from './create-segment.input.js';

/** Omitted fields stay as they are. The definition of a frozen segment cannot change (unfreeze it first). */
@InputType('UpdateSegmentInput')
export class UpdateSegmentInput {
  @Field(() => String, { nullable: true })
  @IsOptional() @IsString() @MaxLength(SEGMENT_NAME_MAX)
  name?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional() @IsString() @MaxLength(SEGMENT_DESCRIPTION_MAX)
  description?: string | null;

  @Field(() => SegmentDefinitionScalar, { nullable: true })
  definition?: unknown;
}
