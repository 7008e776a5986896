/**
 * Insight figures for one client organisation (the portal's dashboard). Must never: return
 * member-level data; only counts.
 */
import { Injectable } from '@nestjs/common';
import { ValidationFailedException } from '../common/domain.exception.js';
import { AccessService } from '../access/access.service.js';
import type { CountByKey, InsightsObject, MonthlyMovement } from './insights.object.js';
import { InsightsRepository } from './insights.repository.js';

function londonToday(now: Date): string {
  // Months are the organisation's months: Europe/London, not UTC.
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

@Injectable()
export class InsightsService {
  constructor(
    private readonly insights: InsightsRepository,
    private readonly access: AccessService,
  ) {}

  async forOrganisation(organisationId: string): Promise<InsightsObject> {
    this.access.assert(organisationId, 'insights:read');
    return { organisationId: organisationId.toLowerCase() };
  }

  totalMembers(organisationId: string): Promise<number> {
    return this.insights.totalMembers(organisationId);
  }

  byStatus(organisationId: string): Promise<CountByKey[]> {
    return this.insights.byStatus(organisationId);
  }

  byRegion(organisationId: string): Promise<CountByKey[]> {
    return this.insights.byRegion(organisationId);
  }

  topIssues(organisationId: string, limit: number): Promise<CountByKey[]> {
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      throw new ValidationFailedException([{ path: 'limit', message: 'Must be a whole number from 1 to 100.' }]);
    }
    return this.insights.topIssues(organisationId, limit);
  }

  async joinersLeaversByMonth(organisationId: string, months: number, now = new Date()): Promise<MonthlyMovement[]> {
    if (!Number.isInteger(months) || months < 1 || months > 240) {
      throw new ValidationFailedException([{ path: 'months', message: 'Must be a whole number from 1 to 240.' }]);
    }
    const rows = await this.insights.movementByMonth(organisationId, months, londonToday(now));
    return rows.map((r) => ({ ...r, net: r.joiners - r.leavers }));
  }
}
