import { levelSeverity } from '../level-severity';

/** Level names worth reading out of a line (one-letter forms such as `E` are too ambiguous in free text). */
const NAMES = new Set(['TRACE', 'DEBUG', 'INFO', 'NOTICE', 'WARN', 'WARNING', 'ERROR', 'ERR', 'SEVERE', 'CRIT', 'CRITICAL', 'ALERT', 'EMERG', 'FATAL', 'PANIC']);
/** `level=error`, `"level":"warn"`, `severity: ERROR` and the like. */
const KEYED = /\b(?:level|lvl|severity)["']?\s*[=:]\s*["']?([A-Za-z]+)/i;
const HEAD_CHARS = 240;

/**
 * The level a line states about itself, for lines shipped without one: a level name written as
 * logging libraries and servers write it — in capitals (`ERROR`, log4j, BGL), bracketed
 * (`[error]`, nginx, Apache), followed by a colon (`FATAL:`, PostgreSQL) or keyed (`level=warn`,
 * logfmt, JSON). A bare lower-case word is prose ("no error found"), not a level. Only the head of
 * the line is read, where headers put the level. Returns null when the line states none.
 */
export function detectLevel(message: string): string | null {
  const head = message.length > HEAD_CHARS ? message.slice(0, HEAD_CHARS) : message;
  const keyed = KEYED.exec(head);
  if (keyed && NAMES.has(keyed[1].toUpperCase())) return canonical(keyed[1]);
  for (const raw of head.split(/\s+/)) {
    if (raw.length < 3 || raw.length > 11) continue;
    const bracketed = /^[[<(](\w+)[\]>)]:?$/.exec(raw);
    if (bracketed && NAMES.has(bracketed[1].toUpperCase())) return canonical(bracketed[1]);
    const colon = /^(\w+):$/.exec(raw);
    if (colon && NAMES.has(colon[1].toUpperCase())) return canonical(colon[1]);
    if (NAMES.has(raw) ) return canonical(raw);
  }
  return null;
}

function canonical(name: string): string {
  const up = name.toUpperCase();
  // fold onto the names the rest of logad uses, keeping the rank (see levelSeverity)
  if (up === 'WARNING') return 'WARN';
  if (up === 'ERR' || up === 'SEVERE') return 'ERROR';
  if (up === 'CRIT' || up === 'CRITICAL' || up === 'ALERT' || up === 'EMERG' || up === 'PANIC') return 'FATAL';
  if (up === 'NOTICE') return 'INFO';
  return levelSeverity(up) >= 0 ? up : 'INFO';
}
