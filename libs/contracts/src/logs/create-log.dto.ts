import { IsNotEmpty, IsOptional, IsString, Matches, registerDecorator } from 'class-validator';
import { normalizeLevel } from './log-level';
import { LogInput } from './log-input';
import { HAS_CONTROL, HAS_NUL, ID_PATTERN, LOG_RULES, isPlainObject, isValidEpochMs, isValidIsoTimestamp } from './log-rules';

function Satisfies(name: string, message: string, test: (v: unknown) => boolean): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message },
      validator: { validate: test },
    });
}

/**
 * One log as accepted by `POST /api/v1/logs`: the single-log path and the API docs use it.
 * Size limits are deployment settings and are checked by `checkLogLimits` on both paths.
 */
export class CreateLogDto implements LogInput {
  @IsString({ message: `message ${LOG_RULES.message}` })
  @IsNotEmpty({ message: `message ${LOG_RULES.message}` })
  @Satisfies('hasNoNul', `message ${LOG_RULES.message}`, (v) => typeof v !== 'string' || !HAS_NUL.test(v))
  message!: string;

  @IsOptional()
  @Satisfies('isServiceName', `source ${LOG_RULES.source}`, (v) => typeof v === 'string' && !HAS_CONTROL.test(v))
  source?: string;

  @IsOptional()
  @Satisfies('isLogLevel', `level ${LOG_RULES.level}`, (v) => typeof v === 'string' && normalizeLevel(v) !== undefined)
  level?: string;

  @IsOptional()
  @Satisfies(
    'isLogTimestamp',
    `timestamp ${LOG_RULES.timestamp}`,
    (v) => (typeof v === 'string' && isValidIsoTimestamp(v)) || (typeof v === 'number' && isValidEpochMs(v)),
  )
  timestamp?: string | number;

  @IsOptional()
  @IsString({ message: `id ${LOG_RULES.id}` })
  @Matches(ID_PATTERN, { message: `id ${LOG_RULES.id}` })
  id?: string;

  /** Structured context (trace ids, host, …), at most `maxAttributesBytes` as JSON and `maxAttributesDepth` deep. */
  @IsOptional()
  @Satisfies('isPlainObject', `attributes ${LOG_RULES.attributes}`, isPlainObject)
  attributes?: Record<string, unknown>;
}
