/**
 * The session key of a message: the first capture group of `pattern` when it has one, else the
 * whole match; null when the message does not match. A global/sticky pattern is matched from 0.
 */
export function sessionKeyOf(message: string, pattern: RegExp): string | null {
  if (pattern.global || pattern.sticky) pattern.lastIndex = 0;
  const m = pattern.exec(message);
  if (m === null) return null;
  return m.length > 1 && m[1] !== undefined ? m[1] : m[0];
}
