import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { ValidationFailedProblem } from './validation-failed.problem';

function flatten(errors: ValidationError[], prefix = ''): Array<{ field: string; message: string }> {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/**
 * A DTO class that checks a plain body itself, in one pass: for bodies of thousands of items,
 * where class-transformer would copy every item into an instance and class-validator walk it
 * (a tenth of ml-api's CPU per event on `/predict/events`).
 */
export interface PlainValidatedDto {
  /** The broken rules of `value` (none: valid, and `value` is used as it is). */
  validatePlain(value: unknown): Array<{ field: string; message: string }>;
}

function plainValidator(metatype: unknown): PlainValidatedDto | null {
  const v = (metatype as Partial<PlainValidatedDto> | undefined)?.validatePlain;
  return typeof v === 'function' ? (metatype as PlainValidatedDto) : null;
}

/** Deeper than any DTO of ours; class-transformer copies unknown nested values recursively and overflows the stack on deep ones. */
export const MAX_VALIDATED_DEPTH = 32;

/** Whether `value` nests objects or arrays deeper than `max` (walked without recursion, so that the check itself cannot overflow). */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= max) return true;
    for (const child of Object.values(v)) if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
  }
  return false;
}

class LogadValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const dto = metadata.type === 'body' ? plainValidator(metadata.metatype) : null;
    if (dto === null) {
      if (nestedDeeperThan(value, MAX_VALIDATED_DEPTH))
        throw new ValidationFailedProblem([{ field: metadata.data ?? metadata.type, message: `must be nested at most ${MAX_VALIDATED_DEPTH} levels deep` }]);
      return super.transform(value, metadata);
    }
    const problems = dto.validatePlain(value);
    if (problems.length > 0) throw new ValidationFailedProblem(problems);
    return value;
  }
}

/**
 * class-validator at the edge, answering 400 with logad's body and one detail per broken rule;
 * DTOs with a static `validatePlain` ({@link PlainValidatedDto}) check themselves.
 */
export function createValidationPipe(): ValidationPipe {
  return new LogadValidationPipe({
    transform: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => new ValidationFailedProblem(flatten(errors)),
  });
}
