/**
 * API-key module: list, create (secret shown once), revoke. The bearer check of a key is the auth
 * hook's (auth/auth.principal.ts). Must never: store or log a secret.
 */
import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module.js';
import { ApiKeyRepository } from './api-key.repository.js';
import { ApiKeyConnectionResolver, ApiKeyResolver, ViewerApiKeyResolver } from './api-key.resolver.js';
import { ApiKeyService } from './api-key.service.js';

@Module({
  imports: [DatabaseModule],
  providers: [ApiKeyRepository, ApiKeyService, ApiKeyResolver, ApiKeyConnectionResolver, ViewerApiKeyResolver],
})
export class ApiKeyModule {}
