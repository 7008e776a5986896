import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { MemberEntity } from '../member/member.entity.js';
import { OrganisationEntity } from '../organisation/organisation.entity.js';

/** A saved, named filter over members (migration 1767000000000, docs/segments.md). */
@Entity({ name: 'segment' })
@Index('segment_created_idx', ['organisationId', 'createdAt', 'id'])
@Index('segment_name_key', { synchronize: false })
export class SegmentEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid', primaryKeyConstraintName: 'segment_pkey' })
  organisationId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'segment_pkey' })
  id: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'segment_organisation_id_fkey' })
  organisation?: OrganisationEntity;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** The stable JSON form of @muster/domain's SegmentDefinition. */
  @Column({ type: 'jsonb' })
  definition: unknown;

  @Column({ name: 'referenced_segment_ids', type: 'uuid', array: true, default: () => "'{}'" })
  referencedSegmentIds: string[];

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @Column({ name: 'created_by_user_id', type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  updatedAt: Date;

  @Column({ name: 'frozen_at', type: 'timestamptz', precision: 3, nullable: true })
  frozenAt: Date | null;
}

/** One member of a frozen segment's snapshot. */
@Entity({ name: 'segment_member' })
@Index('segment_member_member_idx', ['organisationId', 'memberId'])
export class SegmentMemberEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid', primaryKeyConstraintName: 'segment_member_pkey' })
  organisationId: string;

  @PrimaryColumn({ name: 'segment_id', type: 'uuid', primaryKeyConstraintName: 'segment_member_pkey' })
  segmentId: string;

  @PrimaryColumn({ name: 'member_id', type: 'uuid', primaryKeyConstraintName: 'segment_member_pkey' })
  memberId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'segment_member_organisation_id_fkey' })
  organisation?: OrganisationEntity;

  @ManyToOne(() => SegmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'organisation_id', referencedColumnName: 'organisationId', foreignKeyConstraintName: 'segment_member_segment_fkey' },
    { name: 'segment_id', referencedColumnName: 'id', foreignKeyConstraintName: 'segment_member_segment_fkey' },
  ])
  segment?: SegmentEntity;

  @ManyToOne(() => MemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'organisation_id', referencedColumnName: 'organisationId', foreignKeyConstraintName: 'segment_member_member_fkey' },
    { name: 'member_id', referencedColumnName: 'id', foreignKeyConstraintName: 'segment_member_member_fkey' },
  ])
  member?: MemberEntity;
}

export const SEGMENT_ENTITIES = [SegmentEntity, SegmentMemberEntity];
