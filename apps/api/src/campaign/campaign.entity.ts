import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OrganisationEntity } from '../organisation/organisation.entity.js';
import { UserEntity } from '../user/user.entity.js';
import {
  CAMPAIGN_CHANNELS_CHECK,
  CAMPAIGN_STATUS_CHECK,
  CAMPAIGN_TEAM_ROLE_CHECK,
} from '../database/migrations/1768000000000-campaigns-actions.js';

export const CAMPAIGN_STATUSES = ['DRAFT', 'ACTIVE', 'PAUSED', 'COMPLETED', 'ARCHIVED'] as const;
export type CampaignStatusValue = (typeof CAMPAIGN_STATUSES)[number];
export const CAMPAIGN_TEAM_ROLES = ['LEAD', 'ORGANISER', 'CALLER', 'TEXTER'] as const;
export type CampaignTeamRoleValue = (typeof CAMPAIGN_TEAM_ROLES)[number];

/** A client organisation's campaign (migration 1768000000000, docs/campaigns.md). */
@Entity({ name: 'campaign' })
@Check('campaign_status_check', CAMPAIGN_STATUS_CHECK)
@Check('campaign_channels_check', CAMPAIGN_CHANNELS_CHECK)
@Index('campaign_created_idx', ['organisationId', 'createdAt', 'id'])
@Index('campaign_name_key', { synchronize: false })
export class CampaignEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid', primaryKeyConstraintName: 'campaign_pkey' })
  organisationId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'campaign_pkey' })
  id: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'campaign_organisation_id_fkey' })
  organisation?: OrganisationEntity;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'text', nullable: true })
  goal: string | null;

  @Column({ name: 'goal_count', type: 'integer', nullable: true })
  goalCount: number | null;

  @Column({ name: 'starts_on', type: 'date', nullable: true })
  startsOn: string | null;

  @Column({ name: 'ends_on', type: 'date', nullable: true })
  endsOn: string | null;

  @Column({ type: 'text', default: 'DRAFT' })
  status: CampaignStatusValue;

  /** No foreign key: a deleted segment leaves the campaign untargeted. */
  @Column({ name: 'target_segment_id', type: 'uuid', nullable: true })
  targetSegmentId: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  channels: string[];

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @Column({ name: 'created_by_user_id', type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  updatedAt: Date;
}

/** A user on a campaign's team, with their role in it. */
@Entity({ name: 'campaign_team' })
@Check('campaign_team_role_check', CAMPAIGN_TEAM_ROLE_CHECK)
@Index('campaign_team_user_idx', ['organisationId', 'userId'])
export class CampaignTeamEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid', primaryKeyConstraintName: 'campaign_team_pkey' })
  organisationId: string;

  @PrimaryColumn({ name: 'campaign_id', type: 'uuid', primaryKeyConstraintName: 'campaign_team_pkey' })
  campaignId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'campaign_team_pkey' })
  userId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'campaign_team_organisation_id_fkey' })
  organisation?: OrganisationEntity;

  @ManyToOne(() => CampaignEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'organisation_id', referencedColumnName: 'organisationId', foreignKeyConstraintName: 'campaign_team_campaign_fkey' },
    { name: 'campaign_id', referencedColumnName: 'id', foreignKeyConstraintName: 'campaign_team_campaign_fkey' },
  ])
  campaign?: CampaignEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'campaign_team_user_id_fkey' })
  user?: UserEntity;

  @Column({ type: 'text' })
  role: CampaignTeamRoleValue;

  @Column({ name: 'added_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  addedAt: Date;
}

export const CAMPAIGN_ENTITIES = [CampaignEntity, CampaignTeamEntity];
