import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

export const ORGANISATION_KINDS = ['AGENCY', 'CLIENT', 'UNIT'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** The tenant itself: the agency, its client organisations and their units (regions, branches). */
@Entity({ name: 'organisation' })
@Index('organisation_slug_key', ['slug'], { unique: true })
@Index('organisation_name_sort', { synchronize: false })
@Index('organisation_parent_id_idx', ['parentId'])
export class OrganisationEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'organisation_pkey' })
  id: string;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'organisation_parent_id_fkey' })
  parent?: OrganisationEntity | null;

  @Column({ type: 'enum', enum: ORGANISATION_KINDS, enumName: 'organisation_kind' })
  kind: OrganisationKind;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  slug: string;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  createdAt: Date;
}
