import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OrganisationEntity } from '../organisation/organisation.entity.js';
import { DUPLICATE_RULE_CHECK } from '../database/migrations/1766200000000-member-duplicates.js';

export const DUPLICATE_RULES = ['SAME_EMAIL', 'SAME_MOBILE', 'SAME_NAME_POSTCODE'] as const;
export type DuplicateRuleValue = (typeof DUPLICATE_RULES)[number];

/**
 * One open suggestion in the review queue: the members sharing one matched value under one rule. Rows come and
 * go with refreshDuplicateSuggestions (an unchanged group keeps its id). Migration 1766200000000.
 */
@Entity({ name: 'member_duplicate_suggestion' })
@Check('member_duplicate_suggestion_rule_check', DUPLICATE_RULE_CHECK)
@Index('member_duplicate_suggestion_rule_value_key', { synchronize: false })
export class DuplicateSuggestionEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid', primaryKeyConstraintName: 'member_duplicate_suggestion_pkey' })
  organisationId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'member_duplicate_suggestion_pkey' })
  id: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'member_duplicate_suggestion_organisation_id_fkey' })
  organisation?: OrganisationEntity;

  @Column({ type: 'text' })
  rule: DuplicateRuleValue;

  @Column({ name: 'matched_value', type: 'text', collation: 'C' })
  matchedValue: string;

  @Column({ name: 'member_ids', type: 'uuid', array: true })
  memberIds: string[];

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  createdAt: Date;
}

/** A group marked "not a duplicate": never suggested again (nor any group inside it). */
@Entity({ name: 'member_duplicate_dismissal' })
@Check('member_duplicate_dismissal_rule_check', DUPLICATE_RULE_CHECK)
export class DuplicateDismissalEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid', primaryKeyConstraintName: 'member_duplicate_dismissal_pkey' })
  organisationId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'member_duplicate_dismissal_pkey' })
  id: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'member_duplicate_dismissal_organisation_id_fkey' })
  organisation?: OrganisationEntity;

  @Column({ type: 'text' })
  rule: DuplicateRuleValue;

  @Column({ name: 'matched_value', type: 'text' })
  matchedValue: string;

  @Column({ name: 'member_ids', type: 'uuid', array: true })
  memberIds: string[];

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  createdAt: Date;
}

/**
 * One merge: who survived, who was merged, full JSON snapshots and exactly which rows moved or were removed,
 * so that unmergeMembers can restore everything. History: kept (undone_at set) after an unmerge.
 */
@Entity({ name: 'member_merge' })
@Index('member_merge_created_idx', { synchronize: false })
@Index('member_merge_survivor_idx', { synchronize: false })
export class MemberMergeEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid', primaryKeyConstraintName: 'member_merge_pkey' })
  organisationId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'member_merge_pkey' })
  id: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'member_merge_organisation_id_fkey' })
  organisation?: OrganisationEntity;

  @Column({ name: 'survivor_id', type: 'uuid' })
  survivorId: string;

  @Column({ name: 'merged_ids', type: 'uuid', array: true })
  mergedIds: string[];

  @Column({ name: 'merged_names', type: 'text', array: true })
  mergedNames: string[];

  @Column({ name: 'suggestion_id', type: 'uuid', nullable: true })
  suggestionId: string | null;

  @Column({ name: 'survivor_before', type: 'jsonb' })
  survivorBefore: unknown;

  @Column({ name: 'survivor_after', type: 'jsonb' })
  survivorAfter: unknown;

  @Column({ name: 'merged_members', type: 'jsonb' })
  mergedMembers: unknown;

  @Column({ name: 'added_rows', type: 'jsonb' })
  addedRows: unknown;

  @Column({ name: 'moved_rows', type: 'jsonb' })
  movedRows: unknown;

  @Column({ name: 'removed_rows', type: 'jsonb' })
  removedRows: unknown;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @Column({ name: 'created_by_user_id', type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'undone_at', type: 'timestamptz', precision: 3, nullable: true })
  undoneAt: Date | null;

  @Column({ name: 'undone_by', type: 'text', nullable: true })
  undoneBy: string | null;
}
