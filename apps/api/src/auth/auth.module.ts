/**
 * Auth module: sign-in (password, sessions, cookies with CSRF), the viewer, and the Fastify hook
 * that turns a token or cookie into the request's principal (auth.hook.ts, registered in
 * app.factory.ts). Must never: decide what a principal may do (access/ and @muster/domain do).
 */
import { Global, Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { OrganisationModule } from '../organisation/organisation.module.js';
import { AuthRepository } from './auth.repository.js';
import { AuthResolver } from './auth.resolver.js';
import { AuthService } from './auth.service.js';

@Global()
@Module({
  imports: [OrganisationModule, AuditModule],
  providers: [AuthRepository, AuthService, AuthResolver],
  exports: [AuthRepository],
})
export class AuthModule {}
