import { DomainException } from '../common/domain.exception.js';

export type DedupeErrorCode = 'DUPLICATE_SUGGESTION_NOT_FOUND' | 'MEMBER_MERGE_NOT_FOUND';

export class DedupeException extends DomainException<DedupeErrorCode> {
  static suggestionNotFound(): DedupeException {
    return new DedupeException('DUPLICATE_SUGGESTION_NOT_FOUND', 'Duplicate suggestion not found');
  }
  static mergeNotFound(): DedupeException {
    return new DedupeException('MEMBER_MERGE_NOT_FOUND', 'Merge not found');
  }
}
