/**
 * Donation use cases for staff and API keys: list (filters, newest first), read one, record a manual gift (cash,
 * cheque), refund (at the provider for card payments), totals per organisation or campaign (client roles get
 * small numbers suppressed as insights do), and monthly plans: list, read one, cancel (at the provider first). Staff writes are audit-logged. Another organisation's donation, member,
 * campaign or action reads as not found.
 * Must never: throw HTTP/GraphQL errors, change a donation's status except through @muster/domain's rules, or show a
 * client role a figure from fewer donations than its suppression threshold.
 */
import { Inject, Injectable } from '@nestjs/common';
import { AGENCY_ROLES, checkPence, checkRefundRequest, giftAidPence, type DonationPlanStatus } from '@muster/domain';
import { AccessException } from '../access/access.exception.js';
import { AccessService } from '../access/access.service.js';
import { ActionResponseService } from '../action/action-response.service.js';
import { AuditService } from '../audit/audit.service.js';
import { decodeCursor, encodeCursor, isUuid } from '../common/cursor.js';
import type { PageInfo } from '../common/page-info.object.js';
import { ValidationFailedException, type FieldError } from '../common/domain.exception.js';
import { resolvePaging } from '../common/paging.js';
import { DEFAULT_SUPPRESSION_THRESHOLD } from '../insights/insights.service.js';
import { isSmall, suppressPartition } from '../insights/insights.suppression.js';
import { MEMBER_BATCH, MemberBatchLoader } from '../member/member.loader.js';
import { MemberRepository } from '../member/member.repository.js';
import { toMemberObject, type MemberWithBatch } from '../member/member.service.js';
import { PAYMENT_PROVIDER, type PaymentProvider } from '../payment/payment-provider.js';
import { checkGiftAid } from './donation-checkout.service.js';
import { DonationPaymentsService, paymentStateOf } from './donation-payments.service.js';
import { DonationException } from './donation.exception.js';
import { DonationConnection, DonationObject, DonationPlanConnection, DonationPlanObject, DonationTotalsObject } from './donation.object.js';
import {
  DonationRepository, type DonationFilterValues, type DonationPlanFilterValues, type DonationPlanRow, type DonationRow, type TotalsRow,
} from './donation.repository.js';
import type { DonationFilterInput, RecordDonationInput } from './dtos/donation.input.js';

const SORT = 'CREATED_AT:DESC';
export const DONATION_MEMBERS = Symbol('donationMembers');

/** Loads the members of one page of donations in one query, the first time any is asked for. */
export class DonationMemberLoader {
  private rows?: Promise<Map<string, MemberWithBatch>>;
  constructor(
    private readonly donations: DonationRepository,
    private readonly members: MemberRepository,
    private readonly organisationId: string,
    private readonly ids: string[],
  ) {}

  async memberOf(id: string): Promise<MemberWithBatch | null> {
    this.rows ??= (async () => {
      const unique = [...new Set(this.ids)];
      const batch = new MemberBatchLoader(this.members, this.organisationId, unique);
      const rows = await this.donations.members(this.organisationId, unique);
      return new Map(rows.map((r) => {
        const node = toMemberObject(r) as MemberWithBatch;
        node[MEMBER_BATCH] = batch;
        return [r.id, node];
      }));
    })();
    return (await this.rows).get(id) ?? null;
  }
}

export type DonationWithLoader = DonationObject & { [DONATION_MEMBERS]?: DonationMemberLoader };
export type DonationPlanWithLoader = DonationPlanObject & { [DONATION_MEMBERS]?: DonationMemberLoader };

