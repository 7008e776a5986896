import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { RequireCapability } from '../access/access.decorator.js';
import { DateTimeScalar } from '../common/scalars.js';
import { MemberObject } from '../member/member.object.js';
import type { MemberWithBatch } from '../member/member.service.js';
import { DonationFilterInput, RecordDonationInput } from './dtos/donation.input.js';
import { DonationConnection, DonationObject, DonationPlanConnection, DonationPlanObject, DonationPlanStatusEnum, DonationTotalsObject } from './donation.object.js';
import { DonationService, type DonationPlanWithLoader, type DonationWithLoader } from './donation.service.js';
import type { DonationPlanStatus } from '@muster/domain';

@Resolver(() => DonationObject)
export class DonationResolver {
  constructor(private readonly service: DonationService) {}

  @Query(() => DonationConnection, { description: 'Donations of one organisation, newest first; `campaignId`/`memberId` narrow it, `filter` by status, kind and creation time.' })
  @RequireCapability('donation:read')
  donations(
    @Args('organisationId', { type: () => ID }) organisationId: string,
    @Args('campaignId', { type: () => ID, nullable: true }) campaignId?: string,
    @Args('memberId', { type: () => ID, nullable: true }) memberId?: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
    @Args('filter', { type: () => DonationFilterInput, nullable: true }) filter?: DonationFilterInput,
  ): Promise<DonationConnection> {
    return this.service.list(organisationId, { campaignId, memberId, first, after, filter });
  }

  @Query(() => DonationObject, { nullable: true, description: 'Null when not found, or in an organisation where you may not read donations.' })
  @RequireCapability('donation:read')
  donation(@Args('id', { type: () => ID }) id: string): Promise<DonationWithLoader | null> {
    return this.service.get(id);
  }

  @Query(() => DonationTotalsObject, { description: 'Paid donations: totals and by month (Europe/London). Client roles: small numbers suppressed.' })
  @RequireCapability('campaign:read')
  donationTotals(
    @Args('organisationId', { type: () => ID }) organisationId: string,
    @Args('campaignId', { type: () => ID, nullable: true }) campaignId?: string,
    @Args('from', { type: () => DateTimeScalar, nullable: true }) from?: Date,
    @Args('to', { type: () => DateTimeScalar, nullable: true }) to?: Date,
  ): Promise<DonationTotalsObject> {
    return this.service.totals(organisationId, { campaignId, from, to });
  }

  @Mutation(() => DonationObject, { description: 'A gift received outside the card provider (cash, cheque): recorded as paid (provider MANUAL). Audit-logged.' })
  @RequireCapability('donation:write')
  recordDonation(@Args('input', { type: () => RecordDonationInput }) input: RecordDonationInput): Promise<DonationWithLoader> {
    return this.service.record(input);
  }

  @Mutation(() => DonationObject, { description: 'Refunds amountPence more of a paid donation: at the payment provider for card payments. Audit-logged.' })
  @RequireCapability('donation:write')
  refundDonation(
    @Args('id', { type: () => ID }) id: string,
    @Args('amountPence', { type: () => Int }) amountPence: number,
    @Args('reason', { type: () => String }) reason: string,
  ): Promise<DonationWithLoader> {
    return this.service.refund(id, amountPence, reason);
  }

  @ResolveField('member', () => MemberObject, { nullable: true, description: 'The donor (null for an anonymous gift, or when you may not read members).' })
  member(@Parent() donation: DonationWithLoader): Promise<MemberWithBatch | null> {
    return this.service.memberOf(donation);
  }
}

@Resolver(() => DonationPlanObject)
export class DonationPlanResolver {
  constructor(private readonly service: DonationService) {}

  @Query(() => DonationPlanConnection, { description: 'Monthly (recurring) donation plans of one organisation, newest first; `memberId`/`campaignId`/`status` narrow it.' })
  @RequireCapability('donation:read')
  donationPlans(
    @Args('organisationId', { type: () => ID }) organisationId: string,
    @Args('memberId', { type: () => ID, nullable: true }) memberId?: string,
    @Args('campaignId', { type: () => ID, nullable: true }) campaignId?: string,
    @Args('status', { type: () => [DonationPlanStatusEnum], nullable: true }) status?: DonationPlanStatus[],
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<DonationPlanConnection> {
    return this.service.listPlans(organisationId, { memberId, campaignId, status, first, after });
  }

  @Query(() => DonationPlanObject, { nullable: true, description: 'Null when not found, or in an organisation where you may not read donations.' })
  @RequireCapability('donation:read')
  donationPlan(@Args('id', { type: () => ID }) id: string): Promise<DonationPlanWithLoader | null> {
    return this.service.getPlan(id);
  }

  @Mutation(() => DonationPlanObject, {
    description: 'Stops an ACTIVE or PENDING plan: cancels the subscription at the provider first (card plans), then the plan is CANCELLED. ' +
      'DONATION_PLAN_NOT_CANCELLABLE when it is already cancelled (or failed). Audit-logged with the reason.',
  })
  @RequireCapability('donation:write')
  cancelDonationPlan(
    @Args('id', { type: () => ID }) id: string,
    @Args('reason', { type: () => String }) reason: string,
  ): Promise<DonationPlanWithLoader> {
    return this.service.cancelPlan(id, reason);
  }

  @ResolveField('member', () => MemberObject, { nullable: true, description: 'The donor (null when you may not read members).' })
  member(@Parent() plan: DonationPlanWithLoader): Promise<MemberWithBatch | null> {
    return this.service.memberOf(plan);
  }
}

@Resolver(() => DonationPlanConnection)
export class DonationPlanConnectionResolver {
  @ResolveField('totalCount', () => Int)
  totalCount(@Parent() connection: DonationPlanConnection): Promise<number> {
    return connection.countTotal();
  }
}

/** totalCount costs a count: computed only when selected. */
@Resolver(() => DonationConnection)
export class DonationConnectionResolver {
  @ResolveField('totalCount', () => Int)
  totalCount(@Parent() connection: DonationConnection): Promise<number> {
    return connection.countTotal();
  }
}
