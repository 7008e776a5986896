import { DomainException } from '../common/domain.exception.js';

export type AccessErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'ACCESS_NOT_FOUND';

export class AccessException extends DomainException<AccessErrorCode> {
  static unauthenticated(): AccessException {
    return new AccessException('UNAUTHENTICATED', 'Sign in first: send a session or API key token.');
  }
  static forbidden(): AccessException {
    return new AccessException('FORBIDDEN', 'Your role does not allow this.');
  }
  /** Outside reach: indistinguishable from an id that does not exist. */
  static notFound(): AccessException {
    return new AccessException('ACCESS_NOT_FOUND', 'Not found');
  }
}
