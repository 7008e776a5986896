/**
 * The resolver guard: every GraphQL operation needs a principal unless marked @PublicOperation();
 * @RequireCapability('x') also needs capability x somewhere in the caller's reach. Field resolvers
 * are not guarded (their parent already was). HTTP routes (GET /health) are not GraphQL: untouched.
 */
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { GqlContextType } from '@nestjs/graphql';
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
    if (capability && !this.access.holdsAnywhere(capability)) throw AccessException.forbidden();
    return true;
  }
}
