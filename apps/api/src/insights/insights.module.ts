/**
 * Insights module: owns the aggregate figures of the client portal (totals, by status, by region,
 * top issues, joiners and leavers by month). Must never: expose individual members.
 */
import { Module } from '@nestjs/common';
import { OrganisationModule } from '../organisation/organisation.module.js';
import { InsightsRepository } from './insights.repository.js';
import { InsightsResolver } from './insights.resolver.js';
import { InsightsService } from './insights.service.js';

@Module({
  imports: [OrganisationModule],
  providers: [InsightsRepository, InsightsService, InsightsResolver],
})
export class InsightsModule {}
