import type { ResponseState } from '@muster/domain';
import { DomainException } from '../common/domain.exception.js';

export type ActionErrorCode = 'ACTION_NOT_FOUND' | 'ACTION_RESPONSE_NOT_FOUND' | 'ACTION_MEMBER_NOT_FOUND' | 'RESPONSE_TRANSITION_INVALID'
  | 'ACTION_HAS_RESPONSES';

export class ActionException extends DomainException<ActionErrorCode> {
  constructor(code: ActionErrorCode, message: string, readonly details: Record<string, unknown> | null = null) {
    super(code, message);
  }

  /** Also for another organisation's action: never say that it exists. */
  static notFound(): ActionException {
    return new ActionException('ACTION_NOT_FOUND', 'Action not found');
  }
  static responseNotFound(): ActionException {
    return new ActionException('ACTION_RESPONSE_NOT_FOUND', 'Response not found');
  }
  static memberNotFound(): ActionException {
    return new ActionException('ACTION_MEMBER_NOT_FOUND', 'Member not found');
  }
  /** An illegal move of the follow-through state machine; details say from where to where. */
  static transitionInvalid(from: ResponseState | null, to: ResponseState, message: string): ActionException {
    return new ActionException('RESPONSE_TRANSITION_INVALID', message, { from, to });
  }
  static hasResponses(count: number): ActionException {
    return new ActionException(
      'ACTION_HAS_RESPONSES',
      `This action has ${count} ${count === 1 ? 'response' : 'responses'} and cannot be deleted: close it instead.`,
      { responses: count },
    );
  }
}
