import { DomainException } from '../common/domain.exception.js';

export type MemberErrorCode = 'MEMBER_NOT_FOUND';

export class MemberException extends DomainException<MemberErrorCode> {
  static notFound(): MemberException {
    return new MemberException('MEMBER_NOT_FOUND', 'Member not found');
  }
}
