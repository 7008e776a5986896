import { Global, Module } from '@nestjs/common';
import { DatabaseContextService } from '../common/database-context.service.js';

/** Provides the request-scoped database context to every module's repositories. */
@Global()
@Module({ providers: [DatabaseContextService], exports: [DatabaseContextService] })
export class DatabaseModule {}
