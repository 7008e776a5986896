/**
 * The base of every module's exception. Services throw these (never HTTP or GraphQL errors);
 * `api-error.mapper.ts` is the one place that turns their codes into the API's error shape.
 */
export abstract class DomainException<TCode extends string = string> extends Error {
  constructor(
    readonly code: TCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export interface FieldError {
  /** Dotted path from the argument, e.g. `input.phones.0`. */
  path: string;
  message: string;
}

export type CommonErrorCode = 'VALIDATION_FAILED';

/** Invalid input, with every offending field named. Nothing is written when it is thrown. */
export class ValidationFailedException extends DomainException<CommonErrorCode> {
  constructor(readonly fields: FieldError[]) {
    super('VALIDATION_FAILED', 'The input is not valid: ' + fields.map((f) => `${f.path}: ${f.message}`).join('; '));
  }
}
