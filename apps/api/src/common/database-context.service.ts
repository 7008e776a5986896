/**
 * What repositories inject to reach the database: always the current request's context.
 * Must never: fall back to a global connection when no request context exists (that would bypass
 * the per-request transaction and, later, row-level security).
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { invalidatePrincipals } from '../auth/principal-cache.js';
import { requestContextStorage, type RequestContext } from './request-context.js';

@Injectable()
export class DatabaseContextService {
  context(): RequestContext {
    const ctx = requestContextStorage.current();
    if (!ctx) throw new Error('No request context: database work must run inside a request (or withRequestContext)');
    return ctx;
  }

  manager(): Promise<EntityManager> {
    return this.context().manager();
  }

  query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.context().query<T>(sql, params);
  }

  /**
   * After this request commits, clear this process's cached principals: for writes that change who someone is or
   * what they reach (roles, memberships, key revocations). Other processes hear it through NOTIFY.
   */
  invalidatePrincipalsOnCommit(): void {
    const ctx = this.context();
    ctx.afterCommit(() => invalidatePrincipals(ctx.dataSource));
  }
}

/** Every repository method starts with this: the organisation comes first and is never empty. */
export function requireOrganisationId(organisationId: string): string {
  if (typeof organisationId !== 'string' || organisationId.trim() === '') {
    throw new Error('organisationId is required for every tenant repository call');
  }
  return organisationId;
}