export function toDonationPlanObject(row: DonationPlanRow): DonationPlanObject {
  return {
    id: row.id, organisationId: row.organisation_id, memberId: row.member_id, campaignId: row.campaign_id, actionId: row.action_id,
    amountPence: row.amount_pence, currency: row.currency, interval: row.interval, status: row.status, giftAid: row.gift_aid, channel: row.channel,
    creditedUserId: row.credited_user_id, provider: row.provider, failedPaymentCount: row.failed_payment_count, lastFailureCode: row.last_failure_code,
    lastFailureMessage: row.last_failure_message, createdAt: row.created_at, startedAt: row.started_at, cancelledAt: row.cancelled_at,
  };
}

/** Only these can be cancelled (a CANCELLED plan already is; a FAILED one never started). */
const CANCELLABLE: DonationPlanStatus[] = ['ACTIVE', 'PENDING'];

export function toDonationObject(row: DonationRow): DonationObject {
  const at = row.succeeded_at ?? row.created_at;
  const declaration = row.declared_at ? { declaredAt: row.declared_at, coversPast: !!row.covers_past, coversFuture: !!row.covers_future, revokedAt: row.revoked_at } : null;
  return {
    id: row.id, organisationId: row.organisation_id, memberId: row.member_id, campaignId: row.campaign_id, actionId: row.action_id,
    responseId: row.response_id, planId: row.plan_id, amountPence: row.amount_pence, currency: row.currency, kind: row.kind, status: row.status,
    refundedPence: row.refunded_pence, giftAid: row.gift_aid,
    giftAidPence: giftAidPence({ amountPence: row.amount_pence, refundedPence: row.refunded_pence, currency: row.currency, status: row.status, giftAid: row.gift_aid, at }, declaration),
    channel: row.channel, creditedUserId: row.credited_user_id, provider: row.provider, providerPaymentId: row.provider_payment_id,
    failureCode: row.failure_code, failureMessage: row.failure_message, note: row.note, createdAt: row.created_at, succeededAt: row.succeeded_at,
  };
}

function pence(text: string): number {
  return Number(text);
}

/** An optional id argument: lower-cased, or a problem at `path` when it is not an id. */
function idArg(value: string | null | undefined, path: string, problems: FieldError[]): string | null {
  if (value === null || value === undefined) return null;
  if (!isUuid(value)) problems.push({ path, message: 'Not an id.' });
  return value.toLowerCase();
}

@Injectable()
export class DonationService {
  constructor(
    private readonly donations: DonationRepository,
    private readonly members: MemberRepository,
    private readonly payments: DonationPaymentsService,
    private readonly responses: ActionResponseService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
  ) {}

  async list(rawOrganisationId: string, args: { campaignId?: string | null; memberId?: string | null; first?: number | null; after?: string | null; filter?: DonationFilterInput | null }): Promise<DonationConnection> {
    this.access.assert(rawOrganisationId, 'donation:read');
    const organisationId = rawOrganisationId.toLowerCase();
    const problems: FieldError[] = [];
    const filter: DonationFilterValues = {
      campaignId: idArg(args.campaignId, 'campaignId', problems), memberId: idArg(args.memberId, 'memberId', problems),
      status: args.filter?.status ?? null, kind: args.filter?.kind ?? null, from: args.filter?.from ?? null, to: args.filter?.to ?? null,
    };
    return this.newestFirst(organisationId, args, problems, {
      load: (after, limit) => this.donations.page(organisationId, filter, limit, after),
      count: () => this.donations.count(organisationId, filter),
      toNode: (row): DonationWithLoader => toDonationObject(row),
    });
  }

  /**
   * Null when it does not exist or is in an organisation where the caller may not read donations (another
   * organisation's reads exactly like a missing id); FORBIDDEN for a caller who may read donations nowhere.
   */
  async get(id: string): Promise<DonationWithLoader | null> {
    const organisationIds = this.access.organisationsWith('donation:read');
    if (organisationIds.length === 0) throw AccessException.forbidden();
    if (!isUuid(id)) return null;
    const row = await this.donations.findVisible(organisationIds, id.toLowerCase());
    return row ? this.withLoader(row) : null;
  }

