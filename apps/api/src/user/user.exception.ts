import { DomainException } from '../common/domain.exception.js';

export type UserErrorCode = 'USER_NOT_FOUND';

export class UserException extends DomainException<UserErrorCode> {
  static notFound(): UserException {
    return new UserException('USER_NOT_FOUND', 'User not found');
  }
}
