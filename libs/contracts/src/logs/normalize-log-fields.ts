import { LogInput } from './log-input';
import { levelOfNumber } from './log-level';
import { isPlainObject } from './log-rules';

const CANONICAL = new Set(['message', 'source', 'level', 'timestamp', 'id', 'attributes']);

/** Other loggers' names for our fields, first match wins when ours is absent (pino, bunyan, winston, ECS-ish). */
const RENAMES: readonly (readonly [keyof LogInput, readonly string[]])[] = [
  ['message', ['msg']],
  ['source', ['service', 'app']],
  ['timestamp', ['time']],
];

/**
 * Epoch numbers told apart by magnitude: below 1e11 seconds (up to year 5138; ms values that small
 * would be before March 1973), below 1e14 milliseconds, below 1e17 microseconds, else nanoseconds.
 * Returned as integer milliseconds; anything not a finite non-negative number is returned as is
 * (and fails validation).
 */
export function epochToMs(n: number): number {
  if (!Number.isFinite(n) || n < 0) return n;
  if (n < 1e11) return Math.round(n * 1000);
  if (n < 1e14) return Math.round(n);
  if (n < 1e17) return Math.floor(n / 1e3);
  return Math.floor(n / 1e6);
}

/**
 * Our own API, forgiving where it is safe: maps what loggers send onto {@link LogInput} before
 * validation. `msg` → `message`, `service`/`app` → `source`, `time` → `timestamp` (each only when
 * ours is absent), numeric levels (syslog 0–7, pino 10–60) to names, epoch numbers of any unit to
 * ms, and every other field into `attributes` (where `attributes`' own keys win). A value that is
 * not a plain object is returned as is, for validation to refuse.
 */
export function normalizeLogFields(value: unknown): unknown {
  if (!isPlainObject(value)) return value;
  let extra: Record<string, unknown> | undefined;
  const out: Record<string, unknown> = {};
  for (const k in value) {
    if (!Object.prototype.hasOwnProperty.call(value, k)) continue;
    if (CANONICAL.has(k)) out[k] = value[k];
  }
  // Most logs rename nothing: no Set for them.
  let used: Set<string> | undefined;
  for (const [field, names] of RENAMES) {
    if (out[field] != null) continue;
    for (const n of names) {
      if (Object.prototype.hasOwnProperty.call(value, n) && value[n] != null) {
        out[field] = value[n];
        (used ??= new Set()).add(n);
        break;
      }
    }
  }
  for (const k in value) {
    if (!Object.prototype.hasOwnProperty.call(value, k) || CANONICAL.has(k) || used?.has(k)) continue;
    (extra ??= {})[k] = value[k];
  }
  if (typeof out.level === 'number') out.level = levelOfNumber(out.level) ?? String(out.level);
  if (typeof out.timestamp === 'number') out.timestamp = epochToMs(out.timestamp);
  if (extra !== undefined) out.attributes = isPlainObject(out.attributes) ? { ...extra, ...out.attributes } : (out.attributes ?? extra);
  return out;
}
