/**
 * User module: an organisation's users and roles, invitations, role changes. Must never: create
 * a user other than through an accepted invitation (auth/), or grant beyond the granter's role.
 */
import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module.js';
import { UserRepository } from './user.repository.js';
import { OrganisationUserConnectionResolver, UserResolver } from './user.resolver.js';
import { UserService } from './user.service.js';

@Module({
  imports: [DatabaseModule],
  providers: [UserRepository, UserService, UserResolver, OrganisationUserConnectionResolver],
})
export class UserModule {}
