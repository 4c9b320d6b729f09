/** A plain object (not null, not an array). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * The head every saved detector state shares: an object (or its JSON) of the expected `format`
 * and `formatVersion`. `fail` throws the caller's typed error; `retry` is advice appended to a
 * version that this build cannot read.
 */
export function stateObject(state: unknown, format: string, formatVersion: number, fail: (what: string) => never, retry = ''): Record<string, unknown> {
  if (typeof state === 'string') {
    try {
      state = JSON.parse(state);
    } catch {
      fail('the string is not JSON');
    }
  }
  if (!isObject(state)) fail('expected an object');
  if (state.format !== format) fail(`format must be '${format}' (got ${JSON.stringify(state.format)})`);
  if (state.formatVersion !== formatVersion)
    fail(`formatVersion ${JSON.stringify(state.formatVersion)} is not supported (this build reads ${formatVersion})${retry}`);
  return state;
}
