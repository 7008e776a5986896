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

@Injectable()
export class InputValidationPipe implements PipeTransform {
  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const metatype = metadata.metatype;
    if (value === null || value === undefined || typeof value !== 'object' || !metatype || PRIMITIVES.has(metatype)) {
      return value;
    }
    const instance = plainToInstance(metatype as new () => object, value);
    const errors = await validate(instance as object, { forbidUnknownValues: false });
    if (errors.length > 0) throw new ValidationFailedException(flattenValidationErrors(errors, metadata.data ?? ''));
    return instance;
  }
}
