/**
 * Access module: the resolver guard (registered for every operation) and AccessService, the
 * service-level check. Must never: hold the matrix itself (that is @muster/domain's access rules).
 */
import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessGuard } from './access.guard.js';
import { AccessService } from './access.service.js';

@Global()
@Module({
  providers: [AccessService, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [AccessService],
})
export class AccessModule {}
