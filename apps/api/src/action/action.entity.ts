import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { MemberEntity } from '../member/member.entity.js';
import { OrganisationEntity } from '../organisation/organisation.entity.js';
import { UserEntity } from '../user/user.entity.js';
import { CampaignEntity } from '../campaign/campaign.entity.js';
import {
  ACTION_STATUS_CHECK,
  ACTION_TYPE_CHECK,
  EVENT_FROM_STATE_CHECK,
  EVENT_TO_STATE_CHECK,
  RESPONSE_CHANNEL_CHECK,
  RESPONSE_STATE_CHECK,
} from '../database/migrations/1768000000000-campaigns-actions.js';
import type { ResponseChannel, ResponseState } from '@muster/domain';

export const ACTION_TYPES = ['PHONE_BANK_SIGNUP', 'DONATION', 'PETITION', 'EVENT', 'SURVEY', 'CUSTOM'] as const;
export type ActionTypeValue = (typeof ACTION_TYPES)[number];
export const ACTION_STATUSES = ['DRAFT', 'OPEN', 'CLOSED'] as const;
export type ActionStatusValue = (typeof ACTION_STATUSES)[number];

/** The action page's content (jsonb). */
export interface ActionPageJson {
  headline?: string | null;
  body?: string | null;
  buttonLabel?: string | null;
  donationAmountsPence?: number[];
  thankYou?: string | null;
}

/** One thing members are asked to do in a campaign (migration 1768000000000, docs/campaigns.md). */
@Entity({ name: 'action' })
@Check('action_type_check', ACTION_TYPE_CHECK)
@Check('action_status_check', ACTION_STATUS_CHECK)
@Index('action_public_slug_key', ['publicSlug'], { unique: true })
@Index('action_campaign_idx', ['organisationId', 'campaignId', 'createdAt', 'id'])
@Index('action_created_idx', ['organisationId', 'createdAt', 'id'])
export class ActionEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid', primaryKeyConstraintName: 'action_pkey' })
  organisationId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'action_pkey' })
  id: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'action_organisation_id_fkey' })
  organisation?: OrganisationEntity;

  @Column({ name: 'campaign_id', type: 'uuid' })
  campaignId: string;

  @ManyToOne(() => CampaignEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'organisation_id', referencedColumnName: 'organisationId', foreignKeyConstraintName: 'action_campaign_fkey' },
    { name: 'campaign_id', referencedColumnName: 'id', foreignKeyConstraintName: 'action_campaign_fkey' },
  ])
  campaign?: CampaignEntity;

  @Column({ type: 'text' })
  type: ActionTypeValue;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'text', default: 'DRAFT' })
  status: ActionStatusValue;

  @Column({ name: 'goal_count', type: 'integer', nullable: true })
  goalCount: number | null;

  @Column({ name: 'starts_at', type: 'timestamptz', precision: 3, nullable: true })
  startsAt: Date | null;

  @Column({ name: 'ends_at', type: 'timestamptz', precision: 3, nullable: true })
  endsAt: Date | null;

  @Column({ name: 'due_at', type: 'timestamptz', precision: 3, nullable: true })
  dueAt: Date | null;

  @Column({ name: 'reminder_offsets_minutes', type: 'integer', array: true, default: () => "'{1440,120}'" })
  reminderOffsetsMinutes: number[];

  @Column({ name: 'public_slug', type: 'text' })
  publicSlug: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  page: ActionPageJson;

  @Column({ name: 'consent_wording', type: 'text', nullable: true })
  consentWording: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  updatedAt: Date;
}

/** One member's response to one action, in the follow-through state machine (@muster/domain action.state.ts). */
@Entity({ name: 'action_response' })
@Check('action_response_state_check', RESPONSE_STATE_CHECK)
@Check('action_response_channel_check', RESPONSE_CHANNEL_CHECK)
@Index('action_response_action_member_key', ['organisationId', 'actionId', 'memberId'], { unique: true })
@Index('action_response_created_idx', ['organisationId', 'createdAt', 'id'])
@Index('action_response_campaign_idx', ['organisationId', 'campaignId', 'createdAt', 'id'])
@Index('action_response_action_idx', ['organisationId', 'actionId', 'createdAt', 'id'])
@Index('action_response_member_idx', ['organisationId', 'memberId'])
@Index('action_response_credited_idx', ['organisationId', 'creditedUserId'])
@Index('action_response_due_idx', { synchronize: false })
export class ActionResponseEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid', primaryKeyConstraintName: 'action_response_pkey' })
  organisationId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'action_response_pkey' })
  id: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'action_response_organisation_id_fkey' })
  organisation?: OrganisationEntity;

  @Column({ name: 'action_id', type: 'uuid' })
  actionId: string;

  @ManyToOne(() => ActionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'organisation_id', referencedColumnName: 'organisationId', foreignKeyConstraintName: 'action_response_action_fkey' },
    { name: 'action_id', referencedColumnName: 'id', foreignKeyConstraintName: 'action_response_action_fkey' },
  ])
  action?: ActionEntity;

  /** The action's campaign (actions never move between campaigns). */
  @Column({ name: 'campaign_id', type: 'uuid' })
  campaignId: string;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'organisation_id', referencedColumnName: 'organisationId', foreignKeyConstraintName: 'action_response_member_fkey' },
    { name: 'member_id', referencedColumnName: 'id', foreignKeyConstraintName: 'action_response_member_fkey' },
  ])
  member?: MemberEntity;

  @Column({ type: 'text' })
  state: ResponseState;

  @Column({ type: 'text' })
  channel: ResponseChannel;

  @Column({ name: 'credited_user_id', type: 'uuid', nullable: true })
  creditedUserId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'credited_user_id', foreignKeyConstraintName: 'action_response_credited_user_id_fkey' })
  creditedUser?: UserEntity;

  @Column({ name: 'asked_at', type: 'timestamptz', precision: 3, nullable: true })
  askedAt: Date | null;

  @Column({ name: 'committed_at', type: 'timestamptz', precision: 3, nullable: true })
  committedAt: Date | null;

  @Column({ name: 'reminded_at', type: 'timestamptz', precision: 3, nullable: true })
  remindedAt: Date | null;

  @Column({ name: 'completed_at', type: 'timestamptz', precision: 3, nullable: true })
  completedAt: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', precision: 3, nullable: true })
  closedAt: Date | null;

  @Column({ name: 'due_at', type: 'timestamptz', precision: 3, nullable: true })
  dueAt: Date | null;

  @Column({ name: 'reminder_count', type: 'integer', default: 0 })
  reminderCount: number;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  updatedAt: Date;
}

