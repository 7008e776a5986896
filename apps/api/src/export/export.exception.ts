import { DomainException } from '../common/domain.exception.js';

export type ExportErrorCode = 'EXPORT_BUSY';

/** Thrown before anything is streamed. Answered by the export route itself (429, RATE_LIMITED). */
export class ExportException extends DomainException<ExportErrorCode> {
  static busy(limit: number): ExportException {
    return new ExportException('EXPORT_BUSY', `${limit} exports are already running on this server. Try again in a minute.`);
  }
}
