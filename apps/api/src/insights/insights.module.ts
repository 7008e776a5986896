/**
 * Insights module: owns the aggregate figures of the dashboards (totals, breakdowns by status, region, branch,
 * workplace and employer, membership by month, top issues and their change, reach and consent), read from the
 * rollups kept by the member triggers (migration 1767100000000, docs/insights.md), and the suppression setting.
 * Must never: expose individual members, return a suppressed small count, or scan member at request time.
 */
import { Module } from '@nestjs/common';
import { OrganisationModule } from '../organisation/organisation.module.js';
import { InsightsFoldService } from './insights-fold.service.js';
import { InsightsRepository } from './insights.repository.js';
import { InsightsResolver } from './insights.resolver.js';
import { InsightsService } from './insights.service.js';

@Module({
  imports: [OrganisationModule],
  providers: [InsightsRepository, InsightsService, InsightsResolver, InsightsFoldService],
})
export class InsightsModule {}
