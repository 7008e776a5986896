/**
 * Organisation module: owns the tenants (agency, clients, units) and their listing.
 * Must never: expose or change another module's data; authorisation arrives in the next issue.
 */
import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module.js';
import { OrganisationRepository } from './organisation.repository.js';
import { OrganisationConnectionResolver, OrganisationResolver } from './organisation.resolver.js';
import { OrganisationService } from './organisation.service.js';

@Module({
  imports: [DatabaseModule],
  providers: [OrganisationRepository, OrganisationService, OrganisationResolver, OrganisationConnectionResolver],
  exports: [OrganisationService],
})
export class OrganisationModule {}
