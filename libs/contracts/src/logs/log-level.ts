/** Severity levels accepted on ingest, in increasing order of severity. */
export const LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'] as const;

export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Other loggers' names for our levels: syslog's (RFC 5424 §6.2.1: emerg, alert, crit, err,
 * warning, notice), npm's as winston has them (http between info and verbose, verbose below it,
 * silly the lowest) and a few long forms.
 */
export const LEVEL_ALIASES: Readonly<Record<string, LogLevel>> = {
  WARNING: 'WARN',
  ERR: 'ERROR',
  CRIT: 'FATAL',
  CRITICAL: 'FATAL',
  EMERG: 'FATAL',
  EMERGENCY: 'FATAL',
  ALERT: 'FATAL',
  PANIC: 'FATAL',
  NOTICE: 'INFO',
  INFORMATION: 'INFO',
  INFORMATIONAL: 'INFO',
  HTTP: 'INFO',
  VERBOSE: 'DEBUG',
  SILLY: 'TRACE',
};

const UPPER: ReadonlyArray<[string, LogLevel]> = [...LOG_LEVELS.map((l): [string, LogLevel] => [l, l]), ...Object.entries(LEVEL_ALIASES)];
/** Upper and lower case (Loki labels, pino-loki, winston send `info`): found without a copy either way. */
const BY_NAME: ReadonlyMap<string, LogLevel> = new Map([...UPPER, ...UPPER.map(([k, l]): [string, LogLevel] => [k.toLowerCase(), l])]);

/**
 * Numeric levels: syslog severities 0–7 (RFC 5424) and pino's 10, 20, … 60. Other numbers
 * (a custom pino level of 35) go to the nearest lower pino level.
 */
const SYSLOG: readonly LogLevel[] = ['FATAL', 'FATAL', 'FATAL', 'ERROR', 'WARN', 'INFO', 'INFO', 'DEBUG'];

/** Upper-cases and checks a level or an alias; `undefined` when it is none of them. */
export function normalizeLevel(value: string): LogLevel | undefined {
  // Shippers nearly always send all upper or all lower case: skip the copy then.
  return BY_NAME.get(value) ?? BY_NAME.get(value.toUpperCase());
}

/** A numeric level (syslog 0–7, pino 10–60); `undefined` for other numbers. */
export function levelOfNumber(n: number): LogLevel | undefined {
  if (!Number.isInteger(n) || n < 0) return undefined;
  if (n <= 7) return SYSLOG[n];
  if (n < 10) return undefined;
  return LOG_LEVELS[Math.min(5, Math.floor(n / 10) - 1)];
}
