import { checkLogLimits } from './check-log-limits';
import { FieldError } from './field-error';
import { LogInput } from './log-input';
import { LogLimits } from './log-limits';
import { QueuedLog } from './queued-log';
import { toQueuedLog } from './to-queued-log';
import { validateLogShape } from './validate-log-shape';

export type ParseLogsResult = { readonly ok: true; readonly logs: QueuedLog[] } | { readonly ok: false; readonly errors: FieldError[] };

/** Errors reported per request; past this the client has enough to fix its shipper. */
export const MAX_REPORTED_ERRORS = 100;

/**
 * Validates a batch all-or-nothing: either every log is valid and normalised, or the errors
 * (field paths like `[3].level`) are returned and nothing is to be enqueued.
 */
export function parseLogs(items: readonly unknown[], limits: LogLimits, receivedAt: number, newId: () => string, requestId?: string): ParseLogsResult {
  const tooFewOrMany = batchSizeProblem(items, limits);
  if (tooFewOrMany !== undefined) return { ok: false, errors: [tooFewOrMany] };
  const errors: FieldError[] = [];
  for (let i = 0; i < items.length && errors.length < MAX_REPORTED_ERRORS; i++) {
    const prefix = `[${i}].`;
    if (validateLogShape(items[i], prefix, errors)) checkLogLimits(items[i] as LogInput, prefix, limits, errors);
  }
  if (errors.length > 0) return { ok: false, errors: errors.slice(0, MAX_REPORTED_ERRORS) };
  const logs = new Array<QueuedLog>(items.length);
  const receivedIso = new Date(receivedAt).toISOString();
  for (let i = 0; i < items.length; i++) logs[i] = toQueuedLog(items[i] as LogInput, receivedAt, newId, requestId, receivedIso);
  return { ok: true, logs };
}

/** An empty batch, or one over `maxBatchSize`, as the one error of the request; undefined when its size is fine. */
export function batchSizeProblem(items: readonly unknown[], limits: LogLimits): FieldError | undefined {
  if (items.length === 0) return { field: '(body)', message: 'the batch is empty: send at least one log' };
  if (items.length > limits.maxBatchSize) return { field: '(body)', message: `a batch holds at most ${limits.maxBatchSize} logs; got ${items.length}` };
  return undefined;
}
