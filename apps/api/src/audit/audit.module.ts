/**
 * Audit module: AuditService (record every mutation and sign-in) and the auditEvents query.
 * Must never: update or delete events; the database role cannot either (INSERT, SELECT only).
 */
import { Global, Module } from '@nestjs/common';
import { AuthRepository } from '../auth/auth.repository.js';
import { DatabaseModule } from '../database/database.module.js';
import { AuditQueryService } from './audit-query.service.js';
import { AuditRepository } from './audit.repository.js';
import { AuditEventConnectionResolver, AuditResolver } from './audit.resolver.js';
import { AuditService } from './audit.service.js';

@Global()
@Module({
  imports: [DatabaseModule],
  providers: [AuditRepository, AuditService, AuditQueryService, AuditResolver, AuditEventConnectionResolver, AuthRepository],
  exports: [AuditService],
})
export class AuditModule {}
