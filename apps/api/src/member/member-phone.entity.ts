import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { MemberEntity, PHONE_TYPES, type PhoneTypeValue } from './member.entity.js';

@Entity({ name: 'member_phone' })
@Index('member_phone_member_idx', ['organisationId', 'memberId', 'position'])
@Index('member_phone_e164_prefix', { synchronize: false })
export class MemberPhoneEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'uuid', primaryKeyConstraintName: 'member_phone_pkey' })
  organisationId: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'member_phone_pkey' })
  id: string;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'organisation_id', referencedColumnName: 'organisationId', foreignKeyConstraintName: 'member_phone_member_fkey' },
    { name: 'member_id', referencedColumnName: 'id', foreignKeyConstraintName: 'member_phone_member_fkey' },
  ])
  member?: MemberEntity;

  @Column({ type: 'text' })
  e164: string;

  @Column({ type: 'enum', enum: PHONE_TYPES, enumName: 'phone_type', default: 'UNKNOWN' })
  type: PhoneTypeValue;

  @Column({ name: 'is_primary', type: 'boolean', default: false })
  isPrimary: boolean;

  @Column({ type: 'smallint' })
  position: number;
}
