/**
 * Schema declarations of the import tables (migration 1766000000000-member-imports): read by the drift
 * check only. The import code itself uses raw SQL through DatabaseContextService (import.repository.ts).
 */
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { MemberEntity } from '../member/member.entity.js';
import { OrganisationEntity } from '../organisation/organisation.entity.js';

export const IMPORT_STATUSES = ['ANALYSED', 'DRY_RUN_QUEUED', 'DRY_RUN_RUNNING', 'DRY_RUN_DONE', 'QUEUED', 'RUNNING',
  'CANCELLING', 'CANCELLED', 'COMPLETED', 'FAILED'] as const;
export type ImportStatusValue = (typeof IMPORT_STATUSES)[number];

@Entity({ name: 'member_import' })
@Index('member_import_history_idx', ['organisationId', 'createdAt', 'id'])
export class MemberImportEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid', primaryKeyConstraintName: 'member_import_pkey' })
  organisationId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'member_import_pkey' })
  id: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'member_import_organisation_id_fkey' })
  organisation?: OrganisationEntity;

  @Column({ name: 'file_name', type: 'text' }) fileName: string;
  @Column({ name: 'byte_size', type: 'bigint', default: 0 }) byteSize: string;
  @Column({ name: 'chunk_count', type: 'integer', default: 0 }) chunkCount: number;
  @Column({ type: 'text' }) encoding: string;
  @Column({ type: 'text' }) delimiter: string;
  @Column({ name: 'has_header', type: 'boolean' }) hasHeader: boolean;
  @Column({ type: 'enum', enum: IMPORT_STATUSES, enumName: 'import_status', default: 'ANALYSED' }) status: ImportStatusValue;
  @Column({ type: 'jsonb', default: () => "'[]'" }) columns: unknown;
  @Column({ name: 'match_order', type: 'text', array: true, default: () => "'{MEMBERSHIP_NUMBER,EMAIL,MOBILE}'" }) matchOrder: string[];
  @Column({ name: 'keep_existing', type: 'text', array: true, default: () => "'{}'" }) keepExisting: string[];
  @Column({ name: 'settings_version', type: 'integer', default: 1 }) settingsVersion: number;
  @Column({ name: 'dry_run', type: 'jsonb', nullable: true }) dryRun: unknown;
  @Column({ name: 'dry_run_version', type: 'integer', nullable: true }) dryRunVersion: number | null;
  @Column({ name: 'dry_run_samples', type: 'jsonb', default: () => "'[]'" }) dryRunSamples: unknown;
  @Column({ name: 'run_kind', type: 'text', nullable: true }) runKind: string | null;
  @Column({ name: 'total_rows', type: 'integer', nullable: true }) totalRows: number | null;
  @Column({ name: 'rows_done', type: 'integer', default: 0 }) rowsDone: number;
  @Column({ name: 'bytes_done', type: 'bigint', default: 0 }) bytesDone: string;
  @Column({ name: 'created_count', type: 'integer', default: 0 }) createdCount: number;
  @Column({ name: 'updated_count', type: 'integer', default: 0 }) updatedCount: number;
  @Column({ name: 'unchanged_count', type: 'integer', default: 0 }) unchangedCount: number;
  @Column({ name: 'rejected_count', type: 'integer', default: 0 }) rejectedCount: number;
  @Column({ name: 'run_samples', type: 'jsonb', default: () => "'[]'" }) runSamples: unknown;
  @Column({ name: 'run_started_at', type: 'timestamptz', precision: 3, nullable: true }) runStartedAt: Date | null;
  @Column({ name: 'active_seconds', type: 'double precision', default: 0 }) activeSeconds: number;
  @Column({ name: 'started_at', type: 'timestamptz', precision: 3, nullable: true }) startedAt: Date | null;
  @Column({ name: 'finished_at', type: 'timestamptz', precision: 3, nullable: true }) finishedAt: Date | null;
  @Column({ type: 'text', nullable: true }) error: string | null;
  @Column({ name: 'lease_owner', type: 'text', nullable: true }) leaseOwner: string | null;
  @Column({ name: 'heartbeat_at', type: 'timestamptz', precision: 3, nullable: true }) heartbeatAt: Date | null;
  @Column({ name: 'created_by', type: 'text' }) createdBy: string;
  @Column({ name: 'created_by_user_id', type: 'uuid', nullable: true }) createdByUserId: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', precision: 3, default: () => 'now()' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', precision: 3, default: () => 'now()' }) updatedAt: Date;
}

@Entity({ name: 'import_file_chunk' })
export class ImportFileChunkEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid', primaryKeyConstraintName: 'import_file_chunk_pkey' })
  organisationId: string;

  @PrimaryColumn({ name: 'import_id', type: 'uuid', primaryKeyConstraintName: 'import_file_chunk_pkey' })
  importId: string;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'import_file_chunk_pkey' })
  seq: number;

  @ManyToOne(() => MemberImportEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'organisation_id', referencedColumnName: 'organisationId', foreignKeyConstraintName: 'import_file_chunk_import_fkey' },
    { name: 'import_id', referencedColumnName: 'id', foreignKeyConstraintName: 'import_file_chunk_import_fkey' },
  ])
  memberImport?: MemberImportEntity;

  @Column({ type: 'bytea' }) data: Buffer;
}