  /** The donor of a donation or plan, for callers who may read members there (else null). */
  memberOf(donation: DonationWithLoader | DonationPlanWithLoader): Promise<MemberWithBatch | null> {
    if (!donation.memberId) return Promise.resolve(null);
    const roles = this.access.rolesIn(donation.organisationId);
    if (!this.access.capabilitiesFor(roles).includes('member:read') || this.access.assignedOnlyUser(donation.organisationId) !== null) return Promise.resolve(null);
    const loader = donation[DONATION_MEMBERS] ?? new DonationMemberLoader(this.donations, this.members, donation.organisationId, [donation.memberId]);
    return loader.memberOf(donation.memberId);
  }

  /** A gift received outside the card provider (cash, cheque, bank transfer): paid as recorded. */
  async record(input: RecordDonationInput): Promise<DonationWithLoader> {
    this.access.assert(input.organisationId, 'donation:write');
    const org = input.organisationId.toLowerCase();
    const problems: FieldError[] = [];
    const amount = checkPence(input.amountPence);
    if (!amount.ok) problems.push({ path: 'input.amountPence', message: amount.error.message });
    const receivedAt = input.receivedAt ?? new Date();
    if (receivedAt.getTime() > Date.now() + 60_000) problems.push({ path: 'input.receivedAt', message: 'Cannot be in the future.' });
    const declarationInput = input.giftAidDeclaration ? checkGiftAid(input.giftAidDeclaration, 'input.giftAidDeclaration') : null;
    if (declarationInput) problems.push(...declarationInput.problems);
    if ((input.giftAid || declarationInput) && !input.memberId) problems.push({ path: 'input.memberId', message: 'Gift Aid needs the donor: give the member.' });
    if (problems.length) throw new ValidationFailedException(problems);

    let memberId: string | null = null;
    if (input.memberId) {
      if (!isUuid(input.memberId) || !(await this.donations.memberExists(org, input.memberId.toLowerCase()))) throw DonationException.memberNotFound();
      memberId = input.memberId.toLowerCase();
    }
    let campaignId: string | null = null;
    let actionId: string | null = null;
    if (input.actionId) {
      const action = await this.responses.findAction(org, input.actionId);
      if (!action || !isUuid(input.actionId)) throw DonationException.actionNotFound();
      actionId = action.id;
      campaignId = action.campaign_id;
    }
    if (input.campaignId) {
      if (!isUuid(input.campaignId) || !(await this.donations.campaignExists(org, input.campaignId.toLowerCase()))) throw DonationException.campaignNotFound();
      if (campaignId && campaignId !== input.campaignId.toLowerCase()) {
        throw new ValidationFailedException([{ path: 'input.campaignId', message: 'The action belongs to another campaign: leave campaignId out or give the action\'s.' }]);
      }
      campaignId = input.campaignId.toLowerCase();
    }
    let declarationId: string | null = null;
    if (memberId && declarationInput) {
      declarationId = await this.donations.insertDeclaration(org, {
        memberId, declaredAt: new Date(), ...declarationInput.value, coversPast: input.giftAidDeclaration?.coversPast === true, coversFuture: true, source: 'STAFF',
      });
    } else if (memberId && input.giftAid) {
      declarationId = (await this.donations.currentDeclaration(org, memberId))?.id ?? null;
      if (!declarationId) {
        throw new ValidationFailedException([{ path: 'input.giftAid', message: 'No Gift Aid declaration covers this member: add giftAidDeclaration with their declaration.' }]);
      }
    }
    const principal = this.access.principal();
    const id = await this.donations.insert(org, {
      memberId, campaignId, actionId, amountPence: input.amountPence, currency: 'GBP', kind: 'ONE_OFF', planId: null, status: 'PENDING',
      giftAid: declarationId !== null, giftAidDeclarationId: declarationId, channel: 'STAFF', creditedUserId: principal.userId, provider: 'MANUAL',
      note: input.note?.trim() || null, createdBy: principal.label, createdByUserId: principal.userId,
    });
    const pending = await this.donations.find(org, id, true);
    if (!pending) throw new Error('donation: inserted row not found');
    const applied = await this.payments.applyFact(org, pending, { kind: 'SUCCEEDED', at: receivedAt }, principal.userId ? `user:${principal.userId}` : `api-key:${principal.apiKeyId}`);
    await this.audit.record({
      action: 'donation.record', organisationId: org, targetType: 'donation', targetIds: [id],
      details: { amountPence: input.amountPence, memberId, campaignId, actionId, giftAid: declarationId !== null, outcome: applied.outcome },
    });
    return this.withLoader((await this.donations.find(org, id))!);
  }

