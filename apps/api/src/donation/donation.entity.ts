import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { DonationKind, DonationPlanStatus, DonationProvider, DonationStatus, ResponseChannel } from '@muster/domain';
import { MemberEntity } from '../member/member.entity.js';
import { OrganisationEntity } from '../organisation/organisation.entity.js';
import {
  DONATION_AMOUNT_CHECK, DONATION_CHANNEL_CHECK, DONATION_KIND_CHECK, DONATION_PLAN_INTERVAL_CHECK, DONATION_PLAN_STATUS_CHECK,
  DONATION_PROVIDER_CHECK, DONATION_REFUNDED_CHECK, DONATION_STATUS_CHECK, GIFT_AID_SOURCE_CHECK,
} from '../database/migrations/1768200000000-donations.js';

/** A member's Gift Aid declaration with the exact wording agreed to (migration 1768200000000, docs/donations.md). */
@Entity({ name: 'gift_aid_declaration' })
@Check('gift_aid_declaration_source_check', GIFT_AID_SOURCE_CHECK)
@Index('gift_aid_declaration_member_idx', ['organisationId', 'memberId'])
export class GiftAidDeclarationEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid', primaryKeyConstraintName: 'gift_aid_declaration_pkey' })
  organisationId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'gift_aid_declaration_pkey' })
  id: string;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @Column({ name: 'declared_at', type: 'timestamptz', precision: 3 })
  declaredAt: Date;

  @Column({ type: 'text' })
  wording: string;

  @Column({ name: 'full_name', type: 'text' })
  fullName: string;

  @Column({ type: 'text' })
  house: string;

  @Column({ type: 'text' })
  postcode: string;

  @Column({ name: 'covers_past', type: 'boolean', default: false })
  coversPast: boolean;

  @Column({ name: 'covers_future', type: 'boolean', default: true })
  coversFuture: boolean;

  @Column({ name: 'revoked_at', type: 'timestamptz', precision: 3, nullable: true })
  revokedAt: Date | null;

  /** Made on a donate page and not yet in force: until a donation made with it is paid (migration 1768400000000). */
  @Column({ type: 'boolean', default: false })
  pending: boolean;

  @Column({ type: 'text' })
  source: 'ACTION_PAGE' | 'STAFF' | 'IMPORT';

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  createdAt: Date;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'gift_aid_declaration_organisation_id_fkey' })
  organisation?: OrganisationEntity;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'organisation_id', referencedColumnName: 'organisationId', foreignKeyConstraintName: 'gift_aid_declaration_member_fkey' },
    { name: 'member_id', referencedColumnName: 'id', foreignKeyConstraintName: 'gift_aid_declaration_member_fkey' },
  ])
  member?: MemberEntity;

}

