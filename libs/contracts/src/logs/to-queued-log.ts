import { LogInput } from './log-input';
import { LogLevel, normalizeLevel } from './log-level';
import { QueuedLog } from './queued-log';

/**
 * Normalises a validated log: level upper-cased, timestamp to ISO-8601 (UTC, ms), id assigned.
 * `receivedIso` is `receivedAt` as ISO-8601, computed once per batch: most logs carry no timestamp
 * of their own, and formatting a date per log was a fifth of ingest's CPU.
 */
export function toQueuedLog(log: LogInput, receivedAt: number, newId: () => string, requestId?: string, receivedIso?: string): QueuedLog {
  return newQueuedLog(
    log.id ?? newId(),
    isoOf(log.timestamp, receivedAt, receivedIso),
    receivedAt,
    log.source ?? null,
    log.level == null ? null : (normalizeLevel(log.level) ?? null),
    log.message,
    log.attributes ?? undefined,
    requestId,
  );
}

/**
 * A queued log with `attributes` and `requestId` only when given, each shape written as one
 * literal: adding them afterwards gave every log a second, out-of-object property store to collect.
 */
export function newQueuedLog(
  id: string,
  timestamp: string,
  receivedAt: number,
  source: string | null,
  level: LogLevel | null,
  message: string,
  attributes: Record<string, unknown> | undefined,
  requestId: string | undefined,
): QueuedLog {
  if (attributes === undefined) {
    return requestId === undefined ? { id, timestamp, receivedAt, source, level, message } : { id, timestamp, receivedAt, source, level, message, requestId };
  }
  return requestId === undefined
    ? { id, timestamp, receivedAt, source, level, message, attributes }
    : { id, timestamp, receivedAt, source, level, message, attributes, requestId };
}

function isoOf(ts: string | number | undefined, receivedAt: number, receivedIso: string | undefined): string {
  if (ts == null) return receivedIso ?? new Date(receivedAt).toISOString();
  if (typeof ts === 'string') return isCanonicalIso(ts) ? ts : new Date(Date.parse(ts)).toISOString();
  return isoOfMs(ts);
}

/**
 * `YYYY-MM-DDTHH:mm:ss.sssZ` already, as toISOString writes it, with every field in range (V8's
 * Date.parse rolls `02-30` or `24:00` over to the next day; those go the slow way and come out
 * rolled over, as before): kept as it is. Most shippers send exactly this, and re-formatting it
 * cost more than the rest of the normalisation.
 */
export function isCanonicalIso(s: string): boolean {
  if (s.length !== 24 || s.charCodeAt(23) !== 90 /* Z */ || s.charCodeAt(10) !== 84 /* T */) return false;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const ok = s[4] === '-' && s[7] === '-' && s[13] === ':' && s[16] === ':' && s[19] === '.' && digits(s, 20, 3) >= 0;
  return ok && year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month) && inRange(digits(s, 11, 2), 23) && inRange(digits(s, 14, 2), 59) && inRange(digits(s, 17, 2), 59);
}

/** The decimal number of `n` digits at `at`, or -1 when one is not a digit. */
function digits(s: string, at: number, n: number): number {
  let v = 0;
  for (let k = at; k < at + n; k++) {
    const c = s.charCodeAt(k) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

const inRange = (v: number, max: number) => v >= 0 && v <= max;

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

let dayStart = NaN;
let dayPrefix = '';
let secondStart = NaN;
let secondPrefix = '';
/** `000Z` … `999Z`. */
const MILLIS: readonly string[] = Array.from({ length: 1000 }, (_, i) => `${String(i).padStart(3, '0')}Z`);

/**
 * toISOString of an epoch-ms time, the date part cached per UTC day (a batch's logs share one or
 * two days) and all but the ms per second (a push's entries come many to a second).
 */
export function isoOfMs(ms: number): string {
  const day = Math.floor(Math.trunc(ms) / 86_400_000) * 86_400_000;
  if (day !== dayStart) {
    const iso = new Date(ms).toISOString();
    // years outside 0000–9999 are written ±YYYYYY: leave those to toISOString
    if (iso.length !== 24) return iso;
    dayStart = day;
    dayPrefix = iso.slice(0, 11);
  }
  let t = Math.trunc(ms) - day;
  const milli = t % 1000;
  const second = day + t - milli;
  if (second === secondStart) return secondPrefix + MILLIS[milli];
  t = (t - milli) / 1000;
  const sec = t % 60;
  t = (t - sec) / 60;
  const min = t % 60;
  const hour = (t - min) / 60;
  secondStart = second;
  secondPrefix = `${dayPrefix}${hour < 10 ? '0' : ''}${hour}:${min < 10 ? '0' : ''}${min}:${sec < 10 ? '0' : ''}${sec}.`;
  return secondPrefix + MILLIS[milli];
}
