import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DONATION_KINDS, DONATION_PLAN_STATUSES, DONATION_STATUSES, type DonationKind, type DonationPlanStatus, type DonationStatus, type ResponseChannel } from '@muster/domain';
import { ResponseChannelEnum } from '../campaign/campaign.object.js';
import { PageInfo } from '../common/page-info.object.js';
import { DateTimeScalar } from '../common/scalars.js';

export const DonationStatusEnum = Object.fromEntries(DONATION_STATUSES.map((s) => [s, s])) as { [K in DonationStatus]: K };
export const DonationKindEnum = Object.fromEntries(DONATION_KINDS.map((s) => [s, s])) as { [K in DonationKind]: K };
registerEnumType(DonationStatusEnum, { name: 'DonationStatus' });
registerEnumType(DonationKindEnum, { name: 'DonationKind' });
export const DonationPlanStatusEnum = Object.fromEntries(DONATION_PLAN_STATUSES.map((s) => [s, s])) as { [K in DonationPlanStatus]: K };
export const DonationPlanIntervalEnum = { MONTH: 'MONTH', YEAR: 'YEAR' } as const;
registerEnumType(DonationPlanStatusEnum, {
  name: 'DonationPlanStatus',
  description: 'PENDING: checkout not finished; ACTIVE: billing; CANCELLED: stopped (by staff or at the provider); FAILED: the checkout failed or expired.',
});
registerEnumType(DonationPlanIntervalEnum, { name: 'DonationPlanInterval' });

@ObjectType('Donation')
export class DonationObject {
  @Field(() => ID) id: string;
  @Field(() => ID) organisationId: string;
  @Field(() => ID, { nullable: true }) memberId: string | null;
  @Field(() => ID, { nullable: true }) campaignId: string | null;
  @Field(() => ID, { nullable: true }) actionId: string | null;
  @Field(() => ID, { nullable: true, description: 'The action response this donation completed.' }) responseId: string | null;
  @Field(() => ID, { nullable: true, description: 'The recurring plan this payment belongs to (kind RECURRING).' }) planId: string | null;
  @Field(() => Int, { description: 'Whole pence.' }) amountPence: number;
  @Field(() => String, { description: 'ISO 4217, GBP unless stated.' }) currency: string;
  @Field(() => DonationKindEnum) kind: DonationKind;
  @Field(() => DonationStatusEnum) status: DonationStatus;
  @Field(() => Int) refundedPence: number;
  @Field(() => Boolean, { description: 'The donor asked for Gift Aid (with a declaration).' }) giftAid: boolean;
  @Field(() => Int, { description: '25% of the net amount (amount − refunded, rounded down) when a declaration covers the gift and it is paid and not fully refunded; else 0.' })
  giftAidPence: number;
  @Field(() => ResponseChannelEnum) channel: ResponseChannel;
  @Field(() => ID, { nullable: true }) creditedUserId: string | null;
  @Field(() => String, { description: 'STRIPE, STANDIN (the local stand-in) or MANUAL (cash, cheque: recordDonation).' }) provider: string;
  @Field(() => String, { nullable: true }) providerPaymentId: string | null;
  @Field(() => String, { nullable: true }) failureCode: string | null;
  @Field(() => String, { nullable: true }) failureMessage: string | null;
  @Field(() => String, { nullable: true }) note: string | null;
  @Field(() => DateTimeScalar) createdAt: Date;
  @Field(() => DateTimeScalar, { nullable: true }) succeededAt: Date | null;
}

@ObjectType('DonationEdge')
export class DonationEdge {
  @Field(() => String) cursor: string;
  @Field(() => DonationObject) node: DonationObject;
}

@ObjectType('DonationConnection')
export class DonationConnection {
  @Field(() => [DonationEdge]) edges: DonationEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int) totalCount?: number;
  countTotal: () => Promise<number>;
}

@ObjectType('DonationPlan', { description: 'A recurring gift (a subscription at the provider): each paid or failed month is a Donation with its planId.' })
export class DonationPlanObject {
  @Field(() => ID) id: string;
  @Field(() => ID) organisationId: string;
  @Field(() => ID, { nullable: true }) memberId: string | null;
  @Field(() => ID, { nullable: true }) campaignId: string | null;
  @Field(() => ID, { nullable: true }) actionId: string | null;
  @Field(() => Int, { description: 'Whole pence, each interval.' }) amountPence: number;
  @Field(() => String, { description: 'ISO 4217, GBP unless stated.' }) currency: string;
  @Field(() => DonationPlanIntervalEnum) interval: 'MONTH' | 'YEAR';
  @Field(() => DonationPlanStatusEnum) status: DonationPlanStatus;
  @Field(() => Boolean, { description: 'The donor asked for Gift Aid on every payment (with a declaration).' }) giftAid: boolean;
  @Field(() => ResponseChannelEnum) channel: ResponseChannel;
  @Field(() => ID, { nullable: true }) creditedUserId: string | null;
  @Field(() => String, { description: 'STRIPE, STANDIN (the local stand-in) or MANUAL.' }) provider: string;
  @Field(() => Int, { description: 'How many months failed to be paid.' }) failedPaymentCount: number;
  @Field(() => String, { nullable: true }) lastFailureCode: string | null;
  @Field(() => String, { nullable: true }) lastFailureMessage: string | null;
  @Field(() => DateTimeScalar) createdAt: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the first payment went through.' }) startedAt: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) cancelledAt: Date | null;
}

@ObjectType('DonationPlanEdge')
export class DonationPlanEdge {
  @Field(() => String) cursor: string;
  @Field(() => DonationPlanObject) node: DonationPlanObject;
}

@ObjectType('DonationPlanConnection')
export class DonationPlanConnection {
  @Field(() => [DonationPlanEdge]) edges: DonationPlanEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int) totalCount?: number;
  countTotal: () => Promise<number>;
}

@ObjectType('DonationMonth')
export class DonationMonthObject {
  @Field(() => String, { description: 'YYYY-MM (Europe/London), by when the donation was paid.' }) month: string;
  @Field(() => Int, { nullable: true }) count: number | null;
  @Field(() => Int, { nullable: true }) totalPence: number | null;
}

@ObjectType('DonationTotals', {
  description: 'Paid donations (SUCCEEDED, PARTIALLY_REFUNDED, REFUNDED) by when they were paid. For client roles, figures from fewer ' +
    'donations than the organisation\'s suppression threshold are null and `suppressed` is true (as insights do).',
})
export class DonationTotalsObject {
  @Field(() => Int, { nullable: true }) count: number | null;
  @Field(() => Int, { nullable: true }) totalPence: number | null;
  @Field(() => Int, { nullable: true }) refundedPence: number | null;
  @Field(() => Int, { nullable: true, description: 'totalPence − refundedPence.' }) netPence: number | null;
  @Field(() => Int, { nullable: true }) giftAidPence: number | null;
  @Field(() => Int, { nullable: true, description: 'How many of the paid donations were monthly (recurring) payments.' }) recurringCount: number | null;
  @Field(() => [DonationMonthObject]) byMonth: DonationMonthObject[];
  @Field(() => Boolean) suppressed: boolean;
}
