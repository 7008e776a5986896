import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { MemberEntity } from './member.entity.js';

@Entity({ name: 'member_email' })
@Index('member_email_member_idx', ['organisationId', 'memberId', 'position'])
@Index('member_email_address_prefix', { synchronize: false })
export class MemberEmailEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid', primaryKeyConstraintName: 'member_email_pkey' })
  organisationId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'member_email_pkey' })
  id: string;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'organisation_id', referencedColumnName: 'organisationId', foreignKeyConstraintName: 'member_email_member_fkey' },
    { name: 'member_id', referencedColumnName: 'id', foreignKeyConstraintName: 'member_email_member_fkey' },
  ])
  member?: MemberEntity;

  @Column({ type: 'text' })
  address: string;

  @Column({ name: 'is_primary', type: 'boolean', default: false })
  isPrimary: boolean;

  @Column({ type: 'smallint' })
  position: number;
}
