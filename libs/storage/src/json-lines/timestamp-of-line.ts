const KEY = '"timestamp":"';

/**
 * Epoch ms of the `timestamp` a JSON line seems to hold, without parsing the line, or `undefined`
 * when that cannot be told cheaply (no such key, twice, or an escaped value): the caller then
 * parses the line. Inside JSON strings every `"` is escaped, so the unescaped key can only be a
 * real key; with one occurrence it is the record's own unless the record has no timestamp (and
 * such a record is never listed anyway). `NaN` for a value that does not parse.
 */
export function timestampOfLine(line: string): number | undefined {
  const at = line.indexOf(KEY);
  if (at < 0 || line.indexOf(KEY, at + KEY.length) >= 0) return undefined;
  const start = at + KEY.length;
  const end = line.indexOf('"', start);
  if (end < 0) return undefined;
  const value = line.slice(start, end);
  if (value.includes('\\')) return undefined;
  return Date.parse(value);
}
