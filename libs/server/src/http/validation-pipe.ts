import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ValidationFailedProblem } from './validation-failed.problem';

function flatten(errors: ValidationError[], prefix = ''): Array<{ field: string; message: string }> {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** class-validator at the edge, answering 400 with logad's body and one detail per broken rule. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => new ValidationFailedProblem(flatten(errors)),
  });
}