/** A recurring gift: one provider subscription; each month's payment is a donation row (migration 1768200000000). */
@Entity({ name: 'donation_plan' })
@Check('donation_plan_amount_check', DONATION_AMOUNT_CHECK)
@Check('donation_plan_status_check', DONATION_PLAN_STATUS_CHECK)
@Check('donation_plan_interval_check', DONATION_PLAN_INTERVAL_CHECK)
@Check('donation_plan_provider_check', DONATION_PROVIDER_CHECK)
@Check('donation_plan_channel_check', DONATION_CHANNEL_CHECK)
@Index('donation_plan_member_idx', ['organisationId', 'memberId'])
@Index('donation_plan_provider_subscription_key', { synchronize: false })
export class DonationPlanEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid', primaryKeyConstraintName: 'donation_plan_pkey' })
  organisationId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'donation_plan_pkey' })
  id: string;

  @Column({ name: 'member_id', type: 'uuid', nullable: true })
  memberId: string | null;

  @Column({ name: 'campaign_id', type: 'uuid', nullable: true })
  campaignId: string | null;

  @Column({ name: 'action_id', type: 'uuid', nullable: true })
  actionId: string | null;

  @Column({ name: 'amount_pence', type: 'integer' })
  amountPence: number;

  @Column({ type: 'char', length: 3, default: 'GBP' })
  currency: string;

  @Column({ type: 'text', default: 'MONTH' })
  interval: 'MONTH' | 'YEAR';

  @Column({ type: 'text', default: 'PENDING' })
  status: DonationPlanStatus;

  @Column({ name: 'gift_aid', type: 'boolean', default: false })
  giftAid: boolean;

  @Column({ name: 'gift_aid_declaration_id', type: 'uuid', nullable: true })
  giftAidDeclarationId: string | null;

  @Column({ type: 'text' })
  channel: ResponseChannel;

  @Column({ name: 'credited_user_id', type: 'uuid', nullable: true })
  creditedUserId: string | null;

  @Column({ type: 'text' })
  provider: DonationProvider;

  @Column({ name: 'provider_subscription_id', type: 'text', nullable: true })
  providerSubscriptionId: string | null;

  @Column({ name: 'provider_checkout_id', type: 'text', nullable: true })
  providerCheckoutId: string | null;

  @Column({ name: 'failed_payment_count', type: 'integer', default: 0 })
  failedPaymentCount: number;

  @Column({ name: 'last_failure_code', type: 'text', nullable: true })
  lastFailureCode: string | null;

  @Column({ name: 'last_failure_message', type: 'text', nullable: true })
  lastFailureMessage: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'started_at', type: 'timestamptz', precision: 3, nullable: true })
  startedAt: Date | null;

  @Column({ name: 'cancelled_at', type: 'timestamptz', precision: 3, nullable: true })
  cancelledAt: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  updatedAt: Date;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'donation_plan_organisation_id_fkey' })
  organisation?: OrganisationEntity;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'organisation_id', referencedColumnName: 'organisationId', foreignKeyConstraintName: 'donation_plan_member_fkey' },
    { name: 'member_id', referencedColumnName: 'id', foreignKeyConstraintName: 'donation_plan_member_fkey' },
  ])
  member?: MemberEntity;

  @ManyToOne(() => GiftAidDeclarationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'organisation_id', referencedColumnName: 'organisationId', foreignKeyConstraintName: 'donation_plan_gift_aid_declaration_fkey' },
    { name: 'gift_aid_declaration_id', referencedColumnName: 'id', foreignKeyConstraintName: 'donation_plan_gift_aid_declaration_fkey' },
  ])
  giftAidDeclaration?: GiftAidDeclarationEntity;

}

