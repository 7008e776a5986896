import { DomainException } from '../common/domain.exception.js';

export type TrackedLinkErrorCode = 'TRACKED_LINK_ACTION_NOT_FOUND' | 'TRACKED_LINK_MEMBER_NOT_FOUND';

export class TrackedLinkException extends DomainException<TrackedLinkErrorCode> {
  /** Also for another organisation's action: never say that it exists. */
  static actionNotFound(): TrackedLinkException {
    return new TrackedLinkException('TRACKED_LINK_ACTION_NOT_FOUND', 'Action not found');
  }
  static memberNotFound(): TrackedLinkException {
    return new TrackedLinkException('TRACKED_LINK_MEMBER_NOT_FOUND', 'Member not found');
  }
}
