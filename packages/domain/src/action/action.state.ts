/**
 * Action responses: the follow-through state machine (docs/campaigns.md).
 *
 * Owns: the response states and channels, which moves between them are legal, what a move does to a response's
 * dates, channel and credit, and the follow-through counts and rate.
 * Must never: read a clock (the caller passes `at`), do I/O, or accept a move the table below does not list.
 *
 *   (new) ──► ASKED ──► COMMITTED ──► REMINDED ──► COMPLETED
 *     │         │  │        │  │  │       │  │
 *     │         │  │        │  │  └► COMPLETED   └► NO_SHOW / CANCELLED
 *     │         │  │        │  └► NO_SHOW / CANCELLED
 *     │         │  └► COMPLETED (did it without committing first: a petition signed when asked)
 *     │         └► DECLINED
 *     └► a response may also start as COMMITTED, COMPLETED or DECLINED (a web sign-up, a signed petition, a "no").
 *
 *   Reopening: DECLINED → ASKED / COMMITTED / COMPLETED (asked again, changed their mind); CANCELLED and NO_SHOW →
 *   COMMITTED (committed again) or COMPLETED (did it after all: a late arrival, a correction).
 *   COMPLETED is final: nothing moves out of it (a refunded donation stays completed).
 */
import { domainError, ok, type DomainError, type Result } from '../result.js';

export const RESPONSE_STATES = ['ASKED', 'COMMITTED', 'REMINDED', 'COMPLETED', 'NO_SHOW', 'CANCELLED', 'DECLINED'] as const;
export type ResponseState = (typeof RESPONSE_STATES)[number];

export const RESPONSE_CHANNELS = ['CALL', 'SMS', 'EMAIL', 'WEB', 'EVENT', 'IMPORT', 'STAFF'] as const;
export type ResponseChannel = (typeof RESPONSE_CHANNELS)[number];

/** Channels that are a personal contact with the member: recording a response through them sets last_contacted_at. */
export const CONTACT_CHANNELS: readonly ResponseChannel[] = ['CALL', 'SMS', 'EMAIL'];

/** States a response may be created in (there is no response before the first move). */
export const INITIAL_STATES: readonly ResponseState[] = ['ASKED', 'COMMITTED', 'COMPLETED', 'DECLINED'];

/** Every legal move, from → the states it may go to. A state missing from a list is an illegal move. */
export const RESPONSE_TRANSITIONS: Readonly<Record<ResponseState, readonly ResponseState[]>> = {
  ASKED: ['COMMITTED', 'COMPLETED', 'DECLINED'],
  COMMITTED: ['REMINDED', 'COMPLETED', 'NO_SHOW', 'CANCELLED'],
  REMINDED: ['COMPLETED', 'NO_SHOW', 'CANCELLED'],
  COMPLETED: [],
  NO_SHOW: ['COMMITTED', 'COMPLETED'],
  CANCELLED: ['COMMITTED', 'COMPLETED'],
  DECLINED: ['ASKED', 'COMMITTED', 'COMPLETED'],
};

/** Open commitments: the member said yes and the action has not happened yet. */
export const PENDING_STATES: readonly ResponseState[] = ['COMMITTED', 'REMINDED'];
/** States from which a reminder may be sent (a second reminder leaves a REMINDED response REMINDED). */
export const REMINDABLE_STATES: readonly ResponseState[] = ['COMMITTED', 'REMINDED'];

export function isResponseState(value: unknown): value is ResponseState {
  return typeof value === 'string' && (RESPONSE_STATES as readonly string[]).includes(value);
}

export function isResponseChannel(value: unknown): value is ResponseChannel {
  return typeof value === 'string' && (RESPONSE_CHANNELS as readonly string[]).includes(value);
}

/** Whether `from` (null: no response yet) may move to `to`. Staying in the same state is not a move (false). */
export function canTransition(from: ResponseState | null, to: ResponseState): boolean {
  if (from === null) return INITIAL_STATES.includes(to);
  return RESPONSE_TRANSITIONS[from].includes(to);
}

export type ResponseTransitionErrorCode = 'RESPONSE_TRANSITION_INVALID';
export interface ResponseTransitionError extends DomainError<ResponseTransitionErrorCode> {
  readonly from: ResponseState | null;
  readonly to: ResponseState;
}

const LABEL: Record<ResponseState, string> = {
  ASKED: 'asked', COMMITTED: 'committed', REMINDED: 'reminded', COMPLETED: 'completed',
  NO_SHOW: 'no-show', CANCELLED: 'cancelled', DECLINED: 'declined',
};

