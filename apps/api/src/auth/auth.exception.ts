import { DomainException } from '../common/domain.exception.js';

export type AuthErrorCode = 'INVALID_CREDENTIALS' | 'INVITATION_INVALID';

export class AuthException extends DomainException<AuthErrorCode> {
  /** Same message whether the email is unknown, the password wrong or the user disabled. */
  static invalidCredentials(): AuthException {
    return new AuthException('INVALID_CREDENTIALS', 'The email or password is not right.');
  }
  /** Unknown, used or expired invitation: one message for all three. */
  static invitationInvalid(): AuthException {
    return new AuthException('INVITATION_INVALID', 'This invitation link is not valid any more. Ask for a new one.');
  }
}
