import { SyslogFields } from './syslog-fields';

/** RFC 5424 §6.2.3 TIMESTAMP (RFC 3339, at most 6 fraction digits; `Z` or a numeric offset). */
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?(Z|[+-]\d\d:\d\d)$/;

/**
 * Reads an RFC 5424 message after its PRI (`s` from `at`):
 * `VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID SP STRUCTURED-DATA [SP MSG]`.
 * `undefined` when the header is not one (no version, a field missing): the caller then reads the
 * message as RFC 3164. Malformed STRUCTURED-DATA is not dropped: from there on it is all MSG, so
 * that nothing the sender wrote is lost.
 */
export function parseRfc5424(s: string, at: number, facility: number, severity: number): SyslogFields | undefined {
  const version = /^[1-9]\d{0,2} /.exec(s.slice(at, at + 4));
  if (!version) return undefined;
  let p = at + version[0].length;
  const fields: string[] = [];
  for (let k = 0; k < 5; k++) {
    const sp = s.indexOf(' ', p);
    if (sp <= p) return undefined; // a field missing, or two spaces
    fields.push(s.slice(p, sp));
    p = sp + 1;
  }
  const [ts, hostname, appName, procId, msgId] = fields.map((f) => (f === '-' ? undefined : f));
  let timestamp: number | undefined;
  if (ts !== undefined) {
    if (!TIMESTAMP.test(ts)) return undefined;
    timestamp = Date.parse(ts);
    if (Number.isNaN(timestamp)) timestamp = undefined;
  }
  let structuredData: SyslogFields['structuredData'];
  if (s[p] === '-') p++;
  else if (s[p] === '[') {
    const sd = readStructuredData(s, p);
    if (sd) {
      structuredData = sd.data;
      p = sd.end;
    }
  }
  let message = s[p] === ' ' ? s.slice(p + 1) : s.slice(p);
  if (message.charCodeAt(0) === 0xfeff) message = message.slice(1); // RFC 5424 §6.4: MSG-UTF8 starts with a BOM
  return { facility, severity, timestamp, hostname, appName, procId, msgId, structuredData, message };
}

/**
 * `1*SD-ELEMENT`, each `"[" SD-ID *(SP PARAM-NAME "=" DQUOTE PARAM-VALUE DQUOTE) "]"`, values with
 * `\"`, `\\` and `\]` escaped (RFC 5424 §6.3.3; any other backslash stays). `undefined` if malformed.
 */
function readStructuredData(s: string, start: number): { data: Record<string, Record<string, string | string[]>>; end: number } | undefined {
  const data: Record<string, Record<string, string | string[]>> = Object.create(null) as Record<string, Record<string, string | string[]>>;
  let p = start;
  while (s[p] === '[') {
    const id = readName(s, p + 1);
    if (!id) return undefined;
    p = id.end;
    const params: Record<string, string | string[]> = data[id.name] ?? (Object.create(null) as Record<string, string | string[]>);
    data[id.name] = params;
    while (s[p] === ' ') {
      const name = readName(s, p + 1);
      if (!name || s[name.end] !== '=' || s[name.end + 1] !== '"') return undefined;
      p = name.end + 2;
      let value = '';
      for (;;) {
        if (p >= s.length) return undefined;
        const c = s[p];
        if (c === '"') break;
        if (c === '\\' && (s[p + 1] === '"' || s[p + 1] === '\\' || s[p + 1] === ']')) {
          value += s[p + 1];
          p += 2;
        } else {
          value += c;
          p++;
        }
      }
      p++;
      const had = params[name.name];
      params[name.name] = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value];
    }
    if (s[p] !== ']') return undefined;
    p++;
  }
  return { data, end: p };
}

/** SD-NAME: 1–32 printable US-ASCII characters except `=`, SP, `]` and `"`. */
function readName(s: string, p: number): { name: string; end: number } | undefined {
  let end = p;
  while (end < s.length && end - p <= 32) {
    const c = s.charCodeAt(end);
    if (c <= 32 || c >= 127 || c === 0x3d || c === 0x5d || c === 0x22) break;
    end++;
  }
  if (end === p || end - p > 32) return undefined;
  return { name: s.slice(p, end), end };
}