@Entity({ name: 'import_reject' })
export class ImportRejectEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid', primaryKeyConstraintName: 'import_reject_pkey' })
  organisationId: string;

  @PrimaryColumn({ name: 'import_id', type: 'uuid', primaryKeyConstraintName: 'import_reject_pkey' })
  importId: string;

  @PrimaryColumn({ name: 'run_kind', type: 'text', primaryKeyConstraintName: 'import_reject_pkey' })
  runKind: string;

  @PrimaryColumn({ name: 'row_number', type: 'integer', primaryKeyConstraintName: 'import_reject_pkey' })
  rowNumber: number;

  @ManyToOne(() => MemberImportEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'organisation_id', referencedColumnName: 'organisationId', foreignKeyConstraintName: 'import_reject_import_fkey' },
    { name: 'import_id', referencedColumnName: 'id', foreignKeyConstraintName: 'import_reject_import_fkey' },
  ])
  memberImport?: MemberImportEntity;

  @Column({ type: 'text', array: true }) fields: string[];
  @Column({ type: 'text', array: true }) reasons: string[];
}

@Entity({ name: 'import_mapping' })
@Index('import_mapping_name_key', ['organisationId', 'name'], { unique: true })
export class ImportMappingEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid', primaryKeyConstraintName: 'import_mapping_pkey' })
  organisationId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'import_mapping_pkey' })
  id: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'import_mapping_organisation_id_fkey' })
  organisation?: OrganisationEntity;

  @Column({ type: 'text' }) name: string;
  @Column({ type: 'jsonb' }) columns: unknown;
  @Column({ name: 'created_by', type: 'text' }) createdBy: string;
  @Column({ name: 'created_at', type: 'timestamptz', precision: 3, default: () => 'now()' }) createdAt: Date;
}

export const CONSENT_CHANNELS = ['SMS', 'EMAIL'] as const;
export const CONSENT_RECORD_STATUSES = ['GRANTED', 'WITHDRAWN'] as const;
export const CONSENT_SOURCES = ['IMPORT', 'ACTION_PAGE', 'KEYWORD', 'STAFF'] as const;

/** One consent given or withdrawn, with where it came from; member.*_consent follow the latest (trigger). */
@Entity({ name: 'consent_record' })
@Index('consent_record_member_idx', ['organisationId', 'memberId', 'channel', 'recordedAt'])
@Index('consent_record_source_idx', ['organisationId', 'sourceId'])
export class ConsentRecordEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid', primaryKeyConstraintName: 'consent_record_pkey' })
  organisationId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'consent_record_pkey' })
  id: string;

  @Column({ name: 'member_id', type: 'uuid' }) memberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'organisation_id', referencedColumnName: 'organisationId', foreignKeyConstraintName: 'consent_record_member_fkey' },
    { name: 'member_id', referencedColumnName: 'id', foreignKeyConstraintName: 'consent_record_member_fkey' },
  ])
  member?: MemberEntity;

  @Column({ type: 'enum', enum: CONSENT_CHANNELS, enumName: 'consent_channel' }) channel: (typeof CONSENT_CHANNELS)[number];
  @Column({ type: 'enum', enum: CONSENT_RECORD_STATUSES, enumName: 'consent_record_status' }) status: (typeof CONSENT_RECORD_STATUSES)[number];
  @Column({ type: 'enum', enum: CONSENT_SOURCES, enumName: 'consent_source' }) source: (typeof CONSENT_SOURCES)[number];
  @Column({ name: 'source_id', type: 'uuid', nullable: true }) sourceId: string | null;
  @Column({ type: 'text', nullable: true }) wording: string | null;
  @Column({ name: 'recorded_by', type: 'text', nullable: true }) recordedBy: string | null;
  @Column({ name: 'recorded_at', type: 'timestamptz', precision: 3, default: () => 'now()' }) recordedAt: Date;
}

export const IMPORT_MEMBER_OUTCOMES = ['CREATED', 'UPDATED', 'UNCHANGED'] as const;

/** Which members an import created, updated or left unchanged (segment condition "came from import X"). */
@Entity({ name: 'member_import_member' })
@Index('member_import_member_member_idx', ['organisationId', 'memberId'])
@Check('member_import_member_outcome_check', `"outcome" IN ('CREATED', 'UPDATED', 'UNCHANGED')`)
export class ImportMemberEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid', primaryKeyConstraintName: 'member_import_member_pkey' })
  organisationId: string;

  @PrimaryColumn({ name: 'import_id', type: 'uuid', primaryKeyConstraintName: 'member_import_member_pkey' })
  importId: string;

  @PrimaryColumn({ name: 'member_id', type: 'uuid', primaryKeyConstraintName: 'member_import_member_pkey' })
  memberId: string;

  @ManyToOne(() => MemberImportEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'organisation_id', referencedColumnName: 'organisationId', foreignKeyConstraintName: 'member_import_member_import_fkey' },
    { name: 'import_id', referencedColumnName: 'id', foreignKeyConstraintName: 'member_import_member_import_fkey' },
  ])
  memberImport?: MemberImportEntity;

  @ManyToOne(() => MemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'organisation_id', referencedColumnName: 'organisationId', foreignKeyConstraintName: 'member_import_member_member_fkey' },
    { name: 'member_id', referencedColumnName: 'id', foreignKeyConstraintName: 'member_import_member_member_fkey' },
  ])
  member?: MemberEntity;

  @Column({ type: 'text' }) outcome: (typeof IMPORT_MEMBER_OUTCOMES)[number];
}

export const IMPORT_ENTITIES = [MemberImportEntity, ImportFileChunkEntity, ImportRejectEntity, ImportMappingEntity, ConsentRecordEntity,
  ImportMemberEntity];
