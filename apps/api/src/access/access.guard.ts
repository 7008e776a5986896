/**
 * The resolver guard: every GraphQL operation needs a principal unless marked @PublicOperation().
 * @RequireCapability('x'): when the operation names an organisation (`organisationId` or
 * `input.organisationId`) the guard runs AccessService.assert on it (NOT_FOUND outside reach,
 * FORBIDDEN inside without x); when it names a record by `id`, the service checks once it knows
 * the record's organisation; otherwise (e.g. auditEvents) x must be held somewhere in reach.
 * Field resolvers are not guarded (their parent was). HTTP routes (GET /health) are untouched.
 */
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import type { Capability } from '@muster/domain';
import { AccessException } from './access.exception.js';
import { PUBLIC_OPERATION, REQUIRED_CAPABILITY } from './access.decorator.js';
import { AccessService } from './access.service.js';

@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly access: AccessService,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType<GqlContextType>() !== 'graphql') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_OPERATION, targets)) return true;
    this.access.principal(); // UNAUTHENTICATED without one
    const capability = this.reflector.getAllAndOverride<Capability | undefined>(REQUIRED_CAPABILITY, targets);
    if (!capability) return true;
    const args = GqlExecutionContext.create(context).getArgs<Record<string, unknown>>();
    const input = args.input as Record<string, unknown> | undefined;
    const organisationId = args.organisationId ?? input?.organisationId;
    if (organisationId !== undefined && organisationId !== null) {
      this.access.assert(String(organisationId), capability);
      return true;
    }
    if ('id' in args) return true;
    if (!this.access.holdsAnywhere(capability)) throw AccessException.forbidden();
    return true;
  }
}
