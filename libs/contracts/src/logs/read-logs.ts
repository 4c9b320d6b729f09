import { attributesProblem, checkLogLimits, messageTooLarge } from './check-log-limits';
import { FieldError } from './field-error';
import { LogInput } from './log-input';
import { LogLevel, normalizeLevel } from './log-level';
import { LogLimits } from './log-limits';
import { HAS_CONTROL, HAS_NUL, ID_PATTERN, isPlainObject, isValidEpochMs, isoTimestampMs } from './log-rules';
import { normalizeLogFields } from './normalize-log-fields';
import { MAX_REPORTED_ERRORS, ParseLogsResult, batchSizeProblem } from './parse-logs';
import { QueuedLog } from './queued-log';
import { isCanonicalIso, isoOfMs, newQueuedLog, toQueuedLog } from './to-queued-log';
import { validateLogShape } from './validate-log-shape';

/** What every log of one batch shares. */
interface Batch {
  readonly limits: LogLimits;
  readonly receivedAt: number;
  readonly receivedIso: string;
  readonly newId: () => string;
  readonly requestId: string | undefined;
}

/**
 * `parseLogs(items.map(normalizeLogFields), …)`, same logs and same errors, in one pass and
 * without a normalised copy of each log: a log that holds only our own fields is checked and
 * turned into its queued form straight from the parsed body (one `Date.parse`, one level look-up,
 * one object). Any other log is normalised first; a log the fast path does not accept goes the
 * reference way ({@link validateLogShape}, {@link checkLogLimits}), which words its errors.
 */
export function readLogs(items: readonly unknown[], limits: LogLimits, receivedAt: number, newId: () => string, requestId?: string): ParseLogsResult {
  const tooFewOrMany = batchSizeProblem(items, limits);
  if (tooFewOrMany !== undefined) return { ok: false, errors: [tooFewOrMany] };
  const b: Batch = { limits, receivedAt, receivedIso: new Date(receivedAt).toISOString(), newId, requestId };
  const logs = new Array<QueuedLog>(items.length);
  const errors: FieldError[] = [];
  for (let i = 0; i < items.length && errors.length < MAX_REPORTED_ERRORS; i++) {
    const fast = readLog(items[i], b);
    if (fast !== undefined) {
      logs[i] = fast;
      continue;
    }
    const log = normalizeLogFields(items[i]);
    const prefix = `[${i}].`;
    const before = errors.length;
    if (validateLogShape(log, prefix, errors)) checkLogLimits(log as LogInput, prefix, limits, errors);
    if (errors.length === before) logs[i] = toQueuedLog(log as LogInput, receivedAt, newId, requestId, b.receivedIso);
  }
  if (errors.length > 0) return { ok: false, errors: errors.slice(0, MAX_REPORTED_ERRORS) };
  return { ok: true, logs };
}

const hasOwn = Object.prototype.hasOwnProperty;

/** The queued form of a valid log; undefined for an invalid one (and for none the reference path would take). */
function readLog(value: unknown, b: Batch): QueuedLog | undefined {
  if (!isPlainObject(value)) return undefined;
  let own = true;
  for (const k in value) {
    if (!hasOwn.call(value, k)) continue;
    if (k !== 'message' && k !== 'timestamp' && k !== 'level' && k !== 'source' && k !== 'id' && k !== 'attributes') {
      own = false;
      break;
    }
  }
  // Numbers are levels and epochs to convert, aliases and other fields to move: normalizeLogFields owns that.
  const v = own && typeof value.level !== 'number' && typeof value.timestamp !== 'number' ? value : (normalizeLogFields(value) as Record<string, unknown>);
  const { message, source, level, timestamp, id, attributes } = v;
  const { limits } = b;
  if (typeof message !== 'string' || message.length === 0 || HAS_NUL.test(message) || messageTooLarge(message, limits)) return undefined;
  if (source != null && (typeof source !== 'string' || HAS_CONTROL.test(source) || source.length > limits.maxSourceLength)) return undefined;
  let lvl: LogLevel | null = null;
  if (level != null) {
    if (typeof level !== 'string') return undefined;
    const known = normalizeLevel(level);
    if (known === undefined) return undefined;
    lvl = known;
  }
  let ts: string;
  if (timestamp == null) ts = b.receivedIso;
  else if (typeof timestamp === 'string') {
    if (isCanonicalIso(timestamp)) ts = timestamp;
    else {
      const ms = isoTimestampMs(timestamp);
      if (Number.isNaN(ms)) return undefined;
      ts = new Date(ms).toISOString();
    }
  } else if (typeof timestamp === 'number' && isValidEpochMs(timestamp)) ts = isoOfMs(timestamp);
  else return undefined;
  if (id != null && (typeof id !== 'string' || !ID_PATTERN.test(id) || id.length > limits.maxIdLength)) return undefined;
  if (attributes != null && (!isPlainObject(attributes) || attributesProblem(attributes, limits) !== null)) return undefined;
  return newQueuedLog(
    (id as string | null | undefined) ?? b.newId(),
    ts,
    b.receivedAt,
    (source as string | null | undefined) ?? null,
    lvl,
    message,
    (attributes as Record<string, unknown> | null | undefined) ?? undefined,
    b.requestId,
  );
}
