// The query API from the browser: one fetch wrapper that sends the API key (when one is kept)
// and turns every failure into an ApiError with logad's error code, so views can say what broke.

const KEY_ITEM = 'logad.apiKey';

export class ApiError extends Error {
  /**
   * @param {number} status HTTP status, 0 when the server could not be reached
   * @param {string} code logad's stable error code (`storage:query-failed`, `auth:unauthorized`, …)
   * @param {string} message the server's explanation
   */
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** The API key kept in this browser, or null. */
export function storedKey() {
  try {
    return localStorage.getItem(KEY_ITEM);
  } catch {
    return null; // storage disabled: the key lives for this page only
  }
}

let pageKey = null;

export function keepKey(key) {
  pageKey = key;
  try {
    localStorage.setItem(KEY_ITEM, key);
  } catch {
    /* kept for this page only */
  }
}

export function forgetKey() {
  pageKey = null;
  try {
    localStorage.removeItem(KEY_ITEM);
  } catch {
    /* nothing kept */
  }
}

export const currentKey = () => pageKey ?? storedKey();

/** `?a=1&b=x` from the defined, non-empty values of `params`. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Calls the query API; resolves with the JSON answer (undefined for 204), rejects with ApiError. */
export async function api(path, { method = 'GET', body, signal } = {}) {
  const headers = { accept: 'application/json' };
  const key = currentKey();
  if (key) headers['x-api-key'] = key;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal, cache: 'no-store' });
  } catch (err) {
    if (err && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'ingest-api cannot be reached (network error or server down)');
  }
  if (res.status === 204) return undefined;
  const text = await res.text();
  let data;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) throw new ApiError(res.status, (data && data.code) || `http:${res.status}`, (data && data.message) || res.statusText || 'request failed');
  return data;
}
