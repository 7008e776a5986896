/**
 * The one global pipe: validates every GraphQL input object with its class-validator decorators
 * and reports every problem as VALIDATION_FAILED with a path from the argument
 * (`input.firstName`, `filter.and.0.search`).
 */
import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { ValidationFailedException, type FieldError } from './domain.exception.js';

const PRIMITIVES = new Set<unknown>([String, Number, Boolean, Array, Object]);

export function flattenValidationErrors(errors: ValidationError[], prefix: string): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) out.push({ path, message });
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, path));
  }
  return out;
}

/** Inputs already found valid, per input class: lists re-send the same filter page after page. */
const MAX_REMEMBERED = 1000;

@Injectable()
export class InputValidationPipe implements PipeTransform {
  private readonly valid = new Map<unknown, Set<string>>();

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const metatype = metadata.metatype;
    if (value === null || value === undefined || typeof value !== 'object' || !metatype || PRIMITIVES.has(metatype)) {
      return value;
    }
    const key = JSON.stringify(value);
    if (this.valid.get(metatype)?.has(key)) return value;
    return this.check(value, key, metatype as new () => object, metadata.data ?? '');
  }

  private async check(value: object, key: string, metatype: new () => object, argument: string): Promise<unknown> {
    const errors = await validate(plainToInstance(metatype, value), { forbidUnknownValues: false });
    if (errors.length > 0) throw new ValidationFailedException(flattenValidationErrors(errors, argument));
    let seen = this.valid.get(metatype);
    if (!seen) this.valid.set(metatype, (seen = new Set()));
    if (seen.size >= MAX_REMEMBERED) seen.clear();
    seen.add(key);
    // Services get the plain input: an omitted field stays absent (update semantics), nothing is added.
    return value;
  }
}