/** Plain English for an illegal move, saying what is allowed instead. */
export function transitionErrorMessage(from: ResponseState | null, to: ResponseState): string {
  if (from === null) {
    return `A new response cannot start as ${LABEL[to]}: it starts as ${INITIAL_STATES.map((s) => LABEL[s]).join(', ')}.`;
  }
  if (from === to) return `The response is already ${LABEL[to]}.`;
  if (from === 'COMPLETED') return `The response is completed, which is final: it cannot become ${LABEL[to]}.`;
  const allowed = RESPONSE_TRANSITIONS[from];
  return `A ${LABEL[from]} response cannot become ${LABEL[to]}: it can become ${allowed.map((s) => LABEL[s]).join(', ')}.`;
}

/** The response fields a move changes; null/undefined fields in the input are "not given". */
export interface ResponseSnapshot {
  readonly state: ResponseState;
  readonly channel: ResponseChannel;
  readonly creditedUserId: string | null;
  readonly askedAt: Date | null;
  readonly committedAt: Date | null;
  readonly remindedAt: Date | null;
  readonly completedAt: Date | null;
  readonly closedAt: Date | null;
  readonly reminderCount: number;
}

export interface TransitionInput {
  readonly to: ResponseState;
  readonly channel: ResponseChannel;
  readonly creditedUserId?: string | null;
  readonly at: Date;
}

/**
 * Applies a move to a response (null: create it). Returns the response after the move, or the error for an illegal
 * move. Rules (docs/campaigns.md, "Attribution"):
 * - dates: asked_at is set when the response is created (whatever its first state); committed_at on every move to
 *   COMMITTED (the latest commitment); reminded_at and reminder_count on REMINDED; completed_at on COMPLETED;
 *   closed_at on COMPLETED, NO_SHOW, CANCELLED and DECLINED, and cleared when a response is reopened.
 * - channel: the channel that secured the current commitment, or the completion when there was no commitment. A
 *   completion after a commitment keeps the commitment's channel (so follow-through by channel measures the channel
 *   that got the "yes"); ASKED and DECLINED set it only on a new response.
 * - credit: set on COMMITTED when given; on COMPLETED when given and the response has no credit yet (or was never
 *   committed). Never cleared by a later move.
 */
export function applyTransition(
  current: ResponseSnapshot | null,
  input: TransitionInput,
): Result<ResponseSnapshot, ResponseTransitionError> {
  const from = current?.state ?? null;
  if (!canTransition(from, input.to)) {
    return domainErrorWith(from, input.to);
  }
  const at = input.at;
  const given = input.creditedUserId ?? null;
  const base: ResponseSnapshot = current ?? {
    state: input.to, channel: input.channel, creditedUserId: null, askedAt: at, committedAt: null,
    remindedAt: null, completedAt: null, closedAt: null, reminderCount: 0,
  };
  let next: ResponseSnapshot = { ...base, state: input.to };
  switch (input.to) {
    case 'ASKED':
      next = { ...next, closedAt: null, askedAt: current ? at : base.askedAt };
      break;
    case 'COMMITTED':
      next = { ...next, committedAt: at, closedAt: null, channel: input.channel, creditedUserId: given ?? base.creditedUserId };
      break;
    case 'REMINDED':
      next = { ...next, remindedAt: at, reminderCount: base.reminderCount + 1 };
      break;
    case 'COMPLETED': {
      const wasCommitted = base.committedAt !== null;
      next = {
        ...next, completedAt: at, closedAt: at,
        channel: wasCommitted ? base.channel : input.channel,
        creditedUserId: wasCommitted ? base.creditedUserId ?? given : given ?? base.creditedUserId,
      };
      break;
    }
    case 'NO_SHOW':
    case 'CANCELLED':
    case 'DECLINED':
      next = { ...next, closedAt: at };
      break;
  }
  if (!current) next = { ...next, channel: input.channel };
  return ok(next);
}

/**
 * A second (or later) reminder of a response that is already REMINDED: not a state change, but it counts. Returns
 * the response after the reminder, or the error when the response is not awaiting its action.
 */
export function applyReminder(current: ResponseSnapshot, at: Date): Result<ResponseSnapshot, ResponseTransitionError> {
  if (!REMINDABLE_STATES.includes(current.state)) return domainErrorWith(current.state, 'REMINDED');
  return ok({ ...current, state: 'REMINDED', remindedAt: at, reminderCount: current.reminderCount + 1 });
}

function domainErrorWith(from: ResponseState | null, to: ResponseState): Result<never, ResponseTransitionError> {
  const e = domainError('RESPONSE_TRANSITION_INVALID', transitionErrorMessage(from, to));
  return { ok: false, error: { ...e.error, from, to } };
}
