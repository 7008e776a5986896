import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One recorded action (every mutation, every sign-in and failed sign-in). Append-only for the
 * application role. organisation_id is null for events that belong to no organisation (a failed
 * sign-in of an unknown email).
 */
@Entity({ name: 'audit_event' })
@Index('audit_event_organisation_created_idx', ['organisationId', 'createdAt', 'id'])
@Index('audit_event_created_idx', ['createdAt', 'id'])
export class AuditEventEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'audit_event_pkey' })
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid', nullable: true })
  organisationId: string | null;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ name: 'actor_api_key_id', type: 'uuid', nullable: true })
  actorApiKeyId: string | null;

  @Column({ name: 'actor_label', type: 'text' })
  actorLabel: string;

  @Column({ type: 'text' })
  action: string;

  @Column({ name: 'target_type', type: 'text', nullable: true })
  targetType: string | null;

  @Column({ name: 'target_ids', type: 'text', array: true, default: () => "'{}'" })
  targetIds: string[];

  @Column({ type: 'text', nullable: true })
  ip: string | null;

  @Column({ name: 'user_agent', type: 'text', nullable: true })
  userAgent: string | null;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId: string | null;

  @Column({ type: 'jsonb', nullable: true })
  details: Record<string, unknown> | null;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3, default: () => 'now()' })
  createdAt: Date;
}