/**
 * Every move of a response; never updated (member_id follows merges). response_id has no foreign key: a merge may
 * set a duplicate response aside (removed, restored by an unmerge) and its history must survive that.
 */
@Entity({ name: 'action_response_event' })
@Check('action_response_event_from_state_check', EVENT_FROM_STATE_CHECK)
@Check('action_response_event_to_state_check', EVENT_TO_STATE_CHECK)
@Check('action_response_event_channel_check', RESPONSE_CHANNEL_CHECK)
@Index('action_response_event_response_idx', ['organisationId', 'responseId', 'at'])
@Index('action_response_event_campaign_idx', ['organisationId', 'campaignId', 'at'])
@Index('action_response_event_member_idx', ['organisationId', 'memberId'])
export class ActionResponseEventEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid', primaryKeyConstraintName: 'action_response_event_pkey' })
  organisationId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'action_response_event_pkey' })
  id: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'action_response_event_organisation_id_fkey' })
  organisation?: OrganisationEntity;

  @Column({ name: 'response_id', type: 'uuid' })
  responseId: string;

  @Column({ name: 'action_id', type: 'uuid' })
  actionId: string;

  @Column({ name: 'campaign_id', type: 'uuid' })
  campaignId: string;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'organisation_id', referencedColumnName: 'organisationId', foreignKeyConstraintName: 'action_response_event_member_fkey' },
    { name: 'member_id', referencedColumnName: 'id', foreignKeyConstraintName: 'action_response_event_member_fkey' },
  ])
  member?: MemberEntity;

  @Column({ name: 'from_state', type: 'text', nullable: true })
  fromState: ResponseState | null;

  @Column({ name: 'to_state', type: 'text' })
  toState: ResponseState;

  @Column({ type: 'text' })
  channel: ResponseChannel;

  @Column({ name: 'credited_user_id', type: 'uuid', nullable: true })
  creditedUserId: string | null;

  @Column({ type: 'text' })
  actor: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'timestamptz', precision: 3 })
  at: Date;
}

/** Follow-through counts per (campaign, action, channel, credited user), kept by triggers on action_response. */
@Entity({ name: 'follow_through_tally' })
export class FollowThroughTallyEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid', primaryKeyConstraintName: 'follow_through_tally_pkey' })
  organisationId: string;

  @PrimaryColumn({ name: 'campaign_id', type: 'uuid', primaryKeyConstraintName: 'follow_through_tally_pkey' })
  campaignId: string;

  @PrimaryColumn({ name: 'action_id', type: 'uuid', primaryKeyConstraintName: 'follow_through_tally_pkey' })
  actionId: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'follow_through_tally_pkey' })
  channel: string;

  /** The nil uuid for responses without credit. */
  @PrimaryColumn({ name: 'credited_user_id', type: 'uuid', primaryKeyConstraintName: 'follow_through_tally_pkey' })
  creditedUserId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'follow_through_tally_organisation_id_fkey' })
  organisation?: OrganisationEntity;

  @ManyToOne(() => ActionEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'organisation_id', referencedColumnName: 'organisationId', foreignKeyConstraintName: 'follow_through_tally_action_fkey' },
    { name: 'action_id', referencedColumnName: 'id', foreignKeyConstraintName: 'follow_through_tally_action_fkey' },
  ])
  action?: ActionEntity;

  @Column({ type: 'bigint', default: 0 }) asked: string;
  @Column({ type: 'bigint', default: 0 }) committed: string;
  @Column({ type: 'bigint', default: 0 }) reminded: string;
  @Column({ type: 'bigint', default: 0 }) completed: string;
  @Column({ name: 'completed_after_commit', type: 'bigint', default: 0 }) completedAfterCommit: string;
  @Column({ name: 'no_show', type: 'bigint', default: 0 }) noShow: string;
  @Column({ type: 'bigint', default: 0 }) cancelled: string;
  @Column({ type: 'bigint', default: 0 }) declined: string;
  @Column({ type: 'bigint', default: 0 }) pending: string;
}

export const ACTION_ENTITIES = [ActionEntity, ActionResponseEntity, ActionResponseEventEntity, FollowThroughTallyEntity];