  /** Refunds `amountPence` more of a paid donation: at the provider for card payments, recorded directly for manual ones. */
  async refund(id: string, amountPence: number, reason: string): Promise<DonationWithLoader> {
    if (!isUuid(id)) throw DonationException.notFound();
    const visible = await this.donations.findVisible(this.access.organisationsWith('donation:read'), id.toLowerCase()).catch(() => null);
    if (!visible) throw DonationException.notFound();
    this.access.assert(visible.organisation_id, 'donation:write');
    const org = visible.organisation_id;
    const amount = checkPence(amountPence);
    if (!amount.ok) throw new ValidationFailedException([{ path: 'amountPence', message: amount.error.message }]);
    const donation = (await this.donations.find(org, visible.id, true))!;
    const check = checkRefundRequest(paymentStateOf(donation), amountPence, reason ?? '');
    if (!check.ok) {
      throw new ValidationFailedException([{ path: check.error.code === 'REFUND_REASON_REQUIRED' ? 'reason' : 'amountPence', message: check.error.message }]);
    }
    const total = check.value;
    let providerRefundId: string | null = null;
    if (donation.provider !== 'MANUAL') {
      if (!donation.provider_payment_id) throw new ValidationFailedException([{ path: 'id', message: 'The provider has not told us this payment\'s id yet: try again in a minute.' }]);
      const refund = await this.provider.refund({
        paymentId: donation.provider_payment_id, amountPence, idempotencyKey: `refund:${donation.id}:${total}`,
        ref: { organisationId: org, donationId: donation.id, planId: donation.plan_id },
      });
      providerRefundId = refund.refundId;
    }
    const principal = this.access.principal();
    const applied = await this.payments.applyFact(org, donation, { kind: 'REFUNDED', at: new Date(), refundedPence: total });
    await this.audit.record({
      action: 'donation.refund', organisationId: org, targetType: 'donation', targetIds: [donation.id],
      details: { amountPence, refundedPence: total, reason: reason.trim(), providerRefundId, outcome: applied.outcome, by: principal.label },
    });
    return this.withLoader((await this.donations.find(org, donation.id))!);
  }

  /** Monthly plans of one organisation, newest first (keyset on created_at, id). */
  async listPlans(rawOrganisationId: string, args: { memberId?: string | null; campaignId?: string | null; status?: DonationPlanStatus[] | null; first?: number | null; after?: string | null }): Promise<DonationPlanConnection> {
    this.access.assert(rawOrganisationId, 'donation:read');
    const organisationId = rawOrganisationId.toLowerCase();
    const problems: FieldError[] = [];
    const filter: DonationPlanFilterValues = {
      campaignId: idArg(args.campaignId, 'campaignId', problems), memberId: idArg(args.memberId, 'memberId', problems), status: args.status ?? null,
    };
    return this.newestFirst(organisationId, args, problems, {
      load: (after, limit) => this.donations.planPage(organisationId, filter, limit, after),
      count: () => this.donations.planCount(organisationId, filter),
      toNode: (row): DonationPlanWithLoader => toDonationPlanObject(row),
    });
  }

