import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { LINK_CHANNEL_CHECK } from '../database/migrations/1768300000000-action-pages.js';
import { ActionEntity } from '../action/action.entity.js';
import { MemberEntity } from '../member/member.entity.js';
import { OrganisationEntity } from '../organisation/organisation.entity.js';

/** A short, unguessable link to an action's public page, with its channel and credit (migration 1768300000000). */
@Entity({ name: 'tracked_link' })
@Check('tracked_link_channel_check', LINK_CHANNEL_CHECK)
@Index('tracked_link_code_key', ['code'], { unique: true })
@Index('tracked_link_action_idx', ['organisationId', 'actionId', 'createdAt'])
@Index('tracked_link_member_idx', ['organisationId', 'memberId'])
export class TrackedLinkEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid', primaryKeyConstraintName: 'tracked_link_pkey' })
  organisationId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'tracked_link_pkey' })
  id: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'tracked_link_organisation_id_fkey' })
  organisation?: OrganisationEntity;

  @Column({ type: 'text' })
  code: string;

  @Column({ name: 'action_id', type: 'uuid' })
  actionId: string;

  @ManyToOne(() => ActionEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'organisation_id', referencedColumnName: 'organisationId', foreignKeyConstraintName: 'tracked_link_action_fkey' },
    { name: 'action_id', referencedColumnName: 'id', foreignKeyConstraintName: 'tracked_link_action_fkey' },
  ])
  action?: ActionEntity;

  @Column({ name: 'member_id', type: 'uuid', nullable: true })
  memberId: string | null;

  @ManyToOne(() => MemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'organisation_id', referencedColumnName: 'organisationId', foreignKeyConstraintName: 'tracked_link_member_fkey' },
    { name: 'member_id', referencedColumnName: 'id', foreignKeyConstraintName: 'tracked_link_member_fkey' },
  ])
  member?: MemberEntity;

  @Column({ type: 'text' })
  channel: string;

  @Column({ name: 'credited_user_id', type: 'uuid', nullable: true })
  creditedUserId: string | null;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @Column({ name: 'created_by_user_id', type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'click_count', type: 'integer', default: 0 })
  clickCount: number;

  @Column({ name: 'first_clicked_at', type: 'timestamptz', precision: 3, nullable: true })
  firstClickedAt: Date | null;

  @Column({ name: 'last_clicked_at', type: 'timestamptz', precision: 3, nullable: true })
  lastClickedAt: Date | null;
}

/** One click on a tracked link (the IP only as a keyed hash). */
@Entity({ name: 'link_click' })
@Index('link_click_action_idx', ['organisationId', 'actionId', 'at'])
@Index('link_click_link_idx', ['organisationId', 'linkId', 'at'])
@Index('link_click_member_idx', ['organisationId', 'memberId'])
export class LinkClickEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid', primaryKeyConstraintName: 'link_click_pkey' })
  organisationId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'link_click_pkey' })
  id: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'link_click_organisation_id_fkey' })
  organisation?: OrganisationEntity;

  @Column({ name: 'link_id', type: 'uuid' })
  linkId: string;

  @ManyToOne(() => TrackedLinkEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'organisation_id', referencedColumnName: 'organisationId', foreignKeyConstraintName: 'link_click_link_fkey' },
    { name: 'link_id', referencedColumnName: 'id', foreignKeyConstraintName: 'link_click_link_fkey' },
  ])
  link?: TrackedLinkEntity;

  @Column({ name: 'action_id', type: 'uuid' })
  actionId: string;

  @Column({ name: 'member_id', type: 'uuid', nullable: true })
  memberId: string | null;

  @ManyToOne(() => MemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'organisation_id', referencedColumnName: 'organisationId', foreignKeyConstraintName: 'link_click_member_fkey' },
    { name: 'member_id', referencedColumnName: 'id', foreignKeyConstraintName: 'link_click_member_fkey' },
  ])
  member?: MemberEntity;

  @Column({ name: 'ip_hash', type: 'text', nullable: true })
  ipHash: string | null;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  at: Date;
}

export const TRACKED_LINK_ENTITIES = [TrackedLinkEntity, LinkClickEntity];
