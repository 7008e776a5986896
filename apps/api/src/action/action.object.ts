import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { RESPONSE_STATES, type ResponseChannel, type ResponseState } from '@muster/domain';
import { PageInfo } from '../common/page-info.object.js';
import { DateTimeScalar } from '../common/scalars.js';
import { enumOf, ResponseChannelEnum, UserSummaryObject } from '../campaign/campaign.object.js';
import { ACTION_STATUSES, ACTION_TYPES, type ActionStatusValue, type ActionTypeValue } from './action.entity.js';

export const ActionTypeEnum = enumOf(ACTION_TYPES);
export const ActionStatusEnum = enumOf(ACTION_STATUSES);
export const ResponseStateEnum = enumOf(RESPONSE_STATES);
registerEnumType(ActionTypeEnum, { name: 'ActionType' });
registerEnumType(ActionStatusEnum, { name: 'ActionStatus' });
registerEnumType(ResponseStateEnum, { name: 'ResponseState' });

/** The public address of an action's page (the action pages module serves GET /a/:slug). */
export function actionPageUrl(slug: string, env: NodeJS.ProcessEnv = process.env): string {
  const base = (env.MUSTER_PUBLIC_URL || `http://127.0.0.1:${env.PORT || 4000}`).replace(/\/+$/, '');
  return `${base}/a/${slug}`;
}

@ObjectType('ActionPage')
export class ActionPageObject {
  @Field(() => String, { nullable: true }) headline: string | null;
  @Field(() => String, { nullable: true }) body: string | null;
  @Field(() => String, { nullable: true }) buttonLabel: string | null;
  @Field(() => [Int], { description: 'Suggested donation amounts, in pence.' }) donationAmountsPence: number[];
  @Field(() => String, { nullable: true }) thankYou: string | null;
}

@ObjectType('Action')
export class ActionObject {
  @Field(() => ID) id: string;
  @Field(() => ID) organisationId: string;
  @Field(() => ID) campaignId: string;
  @Field(() => ActionTypeEnum) type: ActionTypeValue;
  @Field(() => String) title: string;
  @Field(() => String, { nullable: true }) description: string | null;
  @Field(() => ActionStatusEnum) status: ActionStatusValue;
  @Field(() => Int, { nullable: true }) goalCount: number | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Events and shifts.' }) startsAt: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) endsAt: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When a commitment falls due (event start, pledge date): the default due date of responses.' }) dueAt: Date | null;
  @Field(() => [Int], { description: 'Reminders go out this many minutes before a response\'s due date.' }) reminderOffsetsMinutes: number[];
  @Field(() => String, { description: 'Unguessable; the public page is at pageUrl.' }) publicSlug: string;
  @Field(() => String, { description: 'Absolute URL of the public action page.' }) pageUrl: string;
  @Field(() => ActionPageObject) page: ActionPageObject;
  @Field(() => String, { nullable: true, description: 'The exact consent sentence shown on the page.' }) consentWording: string | null;
  @Field(() => DateTimeScalar) createdAt: Date;
  @Field(() => DateTimeScalar) updatedAt: Date;
}

@ObjectType('ActionEdge')
export class ActionEdge {
  @Field(() => String) cursor: string;
  @Field(() => ActionObject) node: ActionObject;
}

@ObjectType('ActionConnection')
export class ActionConnection {
  @Field(() => [ActionEdge]) edges: ActionEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int) totalCount?: number;
  countTotal: () => Promise<number>;
}

@ObjectType('ActionResponseEvent')
export class ActionResponseEventObject {
  @Field(() => ID) id: string;
  @Field(() => ID, { description: 'The response it moved (campaign activity lists events of many responses).' }) responseId: string;
  @Field(() => ID) actionId: string;
  organisationId: string;
  @Field(() => ID, { description: 'The member whose response moved (their details: `member`, with member:read).' }) memberId: string;
  @Field(() => ResponseStateEnum, { nullable: true, description: 'Null when the move created the response.' }) fromState: ResponseState | null;
  @Field(() => ResponseStateEnum) toState: ResponseState;
  @Field(() => ResponseChannelEnum) channel: ResponseChannel;
  @Field(() => ID, { nullable: true }) creditedUserId: string | null;
  @Field(() => String) actor: string;
  @Field(() => String, { nullable: true }) note: string | null;
  @Field(() => DateTimeScalar) at: Date;
}