/** One gift in whole pence; status moves only forward (@muster/domain applyPaymentFact). Migration 1768200000000. */
@Entity({ name: 'donation' })
@Check('donation_amount_check', DONATION_AMOUNT_CHECK)
@Check('donation_refunded_check', DONATION_REFUNDED_CHECK)
@Check('donation_kind_check', DONATION_KIND_CHECK)
@Check('donation_status_check', DONATION_STATUS_CHECK)
@Check('donation_provider_check', DONATION_PROVIDER_CHECK)
@Check('donation_channel_check', DONATION_CHANNEL_CHECK)
@Index('donation_created_idx', ['organisationId', 'createdAt', 'id'])
@Index('donation_campaign_idx', ['organisationId', 'campaignId', 'createdAt'])
@Index('donation_member_idx', ['organisationId', 'memberId'])
@Index('donation_plan_idx', ['organisationId', 'planId'])
@Index('donation_provider_payment_key', { synchronize: false })
@Index('donation_provider_checkout_key', { synchronize: false })
@Index('donation_provider_invoice_key', { synchronize: false })
export class DonationEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid', primaryKeyConstraintName: 'donation_pkey' })
  organisationId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'donation_pkey' })
  id: string;

  @Column({ name: 'member_id', type: 'uuid', nullable: true })
  memberId: string | null;

  @Column({ name: 'campaign_id', type: 'uuid', nullable: true })
  campaignId: string | null;

  @Column({ name: 'action_id', type: 'uuid', nullable: true })
  actionId: string | null;

  @Column({ name: 'response_id', type: 'uuid', nullable: true })
  responseId: string | null;

  @Column({ name: 'amount_pence', type: 'integer' })
  amountPence: number;

  @Column({ type: 'char', length: 3, default: 'GBP' })
  currency: string;

  @Column({ type: 'text', default: 'ONE_OFF' })
  kind: DonationKind;

  @Column({ name: 'plan_id', type: 'uuid', nullable: true })
  planId: string | null;

  @Column({ type: 'text', default: 'PENDING' })
  status: DonationStatus;

  @Column({ name: 'refunded_pence', type: 'integer', default: 0 })
  refundedPence: number;

  @Column({ name: 'gift_aid', type: 'boolean', default: false })
  giftAid: boolean;

  @Column({ name: 'gift_aid_declaration_id', type: 'uuid', nullable: true })
  giftAidDeclarationId: string | null;

  @Column({ type: 'text' })
  channel: ResponseChannel;

  @Column({ name: 'credited_user_id', type: 'uuid', nullable: true })
  creditedUserId: string | null;

  @Column({ type: 'text' })
  provider: DonationProvider;

  @Column({ name: 'provider_payment_id', type: 'text', nullable: true })
  providerPaymentId: string | null;

  @Column({ name: 'provider_checkout_id', type: 'text', nullable: true })
  providerCheckoutId: string | null;

  @Column({ name: 'provider_invoice_id', type: 'text', nullable: true })
  providerInvoiceId: string | null;

  @Column({ name: 'failure_code', type: 'text', nullable: true })
  failureCode: string | null;

  @Column({ name: 'failure_message', type: 'text', nullable: true })
  failureMessage: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @Column({ name: 'created_by_user_id', type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @Column({ name: 'provider_updated_at', type: 'timestamptz', precision: 3, nullable: true })
  providerUpdatedAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'succeeded_at', type: 'timestamptz', precision: 3, nullable: true })
  succeededAt: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  updatedAt: Date;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'donation_organisation_id_fkey' })
  organisation?: OrganisationEntity;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'organisation_id', referencedColumnName: 'organisationId', foreignKeyConstraintName: 'donation_member_fkey' },
    { name: 'member_id', referencedColumnName: 'id', foreignKeyConstraintName: 'donation_member_fkey' },
  ])
  member?: MemberEntity;

  @ManyToOne(() => DonationPlanEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'organisation_id', referencedColumnName: 'organisationId', foreignKeyConstraintName: 'donation_plan_fkey' },
    { name: 'plan_id', referencedColumnName: 'id', foreignKeyConstraintName: 'donation_plan_fkey' },
  ])
  plan?: DonationPlanEntity;

  @ManyToOne(() => GiftAidDeclarationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'organisation_id', referencedColumnName: 'organisationId', foreignKeyConstraintName: 'donation_gift_aid_declaration_fkey' },
    { name: 'gift_aid_declaration_id', referencedColumnName: 'id', foreignKeyConstraintName: 'donation_gift_aid_declaration_fkey' },
  ])
  giftAidDeclaration?: GiftAidDeclarationEntity;

}

/** A provider event received: the idempotency record, keyed (provider, event_id) (migration 1768200000000). */
@Entity({ name: 'payment_webhook_event' })
@Check('payment_webhook_event_provider_check', DONATION_PROVIDER_CHECK)
@Index('payment_webhook_event_organisation_idx', ['organisationId', 'receivedAt'])
export class PaymentWebhookEventEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'payment_webhook_event_pkey' })
  provider: DonationProvider;

  @PrimaryColumn({ name: 'event_id', type: 'text', primaryKeyConstraintName: 'payment_webhook_event_pkey' })
  eventId: string;

  @Column({ name: 'organisation_id', type: 'uuid', nullable: true })
  organisationId: string | null;

  @Column({ type: 'text' })
  type: string;

  @Column({ name: 'created_at_provider', type: 'timestamptz', precision: 3 })
  createdAtProvider: Date;

  @Column({ name: 'received_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  receivedAt: Date;

  @Column({ name: 'processed_at', type: 'timestamptz', precision: 3, nullable: true })
  processedAt: Date | null;

  @Column({ type: 'text' })
  outcome: string;

  @Column({ name: 'donation_id', type: 'uuid', nullable: true })
  donationId: string | null;

  @Column({ type: 'jsonb' })
  payload: unknown;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'payment_webhook_event_organisation_id_fkey' })
  organisation?: OrganisationEntity;

}

export const DONATION_ENTITIES = [GiftAidDeclarationEntity, DonationPlanEntity, DonationEntity, PaymentWebhookEventEntity];
