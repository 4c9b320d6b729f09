import type { MaskedText } from '@logad/text';
import { InvalidInputError } from './errors/invalid-input.error';

/** One log record as the detector sees it; a bare string is a message without level or source. */
export interface LogEvent {
  readonly message: string;
  readonly level?: string | null;
  readonly source?: string | null;
  /**
   * When it was logged: epoch milliseconds or an ISO 8601 string. Only the session model reads it
   * (overdue follow-ups); events without one are judged on their order alone.
   */
  readonly timestamp?: number | string | null;
  /**
   * The message as the online stage's Masker left it ({@link StreamVerdict.masked}): the line model
   * reuses it instead of masking the message again when its own rules are the same. Must be of `message`.
   */
  readonly masked?: MaskedText | null;
}

/** A record in canonical form: level upper-cased, missing fields as null. */
export interface NormalizedEvent {
  readonly message: string;
  readonly level: string | null;
  readonly source: string | null;
  /** Epoch milliseconds, null when not given. */
  readonly timestamp: number | null;
  /** See {@link LogEvent.masked}. */
  readonly masked?: MaskedText | null;
}

/** Checks and canonicalises one input record; `caller` and `index` name it in errors. */
export function normalizeEvent(e: string | LogEvent, caller: string, index: number): NormalizedEvent {
  if (typeof e === 'string') return { message: e, level: null, source: null, timestamp: null };
  if (e === null || typeof e !== 'object' || typeof e.message !== 'string') {
    throw new InvalidInputError(`${caller} requires every event to be a string or { message: string } (event ${index} is not)`);
  }
  const level = e.level;
  if (level !== undefined && level !== null && typeof level !== 'string') {
    throw new InvalidInputError(`${caller} requires level to be a string or null (event ${index})`);
  }
  const source = e.source;
  if (source !== undefined && source !== null && typeof source !== 'string') {
    throw new InvalidInputError(`${caller} requires source to be a string or null (event ${index})`);
  }
  const lv = level === undefined || level === null || level.trim() === '' ? null : level.trim().toUpperCase();
  const src = source === undefined || source === null || source === '' ? null : source;
  return { message: e.message, level: lv, source: src, timestamp: timestampOf(e.timestamp, caller, index), masked: e.masked ?? null };
}

function timestampOf(t: unknown, caller: string, index: number): number | null {
  if (t === undefined || t === null) return null;
  const ms = typeof t === 'number' ? t : typeof t === 'string' ? Date.parse(t) : NaN;
  if (!Number.isFinite(ms)) throw new InvalidInputError(`${caller} requires timestamp to be epoch milliseconds or an ISO 8601 string (event ${index})`);
  return ms;
}
