/**
 * Errors of the hardened endpoint. Owns: QUERY_TOO_COMPLEX for the alias/cost limits (the depth
 * limit is Mercurius's own and is mapped to the same code). RATE_LIMITED is answered by the
 * rate-limit hook itself (security.hooks.ts), before GraphQL runs.
 */
import { DomainException } from '../common/domain.exception.js';

export type SecurityErrorCode = 'QUERY_TOO_COMPLEX';

export class SecurityException extends DomainException<SecurityErrorCode> {
  static tooComplex(reason: string): SecurityException {
    return new SecurityException('QUERY_TOO_COMPLEX', `The query is too complex: ${reason}.`);
  }
}