@ObjectType('ActionResponse')
export class ActionResponseObject {
  @Field(() => ID) id: string;
  organisationId: string;
  @Field(() => ID) actionId: string;
  @Field(() => ID) campaignId: string;
  @Field(() => ID) memberId: string;
  @Field(() => ResponseStateEnum) state: ResponseState;
  @Field(() => ResponseChannelEnum, { description: 'The channel that secured the current commitment, or the completion when there was none.' }) channel: ResponseChannel;
  @Field(() => ID, { nullable: true, description: 'The volunteer or staff member who secured it.' }) creditedUserId: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) askedAt: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) committedAt: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) remindedAt: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) completedAt: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) closedAt: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) dueAt: Date | null;
  @Field(() => Int) reminderCount: number;
  @Field(() => DateTimeScalar) createdAt: Date;
  @Field(() => DateTimeScalar) updatedAt: Date;
}

@ObjectType('ActionResponseEdge')
export class ActionResponseEdge {
  @Field(() => String) cursor: string;
  @Field(() => ActionResponseObject) node: ActionResponseObject;
}

@ObjectType('ActionResponseConnection')
export class ActionResponseConnection {
  @Field(() => [ActionResponseEdge]) edges: ActionResponseEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int) totalCount?: number;
  countTotal: () => Promise<number>;
}

@ObjectType('FollowThrough', {
  description: 'Follow-through counts and rate (docs/campaigns.md, "Follow-through"). For client roles, a result with any count from 1 to ' +
    'the organisation\'s suppression threshold − 1 has every count and the rate null and suppressed true.',
})
export class FollowThroughObject {
  @Field(() => Int, { nullable: true, description: 'Responses (every response is a member who was asked).' }) asked: number | null;
  @Field(() => Int, { nullable: true, description: 'Responses that ever reached COMMITTED.' }) committed: number | null;
  @Field(() => Int, { nullable: true, description: 'Responses that were ever reminded.' }) reminded: number | null;
  @Field(() => Int, { nullable: true, description: 'Responses COMPLETED now (with or without a commitment first).' }) completed: number | null;
  @Field(() => Int, { nullable: true, description: 'Responses COMPLETED now that had committed first: the rate\'s numerator.' }) completedAfterCommit: number | null;
  @Field(() => Int, { nullable: true }) noShow: number | null;
  @Field(() => Int, { nullable: true }) cancelled: number | null;
  @Field(() => Int, { nullable: true }) declined: number | null;
  @Field(() => Int, { nullable: true, description: 'COMMITTED or REMINDED now: commitments whose outcome is not known yet.' }) pending: number | null;
  @Field(() => Float, { nullable: true, description: 'completedAfterCommit ÷ (completedAfterCommit + noShow + cancelled); null when that is 0.' }) rate: number | null;
  @Field(() => Boolean) suppressed: boolean;
}

@ObjectType('ActionResult')
export class ActionResultObject {
  @Field(() => ActionObject) action: ActionObject;
  @Field(() => FollowThroughObject) followThrough: FollowThroughObject;
}

@ObjectType('ChannelResult')
export class ChannelResultObject {
  @Field(() => ResponseChannelEnum) channel: ResponseChannel;
  @Field(() => FollowThroughObject) followThrough: FollowThroughObject;
}

@ObjectType('VolunteerResult')
export class VolunteerResultObject {
  @Field(() => UserSummaryObject) user: UserSummaryObject;
  @Field(() => FollowThroughObject) followThrough: FollowThroughObject;
}

@ObjectType('CampaignResults')
export class CampaignResultsObject {
  @Field(() => ID) campaignId: string;
  organisationId: string;
  clientView: boolean;
  @Field(() => FollowThroughObject) funnel: FollowThroughObject;
  @Field(() => [ActionResultObject]) byAction: ActionResultObject[];
  @Field(() => [ChannelResultObject]) byChannel: ChannelResultObject[];
  @Field(() => [VolunteerResultObject], { description: 'Per credited user; responses without credit are not in it. Empty for client roles.' }) byVolunteer: VolunteerResultObject[];
}