  /**
   * One newest-first page (keyset on created_at, id) of donations or plans: the `after` cursor checked (a bad one joins
   * `problems`, which are thrown together), one row more than the page to know if there is a next, and the page's
   * members loaded in one query for every node.
   */
  private async newestFirst<R extends { id: string; created_at: Date; member_id: string | null }, N extends { [DONATION_MEMBERS]?: DonationMemberLoader }>(
    organisationId: string, args: { first?: number | null; after?: string | null }, problems: FieldError[],
    rows: { load: (after: { createdAt: string; id: string } | null, limit: number) => Promise<R[]>; count: () => Promise<number>; toNode: (row: R) => N },
  ): Promise<{ edges: { cursor: string; node: N }[]; pageInfo: PageInfo; countTotal: () => Promise<number> }> {
    const paging = resolvePaging({ first: args.first, after: args.after });
    let after: { createdAt: string; id: string } | null = null;
    if (paging.cursor) {
      const decoded = decodeCursor(paging.cursor, SORT, 1);
      if (!decoded || typeof decoded.values[0] !== 'string') problems.push({ path: 'after', message: 'Not a cursor from this list.' });
      else after = { createdAt: decoded.values[0], id: decoded.id };
    }
    if (problems.length) throw new ValidationFailedException(problems);
    const found = await rows.load(after, paging.limit + 1);
    const pageRows = found.slice(0, paging.limit);
    const loader = new DonationMemberLoader(this.donations, this.members, organisationId, pageRows.flatMap((r) => (r.member_id ? [r.member_id] : [])));
    const edges = pageRows.map((row) => {
      const node = rows.toNode(row);
      node[DONATION_MEMBERS] = loader;
      return { cursor: encodeCursor(SORT, [row.created_at.toISOString()], row.id), node };
    });
    return {
      edges,
      pageInfo: { hasNextPage: found.length > paging.limit, hasPreviousPage: after !== null, startCursor: edges[0]?.cursor ?? null, endCursor: edges[edges.length - 1]?.cursor ?? null },
      countTotal: rows.count,
    };
  }

  /** Null when it does not exist or is in an organisation where the caller may not read donations (as `get`). */
  async getPlan(id: string): Promise<DonationPlanWithLoader | null> {
    const organisationIds = this.access.organisationsWith('donation:read');
    if (organisationIds.length === 0) throw AccessException.forbidden();
    if (!isUuid(id)) return null;
    const row = await this.donations.findPlanVisible(organisationIds, id.toLowerCase());
    return row ? this.planWithLoader(row) : null;
  }

  /**
   * Stops an ACTIVE or PENDING plan. Card plans with a subscription are cancelled at the provider first (a provider
   * error throws PAYMENT_PROVIDER_ERROR and the transaction leaves the plan as it was); then the plan is CANCELLED
   * with cancelled_at now. The plan row is locked throughout, so the provider's customer.subscription.deleted webhook
   * waits for this to commit and then finds the plan already cancelled (it changes nothing).
   */
  async cancelPlan(id: string, reason: string): Promise<DonationPlanWithLoader> {
    if (!isUuid(id)) throw DonationException.planNotFound();
    const visible = await this.donations.findPlanVisible(this.access.organisationsWith('donation:read'), id.toLowerCase()).catch(() => null);
    if (!visible) throw DonationException.planNotFound();
    this.access.assert(visible.organisation_id, 'donation:write');
    const org = visible.organisation_id;
    const why = (reason ?? '').trim();
    if (!why) throw new ValidationFailedException([{ path: 'reason', message: 'Say why the plan is cancelled.' }]);
    if (why.length > 1000) throw new ValidationFailedException([{ path: 'reason', message: 'At most 1000 characters.' }]);
    const plan = (await this.donations.findPlan(org, visible.id))!;
    if (!CANCELLABLE.includes(plan.status)) throw DonationException.planNotCancellable(plan.status, plan.cancelled_at);
    let providerCancelled = false;
    if (plan.provider !== 'MANUAL' && plan.provider_subscription_id) {
      await this.provider.cancelSubscription(plan.provider_subscription_id);
      providerCancelled = true;
    }
    const principal = this.access.principal();
    await this.donations.updatePlan(org, plan.id, { status: 'CANCELLED', cancelledAt: new Date() });
    await this.audit.record({
      action: 'donation_plan.cancel', organisationId: org, targetType: 'donation_plan', targetIds: [plan.id],
      details: {
        reason: why, from: plan.status, provider: plan.provider, providerSubscriptionId: plan.provider_subscription_id, providerCancelled,
        amountPence: plan.amount_pence, memberId: plan.member_id, by: principal.label,
      },
    });
    return this.planWithLoader((await this.donations.findPlan(org, plan.id))!);
  }

