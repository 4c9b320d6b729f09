import { HAS_CONTROL, isValidIsoTimestamp } from '@logad/contracts';
import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsOptional, ValidateBy } from 'class-validator';

// Query strings arrive as strings; a form's empty field means "no filter".
const blankIsAbsent = Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value));

/** One rule, one message: a field breaks it once, so the 400 names it once. */
export function Rule(name: string, message: string, test: (v: unknown) => boolean): PropertyDecorator {
  return ValidateBy({ name, validator: { validate: test } }, { message });
}

/** An optional ISO-8601 date-time query parameter. */
export function OptionalInstant(name: string): PropertyDecorator {
  return applyDecorators(
    blankIsAbsent,
    IsOptional(),
    Rule('isInstant', `${name} must be an ISO-8601 date-time, e.g. 2024-03-10T12:00:00Z`, (v) => typeof v === 'string' && isValidIsoTimestamp(v)),
  );
}

/** An integer in [min, max]; only plain decimal digits convert (`1e3`, `0x10`, `1.0` do not). */
export function IntIn(name: string, min: number, max: number): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => (value === '' ? undefined : typeof value === 'string' && /^-?\d{1,15}$/.test(value) ? Number(value) : value)),
    Rule('isIntIn', `${name} must be an integer from ${min} to ${max}`, (v) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max),
  );
}

/** An optional integer query parameter in [min, max]. */
export function OptionalInt(name: string, min: number, max: number): PropertyDecorator {
  return applyDecorators(IntIn(name, min, max), IsOptional());
}

/** An optional text query parameter of at most `maxLength` characters without control characters. */
export function OptionalText(name: string, maxLength: number): PropertyDecorator {
  return applyDecorators(
    blankIsAbsent,
    IsOptional(),
    Rule(
      'isShortText',
      `${name} must be a string of at most ${maxLength} characters without control characters`,
      (v) => typeof v === 'string' && v.length <= maxLength && !HAS_CONTROL.test(v),
    ),
  );
}

/** An optional value among `choices`; `normalize` (e.g. upper-casing) applies before the check. */
export function OptionalChoice(name: string, choices: readonly string[], normalize: (v: string) => string = (v) => v, hint = ''): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => (value === '' ? undefined : typeof value === 'string' ? normalize(value) : value)),
    IsOptional(),
    Rule('isChoice', `${name} must be one of ${choices.join(', ')}${hint}`, (v) => typeof v === 'string' && choices.includes(v)),
  );
}
