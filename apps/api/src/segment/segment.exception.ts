import { DomainException } from '../common/domain.exception.js';

export type SegmentErrorCode = 'SEGMENT_NOT_FOUND' | 'SEGMENT_IMPORT_NOT_FOUND' | 'SEGMENT_ACTION_NOT_FOUND' | 'SEGMENT_CAMPAIGN_NOT_FOUND' | 'SEGMENT_TOO_SLOW';

export class SegmentException extends DomainException<SegmentErrorCode> {
  /** Also for another organisation's segment: never say that it exists. */
  static notFound(): SegmentException {
    return new SegmentException('SEGMENT_NOT_FOUND', 'Segment not found');
  }
  static importNotFound(): SegmentException {
    return new SegmentException('SEGMENT_IMPORT_NOT_FOUND', 'Import not found');
  }
  static actionNotFound(): SegmentException {
    return new SegmentException('SEGMENT_ACTION_NOT_FOUND', 'Action not found');
  }
  static campaignNotFound(): SegmentException {
    return new SegmentException('SEGMENT_CAMPAIGN_NOT_FOUND', 'Campaign not found');
  }
  static tooSlow(seconds: number): SegmentException {
    return new SegmentException(
      'SEGMENT_TOO_SLOW',
      `Counting this segment took longer than ${seconds} s and was stopped. Narrow it (fewer "none of" / "not" conditions over large groups) and try again.`,
    );
  }
}
