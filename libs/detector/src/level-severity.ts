// Ranks follow syslog (RFC 5424) folded onto the names common logging libraries use, with Android
// logcat's letters (V D I W E F, A = assert); anything unknown is treated as informational so an odd
// level string never reads as an alarm by itself.
const RANKS: ReadonlyMap<string, number> = new Map([
  ['TRACE', 0], ['FINEST', 0], ['FINER', 0], ['VERBOSE', 0], ['V', 0],
  ['DEBUG', 1], ['FINE', 1], ['CONFIG', 1], ['D', 1],
  ['INFO', 2], ['INFORMATION', 2], ['NOTICE', 2], ['I', 2],
  ['WARN', 3], ['WARNING', 3], ['W', 3],
  ['ERROR', 4], ['ERR', 4], ['SEVERE', 4], ['E', 4],
  ['CRITICAL', 5], ['CRIT', 5], ['FATAL', 5], ['ALERT', 5], ['EMERG', 5], ['EMERGENCY', 5], ['PANIC', 5], ['F', 5], ['A', 5],
]);

/** Rank of the most severe levels (FATAL, CRITICAL, EMERG…). */
export const MAX_SEVERITY = 5;

/** Rank of the neutral level, used when a record has no level. */
export const NEUTRAL_SEVERITY = 2;

/** Severity rank of a level name, 0 (trace) .. 5 (fatal/critical); unknown or missing → 2 (info). */
export function levelSeverity(level: string | null | undefined): number {
  if (level === null || level === undefined) return NEUTRAL_SEVERITY;
  return RANKS.get(level.toUpperCase()) ?? NEUTRAL_SEVERITY;
}

/** How many levels a line is above INFO: 0 for INFO, lower levels and a missing level (what the line model reads of a level). */
export function levelsAboveInfo(level: string | null | undefined): number {
  return Math.max(0, levelSeverity(level) - NEUTRAL_SEVERITY);
}
