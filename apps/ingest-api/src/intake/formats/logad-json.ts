import { CreateLogDto, FieldError, QueuedLog, checkLogLimits, normalizeLogFields, readLogs, toQueuedLog } from '@logad/contracts';
import { validateSync } from 'class-validator';
import { IngestValidationProblem } from '../ingest-validation.problem';
import { DecodeContext, RequestHeaders } from './decode-context';

/**
 * logad's own format (`POST /api/v1/logs`): one log, an array, or NDJSON, already parsed by the
 * body parsers. All or nothing. Each log is first read forgivingly ({@link normalizeLogFields}:
 * `msg`, `service`, pino's numeric levels, epoch seconds…); a single log then goes through the
 * class-validator DTO, a batch through the compiled validator written against the same rules
 * ({@link readLogs}; class-validator per item costs ~13× a bare route on 1000-log batches).
 */
export function decodeLogadJson(body: unknown, _headers: RequestHeaders, ctx: DecodeContext): QueuedLog[] {
  if (Array.isArray(body)) {
    const r = readLogs(body, ctx.limits, ctx.receivedAt, ctx.newId, ctx.requestId);
    if (!r.ok) throw new IngestValidationProblem(r.errors);
    return r.logs;
  }
  if (typeof body !== 'object' || body === null) {
    throw new IngestValidationProblem([{ field: '(body)', message: 'the body must be a log object, an array of logs, or NDJSON' }]);
  }
  // A shallow copy, not class-transformer: it would recurse into hostile, deeply nested attributes.
  const dto = Object.assign(new CreateLogDto(), normalizeLogFields(body) as object);
  const errors: FieldError[] = validateSync(dto).flatMap((e) => Object.values(e.constraints ?? {}).map((message) => ({ field: e.property, message })));
  if (errors.length === 0) checkLogLimits(dto, '', ctx.limits, errors);
  if (errors.length > 0) throw new IngestValidationProblem(errors);
  return [toQueuedLog(dto, ctx.receivedAt, ctx.newId, ctx.requestId)];
}
