import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ActionEntity } from '../action/action.entity.js';
import { MemberEntity } from '../member/member.entity.js';
import { OrganisationEntity } from '../organisation/organisation.entity.js';

/** One accepted action-page form; `nonce` is the form's single-use nonce (migration 1768300000000). */
@Entity({ name: 'action_page_submission' })
@Index('action_page_submission_nonce_key', ['organisationId', 'nonce'], { unique: true })
@Index('action_page_submission_action_idx', ['organisationId', 'actionId', 'createdAt'])
@Index('action_page_submission_member_idx', ['organisationId', 'memberId'])
export class ActionPageSubmissionEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid', primaryKeyConstraintName: 'action_page_submission_pkey' })
  organisationId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'action_page_submission_pkey' })
  id: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'action_page_submission_organisation_id_fkey' })
  organisation?: OrganisationEntity;

  @Column({ name: 'action_id', type: 'uuid' })
  actionId: string;

  @ManyToOne(() => ActionEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'organisation_id', referencedColumnName: 'organisationId', foreignKeyConstraintName: 'action_page_submission_action_fkey' },
    { name: 'action_id', referencedColumnName: 'id', foreignKeyConstraintName: 'action_page_submission_action_fkey' },
  ])
  action?: ActionEntity;

  @Column({ type: 'text' })
  nonce: string;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'organisation_id', referencedColumnName: 'organisationId', foreignKeyConstraintName: 'action_page_submission_member_fkey' },
    { name: 'member_id', referencedColumnName: 'id', foreignKeyConstraintName: 'action_page_submission_member_fkey' },
  ])
  member?: MemberEntity;

  @Column({ name: 'response_id', type: 'uuid', nullable: true })
  responseId: string | null;

  @Column({ name: 'donation_id', type: 'uuid', nullable: true })
  donationId: string | null;

  @Column({ name: 'link_id', type: 'uuid', nullable: true })
  linkId: string | null;

  /** Where the accepted form sent the browser when not to the thank-you page (a donation's checkout): a replay goes there too. */
  @Column({ name: 'redirect_url', type: 'text', nullable: true })
  redirectUrl: string | null;

  /** True when the submission created the member; false when it matched (or was the token's) member. */
  @Column({ name: 'member_created', type: 'boolean' })
  memberCreated: boolean;

  @Column({ name: 'ip_hash', type: 'text', nullable: true })
  ipHash: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  createdAt: Date;
}

export const ACTION_PAGE_ENTITIES = [ActionPageSubmissionEntity];
