import { LogInput } from './log-input';
import { normalizeLevel } from './log-level';
import { QueuedLog } from './queued-log';

/**
 * Normalises a validated log: level upper-cased, timestamp to ISO-8601 (UTC, ms), id assigned.
 * `receivedIso` is `receivedAt` as ISO-8601, computed once per batch: most logs carry no timestamp
 * of their own, and formatting a date per log was a fifth of ingest's CPU.
 */
export function toQueuedLog(log: LogInput, receivedAt: number, newId: () => string, requestId?: string, receivedIso?: string): QueuedLog {
  const q: { -readonly [K in keyof QueuedLog]: QueuedLog[K] } = {
    id: log.id ?? newId(),
    timestamp: isoOf(log.timestamp, receivedAt, receivedIso),
    receivedAt,
    source: log.source ?? null,
    level: log.level == null ? null : (normalizeLevel(log.level) ?? null),
    message: log.message,
  };
  if (log.attributes != null) q.attributes = log.attributes;
  if (requestId !== undefined) q.requestId = requestId;
  return q;
}

function isoOf(ts: string | number | undefined, receivedAt: number, receivedIso: string | undefined): string {
  if (ts == null) return receivedIso ?? new Date(receivedAt).toISOString();
  return new Date(typeof ts === 'number' ? ts : Date.parse(ts)).toISOString();
}
