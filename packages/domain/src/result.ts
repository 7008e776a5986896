/**
 * Result: the one success-or-failure shape every domain function returns.
 *
 * Owns: the `Result`, `Ok`, `Err` and `DomainError` types and their constructors.
 * Must never: throw for bad user input (input errors are values the caller reports), or carry
 * framework error classes (the API maps `code` to its own error shape in one place).
 */

export interface DomainError<C extends string = string> {
  /** Stable, machine-readable; callers switch on it. */
  readonly code: C;
  /** Plain English for a person fixing the input; shown as-is by the API and the admin app. */
  readonly message: string;
}

export interface Ok<T> {
  readonly ok: true;
  readonly value: T;
}

export interface Err<E> {
  readonly ok: false;
  readonly error: E;
}

export type Result<T, E = DomainError> = Ok<T> | Err<E>;

export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

export function err<E>(error: E): Err<E> {
  return { ok: false, error };
}

export function domainError<C extends string>(code: C, message: string): Err<DomainError<C>> {
  return err({ code, message });
}

export function isOk<T, E>(result: Result<T, E>): result is Ok<T> {
  return result.ok;
}

export function isErr<T, E>(result: Result<T, E>): result is Err<E> {
  return !result.ok;
}
