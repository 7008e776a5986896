import { Field, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DateScalar } from '../../common/scalars.js';
import type { ConsentStatusValue, MemberStatusValue } from '../member.entity.js';
import { ConsentStatusEnum, MemberStatusEnum } from '../member.object.js';

// Shape limits only; the meaning (a real phone, email, postcode, date order) is checked by
// @muster/domain's normaliseMemberDraft in MemberService, with the same field paths.
const NAME = 100;
const LABEL = 200;
const RAW = 320;

@InputType('UpdateMemberInput', { description: 'Every field optional; an omitted field is unchanged; null clears a nullable field; lists replace.' })
export class UpdateMemberInput {
  @Field(() => String, { nullable: true })
  @IsOptional() @IsString() @MaxLength(NAME)
  firstName?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional() @IsString() @MaxLength(NAME)
  lastName?: string | null;

  @Field(() => [String], { nullable: true, description: 'The first is primary.' })
  @IsOptional() @IsArray() @ArrayMaxSize(10) @IsString({ each: true }) @MaxLength(RAW, { each: true })
  emails?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Raw, any format; +44 default; the first is primary.' })
  @IsOptional() @IsArray() @ArrayMaxSize(10) @IsString({ each: true }) @MaxLength(64, { each: true })
  phones?: string[] | null;

  @Field(() => String, { nullable: true })
  @IsOptional() @IsString() @MaxLength(16)
  postcode?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional() @IsString() @MaxLength(LABEL)
  region?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional() @IsString() @MaxLength(LABEL)
  branch?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional() @IsString() @MaxLength(LABEL)
  workplace?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional() @IsString() @MaxLength(LABEL)
  employer?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional() @IsString() @MaxLength(LABEL)
  membershipNumber?: string | null;

  @Field(() => MemberStatusEnum, { nullable: true })
  status?: MemberStatusValue | null;

  @Field(() => DateScalar, { nullable: true })
  joinedOn?: string | null;

  @Field(() => DateScalar, { nullable: true })
  leftOn?: string | null;

  @Field(() => [String], { nullable: true })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(LABEL, { each: true })
  tags?: string[] | null;

  @Field(() => [String], { nullable: true })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(LABEL, { each: true })
  issues?: string[] | null;

  @Field(() => ConsentStatusEnum, { nullable: true })
  smsConsent?: ConsentStatusValue | null;

  @Field(() => ConsentStatusEnum, { nullable: true })
  emailConsent?: ConsentStatusValue | null;

  @Field(() => Int, { nullable: true, description: 'Voter ID support level, 1-5.' })
  @IsOptional() @IsInt() @Min(1) @Max(5)
  supportLevel?: number | null;
}
