/** Severity levels accepted on ingest, in increasing order of severity. */
export const LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'] as const;

export type LogLevel = (typeof LOG_LEVELS)[number];

const BY_NAME: ReadonlyMap<string, LogLevel> = new Map(LOG_LEVELS.map((l) => [l, l]));

/** Upper-cases and checks a level; `undefined` when it is not one of {@link LOG_LEVELS}. */
export function normalizeLevel(value: string): LogLevel | undefined {
  // Shippers nearly always send upper case already: skip the copy then.
  return BY_NAME.get(value) ?? BY_NAME.get(value.toUpperCase());
}
