import { LOG_LEVELS } from './log-level';

/**
 * The one statement of what a valid log is. Both the class-validator DTO (single-log path, docs)
 * and the compiled batch validator are written against these rules; a property test checks that
 * they agree.
 */
export const LOG_RULES = {
  message: 'must be a non-empty string without NUL characters',
  source: 'must be a string without control characters',
  level: `must be one of ${LOG_LEVELS.join(', ')} (any case), an alias (warning, err, crit, emerg, alert, notice, http, verbose, silly) or a syslog (0–7) or pino (10–60) number`,
  timestamp: 'must be an ISO-8601 date-time string or an epoch number (seconds, ms, µs or ns, told apart by magnitude)',
  id: 'must be a non-empty string of letters, digits, and . _ : -',
  attributes: 'must be a JSON object',
} as const;

/** NUL ends strings in too many downstream tools (C libraries, terminals, databases). */
export const HAS_NUL = /\u0000/;

/** C0 controls and DEL: never part of a service name. */
export const HAS_CONTROL = /[\u0000-\u001f\u007f]/;

/** A plain JSON object (not an array, not null). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** ISO-8601 date or date-time, with optional fraction and zone. */
export const ISO_8601 =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/** Client ids become file keys and log fields: keep them to a safe alphabet. */
export const ID_PATTERN = /^[A-Za-z0-9._:-]+$/;

/** Latest instant a JS Date can hold (ms). */
export const MAX_EPOCH_MS = 8.64e15;

export function isValidIsoTimestamp(value: string): boolean {
  return !Number.isNaN(isoTimestampMs(value));
}

/** The epoch ms of an ISO-8601 timestamp that {@link isValidIsoTimestamp} accepts, else NaN: one Date.parse for checking and normalising. */
export function isoTimestampMs(value: string): number {
  return ISO_8601.test(value) ? Date.parse(value) : NaN;
}

export function isValidEpochMs(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= MAX_EPOCH_MS;
}
