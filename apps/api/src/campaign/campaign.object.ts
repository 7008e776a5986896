import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { RESPONSE_CHANNELS, type ResponseChannel } from '@muster/domain';
import { PageInfo } from '../common/page-info.object.js';
import { DateScalar, DateTimeScalar } from '../common/scalars.js';
import { CAMPAIGN_STATUSES, CAMPAIGN_TEAM_ROLES, type CampaignStatusValue, type CampaignTeamRoleValue } from './campaign.entity.js';

export function enumOf<T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
}

export const CampaignStatusEnum = enumOf(CAMPAIGN_STATUSES);
export const CampaignTeamRoleEnum = enumOf(CAMPAIGN_TEAM_ROLES);
export const ResponseChannelEnum = enumOf(RESPONSE_CHANNELS);
registerEnumType(CampaignStatusEnum, { name: 'CampaignStatus' });
registerEnumType(CampaignTeamRoleEnum, { name: 'CampaignTeamRole' });
registerEnumType(ResponseChannelEnum, { name: 'ResponseChannel' });

@ObjectType('CampaignTeamMember')
export class CampaignTeamMemberObject {
  @Field(() => ID) userId: string;
  @Field(() => String, { nullable: true, description: 'Null for client roles (no volunteer names) or a user you cannot see.' }) name: string | null;
  @Field(() => String, { nullable: true }) email: string | null;
  @Field(() => CampaignTeamRoleEnum) role: CampaignTeamRoleValue;
}

@ObjectType('Campaign')
export class CampaignObject {
  @Field(() => ID) id: string;
  @Field(() => ID) organisationId: string;
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true }) description: string | null;
  @Field(() => String, { nullable: true }) goal: string | null;
  @Field(() => Int, { nullable: true }) goalCount: number | null;
  @Field(() => DateScalar, { nullable: true }) startsOn: string | null;
  @Field(() => DateScalar, { nullable: true }) endsOn: string | null;
  @Field(() => CampaignStatusEnum) status: CampaignStatusValue;
  @Field(() => ID, { nullable: true }) targetSegmentId: string | null;
  @Field(() => [ResponseChannelEnum]) channels: ResponseChannel[];
  @Field(() => DateTimeScalar) createdAt: Date;
  @Field(() => DateTimeScalar) updatedAt: Date;
}

@ObjectType('CampaignEdge')
export class CampaignEdge {
  @Field(() => String) cursor: string;
  @Field(() => CampaignObject) node: CampaignObject;
}

@ObjectType('CampaignConnection')
export class CampaignConnection {
  @Field(() => [CampaignEdge]) edges: CampaignEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int) totalCount?: number;
  countTotal: () => Promise<number>;
}

@ObjectType('UserSummary', { description: 'A user as campaign results and responses name them.' })
export class UserSummaryObject {
  @Field(() => ID) id: string;
  @Field(() => String, { nullable: true }) name: string | null;
  @Field(() => String, { nullable: true }) email: string | null;
}
