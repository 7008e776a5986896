import { Field, ID, InputType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { DateScalar } from '../../common/scalars.js';
import type { ConsentStatusValue, MemberStatusValue } from '../member.entity.js';
import { ConsentStatusEnum, MemberStatusEnum } from '../member.object.js';

const MAX_LIST = 100;
const MAX_TEXT = 200;

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(SortDirection, { name: 'SortDirection' });

export enum MemberOrderField {
  LAST_NAME = 'LAST_NAME',
  FIRST_NAME = 'FIRST_NAME',
  JOINED_ON = 'JOINED_ON',
  CREATED_AT = 'CREATED_AT',
  MEMBERSHIP_NUMBER = 'MEMBERSHIP_NUMBER',
}
registerEnumType(MemberOrderField, { name: 'MemberOrderField' });

@InputType('StringFilter')
export class StringFilter {
  @Field(() => String, { nullable: true })
  @IsOptional() @IsString() @MaxLength(MAX_TEXT)
  eq?: string | null;

  @Field(() => [String], { nullable: true })
  @IsOptional() @IsArray() @ArrayMaxSize(MAX_LIST) @IsString({ each: true }) @MaxLength(MAX_TEXT, { each: true })
  in?: string[] | null;

  @Field(() => String, { nullable: true })
  @IsOptional() @IsString() @MaxLength(MAX_TEXT)
  startsWith?: string | null;
}

@InputType('MemberStatusFilter')
export class MemberStatusFilter {
  @Field(() => MemberStatusEnum, { nullable: true })
  eq?: MemberStatusValue | null;

  @Field(() => [MemberStatusEnum], { nullable: true })
  @IsOptional() @IsArray() @ArrayMaxSize(MAX_LIST)
  in?: MemberStatusValue[] | null;
}

@InputType('ConsentStatusFilter')
export class ConsentStatusFilter {
  @Field(() => ConsentStatusEnum, { nullable: true })
  eq?: ConsentStatusValue | null;

  @Field(() => [ConsentStatusEnum], { nullable: true })
  @IsOptional() @IsArray() @ArrayMaxSize(MAX_LIST)
  in?: ConsentStatusValue[] | null;
}

@InputType('DateFilter')
export class DateFilter {
  @Field(() => DateScalar, { nullable: true })
  gte?: string | null;

  @Field(() => DateScalar, { nullable: true })
  lte?: string | null;
}

@InputType('StringArrayFilter')
export class StringArrayFilter {
  @Field(() => [String], { nullable: true })
  @IsOptional() @IsArray() @ArrayMaxSize(MAX_LIST) @IsString({ each: true }) @MaxLength(MAX_TEXT, { each: true })
  containsAny?: string[] | null;

  @Field(() => [String], { nullable: true })
  @IsOptional() @IsArray() @ArrayMaxSize(MAX_LIST) @IsString({ each: true }) @MaxLength(MAX_TEXT, { each: true })
  containsAll?: string[] | null;
}

/**
 * The fields every level of a member filter has. The and/or/not nesting is spelled out to a fixed
 * depth (MemberFilter → MemberSubFilter → MemberLeafFilter) instead of one recursive type, because
 * graphql-jit (Mercurius's JIT) cannot compile variables of a recursive input type: it unrolls
 * the type and never terminates. Three levels cover every filter the apps build; clients still
 * declare `$filter: MemberFilter` and nest plain JSON.
 */
@InputType({ isAbstract: true })
abstract class MemberFilterFields {
  @Field(() => MemberStatusFilter, { nullable: true })
  @IsOptional() @ValidateNested() @Type(() => MemberStatusFilter)
  status?: MemberStatusFilter | null;

  @Field(() => StringFilter, { nullable: true })
  @IsOptional() @ValidateNested() @Type(() => StringFilter)
  region?: StringFilter | null;

  @Field(() => StringFilter, { nullable: true })
  @IsOptional() @ValidateNested() @Type(() => StringFilter)
  branch?: StringFilter | null;

  @Field(() => StringFilter, { nullable: true })
  @IsOptional() @ValidateNested() @Type(() => StringFilter)
  workplace?: StringFilter | null;

  @Field(() => StringFilter, { nullable: true })
  @IsOptional() @ValidateNested() @Type(() => StringFilter)
  employer?: StringFilter | null;

  @Field(() => StringArrayFilter, { nullable: true })
  @IsOptional() @ValidateNested() @Type(() => StringArrayFilter)
  tags?: StringArrayFilter | null;

  @Field(() => StringArrayFilter, { nullable: true })
  @IsOptional() @ValidateNested() @Type(() => StringArrayFilter)
  issues?: StringArrayFilter | null;

  @Field(() => ConsentStatusFilter, { nullable: true })
  @IsOptional() @ValidateNested() @Type(() => ConsentStatusFilter)
  smsConsent?: ConsentStatusFilter | null;

  @Field(() => ConsentStatusFilter, { nullable: true })
  @IsOptional() @ValidateNested() @Type(() => ConsentStatusFilter)
  emailConsent?: ConsentStatusFilter | null;

  @Field(() => DateFilter, { nullable: true })
  @IsOptional() @ValidateNested() @Type(() => DateFilter)
  joinedOn?: DateFilter | null;

  @Field(() => String, {
    nullable: true,
    description: 'Prefix search over name ("jo", "jones", "john jo"), email and phone (any typed format, normalised).',
  })
  @IsOptional() @IsString() @MaxLength(MAX_TEXT)
  search?: string | null;

}

/** The innermost level: fields only. */
@InputType('MemberLeafFilter')
export class MemberLeafFilter extends MemberFilterFields {}

@InputType('MemberSubFilter')
export class MemberSubFilter extends MemberFilterFields {
  @Field(() => [MemberLeafFilter], { nullable: true })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => MemberLeafFilter)
  and?: MemberLeafFilter[] | null;

  @Field(() => [MemberLeafFilter], { nullable: true })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => MemberLeafFilter)
  or?: MemberLeafFilter[] | null;

  @Field(() => MemberLeafFilter, { nullable: true })
  @IsOptional() @ValidateNested() @Type(() => MemberLeafFilter)
  not?: MemberLeafFilter | null;
}

@InputType('MemberFilter')
export class MemberFilter extends MemberFilterFields {
  @Field(() => ID, {
    nullable: true,
    description: 'Only members of this segment (its snapshot when frozen, else its definition evaluated now). Another organisation\'s segment is NOT_FOUND.',
  })
  @IsOptional() @IsString() @MaxLength(MAX_TEXT)
  segmentId?: string | null;

  @Field(() => [MemberSubFilter], { nullable: true })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => MemberSubFilter)
  and?: MemberSubFilter[] | null;

  @Field(() => [MemberSubFilter], { nullable: true })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => MemberSubFilter)
  or?: MemberSubFilter[] | null;

  @Field(() => MemberSubFilter, { nullable: true })
  @IsOptional() @ValidateNested() @Type(() => MemberSubFilter)
  not?: MemberSubFilter | null;
}

/** Any level of a member filter, as the SQL builder sees it. */
export type MemberFilterInput = MemberFilterFields & {
  /** Top level only: resolved by the caller into a predicate (SegmentFilterService) passed to the SQL builder. */
  segmentId?: string | null;
  and?: MemberFilterInput[] | null;
  or?: MemberFilterInput[] | null;
  not?: MemberFilterInput | null;
};

@InputType('MemberOrder')
export class MemberOrder {
  @Field(() => MemberOrderField)
  field: MemberOrderField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC })
  direction: SortDirection;
}
