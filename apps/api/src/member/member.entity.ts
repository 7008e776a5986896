import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OrganisationEntity } from '../organisation/organisation.entity.js';

export const MEMBER_STATUSES = ['ACTIVE', 'LAPSED', 'LEFT'] as const;
export type MemberStatusValue = (typeof MEMBER_STATUSES)[number];
export const CONSENT_STATUSES = ['GRANTED', 'WITHDRAWN', 'UNKNOWN'] as const;
export type ConsentStatusValue = (typeof CONSENT_STATUSES)[number];
export const PHONE_TYPES = ['MOBILE', 'LANDLINE', 'UNKNOWN'] as const;
export type PhoneTypeValue = (typeof PHONE_TYPES)[number];

/**
 * One person in one client organisation. `email` and `phone` are denormalised copies of the primary
 * rows in member_email/member_phone, so a list page is one query. The sort indexes are over the
 * trigger-kept *_key columns; they and the other non-plain indexes live in the migrations and are
 * declared here with synchronize: false so the drift check knows them.
 */
@Entity({ name: 'member' })
@Index('member_last_name_sort', { synchronize: false })
@Index('member_first_name_sort', { synchronize: false })
@Index('member_joined_on_sort', { synchronize: false })
@Index('member_created_at_sort', { synchronize: false })
@Index('member_membership_number_sort', { synchronize: false })
@Index('member_tags_gin', { synchronize: false })
@Index('member_issues_gin', { synchronize: false })
@Index('member_status_idx', { synchronize: false })
@Index('member_region_idx', { synchronize: false })
@Index('member_branch_idx', { synchronize: false })
export class MemberEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid', primaryKeyConstraintName: 'member_pkey' })
  organisationId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'member_pkey' })
  id: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'member_organisation_id_fkey' })
  organisation?: OrganisationEntity;

  @Column({ name: 'first_name', type: 'text' })
  firstName: string;

  @Column({ name: 'last_name', type: 'text' })
  lastName: string;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ type: 'text', nullable: true })
  postcode: string | null;

  @Column({ type: 'text', nullable: true })
  region: string | null;

  @Column({ type: 'text', nullable: true })
  branch: string | null;

  @Column({ type: 'text', nullable: true })
  workplace: string | null;

  @Column({ type: 'text', nullable: true })
  employer: string | null;

  @Column({ name: 'membership_number', type: 'text', nullable: true })
  membershipNumber: string | null;

  @Column({ type: 'enum', enum: MEMBER_STATUSES, enumName: 'member_status', default: 'ACTIVE' })
  status: MemberStatusValue;

  @Column({ name: 'joined_on', type: 'date', nullable: true })
  joinedOn: string | null;

  @Column({ name: 'left_on', type: 'date', nullable: true })
  leftOn: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  issues: string[];

  @Column({ name: 'sms_consent', type: 'enum', enum: CONSENT_STATUSES, enumName: 'consent_status', default: 'UNKNOWN' })
  smsConsent: ConsentStatusValue;

  @Column({ name: 'email_consent', type: 'enum', enum: CONSENT_STATUSES, enumName: 'consent_status', default: 'UNKNOWN' })
  emailConsent: ConsentStatusValue;

  @Column({ name: 'support_level', type: 'smallint', nullable: true })
  supportLevel: number | null;

  @Column({ name: 'engagement_score', type: 'integer', default: 0 })
  engagementScore: number;

  /** At least one MOBILE phone in member_phone; kept by triggers there (migration 1766400000000). */
  @Column({ name: 'has_mobile', type: 'boolean', default: false })
  hasMobile: boolean;

  // Sort and search keys, kept by the member_sort_keys trigger (migration 1765100000000): plain columns so
  // range conditions on them are leakproof and stay index conditions under row-level security. Never
  // written or read by the application through TypeORM.
  @Column({ name: 'last_name_key', type: 'text', collation: 'C', select: false, insert: false, update: false })
  lastNameKey?: string;

  @Column({ name: 'first_name_key', type: 'text', collation: 'C', select: false, insert: false, update: false })
  firstNameKey?: string;

  @Column({ name: 'joined_on_key', type: 'date', select: false, insert: false, update: false })
  joinedOnKey?: string;

  @Column({ name: 'membership_number_key', type: 'text', collation: 'C', select: false, insert: false, update: false })
  membershipNumberKey?: string;

  /** The last response recorded through CALL, SMS or EMAIL (migration 1768000000000; later calls and texts too). */
  @Column({ name: 'last_contacted_at', type: 'timestamptz', precision: 3, nullable: true })
  lastContactedAt: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  updatedAt: Date;
}
