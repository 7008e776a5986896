import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, MaxLength, Min, ValidateNested } from 'class-validator';
import type { ResponseChannel, ResponseState } from '@muster/domain';
import { DateTimeScalar } from '../../common/scalars.js';
import { ResponseChannelEnum } from '../../campaign/campaign.object.js';
import type { ActionStatusValue, ActionTypeValue } from '../action.entity.js';
import { ActionStatusEnum, ActionTypeEnum, ResponseStateEnum } from '../action.object.js';

export const ACTION_TITLE_MAX = 200;
export const ACTION_TEXT_MAX = 10000;

@InputType('ActionPageInput')
export class ActionPageInput {
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(300) headline?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(ACTION_TEXT_MAX) body?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(60) buttonLabel?: string | null;
  @Field(() => [Int], { nullable: true, description: 'Whole pence, each from 100 to 1,000,000; at most 6.' })
  @IsOptional() @IsArray() @ArrayMaxSize(6) donationAmountsPence?: number[] | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(2000) thankYou?: string | null;
}

@InputType('ActionFilter')
export class ActionFilter {
  @Field(() => [ActionTypeEnum], { nullable: true }) @IsOptional() @IsArray() type?: ActionTypeValue[] | null;
  @Field(() => [ActionStatusEnum], { nullable: true }) @IsOptional() @IsArray() status?: ActionStatusValue[] | null;
  @Field(() => String, { nullable: true, description: 'Matches anywhere in the title, case-insensitively.' }) @IsOptional() @IsString() @MaxLength(200) search?: string | null;
}

@InputType('UpdateActionInput')
export class UpdateActionInput {
  @Field(() => ActionTypeEnum, { nullable: true }) @IsOptional() type?: ActionTypeValue | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(ACTION_TITLE_MAX) title?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(ACTION_TEXT_MAX) description?: string | null;
  @Field(() => ActionStatusEnum, { nullable: true }) @IsOptional() status?: ActionStatusValue | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) goalCount?: number | null;
  @Field(() => DateTimeScalar, { nullable: true }) @IsOptional() startsAt?: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) @IsOptional() endsAt?: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) @IsOptional() dueAt?: Date | null;
  @Field(() => [Int], { nullable: true, description: 'Minutes before a response\'s due date; each 1 to 43,200 (30 days); at most 5.' })
  @IsOptional() @IsArray() @ArrayMaxSize(5) reminderOffsetsMinutes?: number[] | null;
  @Field(() => ActionPageInput, { nullable: true }) @IsOptional() @ValidateNested() @Type(() => ActionPageInput) page?: ActionPageInput | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(2000) consentWording?: string | null;
}

@InputType('CreateActionInput')
export class CreateActionInput {
  @Field(() => ID) @IsString() campaignId: string;
  @Field(() => ActionTypeEnum) type: ActionTypeValue;
  @Field(() => String) @IsString() @MaxLength(ACTION_TITLE_MAX) title: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(ACTION_TEXT_MAX) description?: string | null;
  @Field(() => ActionStatusEnum, { nullable: true, description: 'Default DRAFT.' }) @IsOptional() status?: ActionStatusValue | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) goalCount?: number | null;
  @Field(() => DateTimeScalar, { nullable: true }) @IsOptional() startsAt?: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) @IsOptional() endsAt?: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) @IsOptional() dueAt?: Date | null;
  @Field(() => [Int], { nullable: true, description: 'Default [1440, 120] (a day and two hours before).' })
  @IsOptional() @IsArray() @ArrayMaxSize(5) reminderOffsetsMinutes?: number[] | null;
  @Field(() => ActionPageInput, { nullable: true }) @IsOptional() @ValidateNested() @Type(() => ActionPageInput) page?: ActionPageInput | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(2000) consentWording?: string | null;
}

@InputType('ActionResponseFilter')
export class ActionResponseFilter {
  @Field(() => [ResponseStateEnum], { nullable: true }) @IsOptional() @IsArray() state?: ResponseState[] | null;
  @Field(() => [ResponseChannelEnum], { nullable: true }) @IsOptional() @IsArray() channel?: ResponseChannel[] | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsString() creditedUserId?: string | null;
}

@InputType('RecordActionResponseInput')
export class RecordActionResponseInput {
  @Field(() => ID) @IsString() actionId: string;
  @Field(() => ID) @IsString() memberId: string;
  @Field(() => ResponseStateEnum) state: ResponseState;
  @Field(() => ResponseChannelEnum) channel: ResponseChannel;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsString() creditedUserId?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(2000) note?: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) @IsOptional() dueAt?: Date | null;
}