  /**
   * Paid donations' totals; for callers whose roles there are client roles only, small numbers are suppressed and the
   * date range is widened to whole Europe/London months.
   */
  async totals(rawOrganisationId: string, args: { campaignId?: string | null; from?: Date | null; to?: Date | null }): Promise<DonationTotalsObject> {
    const roles = this.access.assert(rawOrganisationId, 'campaign:read');
    const org = rawOrganisationId.toLowerCase();
    if (args.campaignId && !isUuid(args.campaignId)) throw new ValidationFailedException([{ path: 'campaignId', message: 'Not an id.' }]);
    const client = !roles.some((r) => AGENCY_ROLES.includes(r));
    // Client roles: whole months only, so the difference of two ranges can never isolate one donation.
    const { all, months } = await this.donations.totals(org, {
      campaignId: args.campaignId?.toLowerCase() ?? null, from: args.from ?? null, to: args.to ?? null, wholeMonths: client,
    });
    const threshold = client ? ((await this.donations.suppressionThreshold(org)) ?? DEFAULT_SUPPRESSION_THRESHOLD) : 0;
    return suppressTotals(all, months, threshold);
  }

  private planWithLoader(row: DonationPlanRow): DonationPlanWithLoader {
    const node: DonationPlanWithLoader = toDonationPlanObject(row);
    if (row.member_id) node[DONATION_MEMBERS] = new DonationMemberLoader(this.donations, this.members, row.organisation_id, [row.member_id]);
    return node;
  }

  private withLoader(row: DonationRow): DonationWithLoader {
    const node: DonationWithLoader = toDonationObject(row);
    if (row.member_id) node[DONATION_MEMBERS] = new DonationMemberLoader(this.donations, this.members, row.organisation_id, [row.member_id]);
    return node;
  }
}

/**
 * Small-number suppression of donation totals (threshold 0 = none): every figure of a set of fewer than `threshold`
 * donations is null. The months partition the total, so when exactly one month is hidden, the smallest shown month is
 * hidden too (else it could be recomputed by subtraction) — insights' suppressPartition.
 */
export function suppressTotals(all: TotalsRow, months: (TotalsRow & { month: string })[], threshold: number): DonationTotalsObject {
  const hideAll = isSmall(all.count, threshold);
  const cells = suppressPartition(months.map((m) => ({ key: m.month, label: m.month, count: m.count })), threshold);
  const byMonth = months.map((m, i) => {
    const hidden = hideAll || cells[i].suppressed;
    return { month: m.month, count: hidden ? null : m.count, totalPence: hidden ? null : pence(m.total_pence) };
  });
  const recurringHidden = hideAll || isSmall(all.recurring_count, threshold);
  return {
    count: hideAll ? null : all.count,
    totalPence: hideAll ? null : pence(all.total_pence),
    refundedPence: hideAll ? null : pence(all.refunded_pence),
    netPence: hideAll ? null : pence(all.total_pence) - pence(all.refunded_pence),
    giftAidPence: hideAll ? null : pence(all.gift_aid_pence),
    recurringCount: recurringHidden ? null : all.recurring_count,
    byMonth,
    suppressed: hideAll || recurringHidden || byMonth.some((m) => m.count === null),
  };
}

