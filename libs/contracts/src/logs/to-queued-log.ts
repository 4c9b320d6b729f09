import { LogInput } from './log-input';
import { normalizeLevel } from './log-level';
import { QueuedLog } from './queued-log';

/** Normalises a validated log: level upper-cased, timestamp to ISO-8601, id assigned. */
export function toQueuedLog(log: LogInput, receivedAt: number, newId: () => string, requestId?: string): QueuedLog {
  const ts = log.timestamp;
  return {
    id: log.id ?? newId(),
    timestamp: ts == null ? new Date(receivedAt).toISOString() : new Date(typeof ts === 'number' ? ts : Date.parse(ts)).toISOString(),
    receivedAt,
    source: log.source ?? null,
    level: log.level == null ? null : (normalizeLevel(log.level) ?? null),
    message: log.message,
    ...(log.attributes == null ? {} : { attributes: log.attributes }),
    ...(requestId === undefined ? {} : { requestId }),
  };
}
