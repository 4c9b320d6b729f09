import { CreateLogDto, LogLimits, QueuedLog, checkLogLimits, parseLogs, toQueuedLog, FieldError } from '@logad/contracts';
import { validateSync } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { IngestValidationProblem } from './ingest-validation.problem';

/**
 * Turns a request body into queued logs, all or nothing. A single log goes through the
 * class-validator DTO; a batch through the compiled validator written against the same rules
 * (class-validator per item costs ~13× a bare route on 1000-log batches).
 */
export function acceptLogs(body: unknown, limits: LogLimits, requestId?: string, receivedAt = Date.now()): QueuedLog[] {
  if (Array.isArray(body)) {
    const r = parseLogs(body, limits, receivedAt, randomUUID, requestId);
    if (!r.ok) throw new IngestValidationProblem(r.errors);
    return r.logs;
  }
  if (typeof body !== 'object' || body === null) {
    throw new IngestValidationProblem([{ field: '(body)', message: 'the body must be a log object, an array of logs, or NDJSON' }]);
  }
  // A shallow copy, not class-transformer: it would recurse into hostile, deeply nested attributes.
  const src = body as Record<string, unknown>;
  const dto = Object.assign(new CreateLogDto(), pick(src, ['message', 'source', 'level', 'timestamp', 'id', 'attributes']));
  const errors: FieldError[] = validateSync(dto).flatMap((e) => Object.values(e.constraints ?? {}).map((message) => ({ field: e.property, message })));
  if (errors.length === 0) checkLogLimits(dto, '', limits, errors);
  if (errors.length > 0) throw new IngestValidationProblem(errors);
  return [toQueuedLog(dto, receivedAt, randomUUID, requestId)];
}

function pick(o: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (Object.prototype.hasOwnProperty.call(o, k)) out[k] = o[k];
  return out;
}
