import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, MaxLength, Min, ValidateNested } from 'class-validator';
import type { ResponseChannel } from '@muster/domain';
import { DateScalar } from '../../common/scalars.js';
import type { CampaignStatusValue, CampaignTeamRoleValue } from '../campaign.entity.js';
import { CampaignStatusEnum, CampaignTeamRoleEnum, ResponseChannelEnum } from '../campaign.object.js';

export const CAMPAIGN_NAME_MAX = 200;
export const CAMPAIGN_TEXT_MAX = 5000;
export const CAMPAIGN_TEAM_MAX = 500;

@InputType('CampaignTeamInput')
export class CampaignTeamInput {
  @Field(() => ID) @IsString() userId: string;
  @Field(() => CampaignTeamRoleEnum) role: CampaignTeamRoleValue;
}

@InputType('CampaignFilter')
export class CampaignFilter {
  @Field(() => [CampaignStatusEnum], { nullable: true }) @IsOptional() @IsArray() status?: CampaignStatusValue[] | null;
  @Field(() => String, { nullable: true, description: 'Matches anywhere in the name, case-insensitively.' }) @IsOptional() @IsString() @MaxLength(200) search?: string | null;
}

@InputType('UpdateCampaignInput')
export class UpdateCampaignInput {
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(CAMPAIGN_NAME_MAX) name?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(CAMPAIGN_TEXT_MAX) description?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(CAMPAIGN_TEXT_MAX) goal?: string | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) goalCount?: number | null;
  @Field(() => DateScalar, { nullable: true }) @IsOptional() startsOn?: string | null;
  @Field(() => DateScalar, { nullable: true }) @IsOptional() endsOn?: string | null;
  @Field(() => CampaignStatusEnum, { nullable: true }) @IsOptional() status?: CampaignStatusValue | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsString() targetSegmentId?: string | null;
  @Field(() => [ResponseChannelEnum], { nullable: true }) @IsOptional() @IsArray() channels?: ResponseChannel[] | null;
  @Field(() => [CampaignTeamInput], { nullable: true, description: 'Replaces the whole team when given.' })
  @IsOptional() @IsArray() @ArrayMaxSize(CAMPAIGN_TEAM_MAX) @ValidateNested({ each: true }) @Type(() => CampaignTeamInput)
  team?: CampaignTeamInput[] | null;
}

@InputType('CreateCampaignInput')
export class CreateCampaignInput {
  @Field(() => ID) @IsString() organisationId: string;
  @Field(() => String) @IsString() @MaxLength(CAMPAIGN_NAME_MAX) name: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(CAMPAIGN_TEXT_MAX) description?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(CAMPAIGN_TEXT_MAX) goal?: string | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) goalCount?: number | null;
  @Field(() => DateScalar, { nullable: true }) @IsOptional() startsOn?: string | null;
  @Field(() => DateScalar, { nullable: true }) @IsOptional() endsOn?: string | null;
  @Field(() => CampaignStatusEnum, { nullable: true }) @IsOptional() status?: CampaignStatusValue | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsString() targetSegmentId?: string | null;
  @Field(() => [ResponseChannelEnum], { nullable: true }) @IsOptional() @IsArray() channels?: ResponseChannel[] | null;
  @Field(() => [CampaignTeamInput], { nullable: true, description: 'Replaces the whole team when given.' })
  @IsOptional() @IsArray() @ArrayMaxSize(CAMPAIGN_TEAM_MAX) @ValidateNested({ each: true }) @Type(() => CampaignTeamInput)
  team?: CampaignTeamInput[] | null;
}

