/**
 * Epoch ms as a `timestamptz` literal PostgreSQL parses exactly: ISO-8601 in UTC, with years
 * past 9999 unsigned and years up to 0 as `BC` (PostgreSQL has no year 0; ISO's 0000 is 1 BC).
 */
export function pgTimestamp(ms: number): string {
  const iso = new Date(ms).toISOString();
  const m = /^([+-]?\d+)(-.*)$/.exec(iso);
  if (!m) return iso;
  const year = Number(m[1]);
  return year > 0 ? `${String(year).padStart(4, '0')}${m[2]}` : `${String(1 - year).padStart(4, '0')}${m[2]} BC`;
}
