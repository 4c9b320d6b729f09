import { FieldError } from '@logad/contracts';

/** The formats whose refused records are counted (`format` of `logad_ingest_refused_records_total`). */
export type IntakeFormat = 'logad' | 'otlp' | 'loki' | 'elasticsearch' | 'syslog';

/** Why a record (or a body, counted once) was refused: a short stable code, the metric's `reason`. */
export type RefusalReason =
  | 'undecodable'
  | 'body_too_large'
  | 'unsupported_media_type'
  | 'too_many_records'
  | 'not_an_object'
  | 'invalid_message'
  | 'message_too_long'
  | 'invalid_source'
  | 'source_too_long'
  | 'invalid_level'
  | 'invalid_timestamp'
  | 'invalid_id'
  | 'id_too_long'
  | 'invalid_attributes'
  | 'attributes_too_large'
  | 'attributes_too_deep'
  | 'invalid_value'
  | 'unsupported_action'
  | 'no_index'
  | 'frame_too_large'
  | 'bad_octet_count'
  | 'truncated_frame'
  | 'frame_timeout'
  | 'invalid_record';

/** Refused records by reason. */
export type RefusalTally = Map<RefusalReason, number>;

export function addRefusal(t: RefusalTally, reason: RefusalReason, n = 1): void {
  if (n > 0) t.set(reason, (t.get(reason) ?? 0) + n);
}

/**
 * The reason of a broken rule, from the field it names (`[3].level`, `message`, `(body)`) and
 * whether it is a size limit ("at most …"). The messages are contracts' LOG_RULES and checkLogLimits;
 * refusal-reason.spec.ts holds each to its code.
 */
export function reasonOfFieldError(e: FieldError): RefusalReason {
  const field = e.field.replace(/^.*[.\]]/, '') || e.field;
  const limit = /at most/.test(e.message);
  switch (field) {
    case 'message':
      return limit ? 'message_too_long' : 'invalid_message';
    case 'source':
      return limit ? 'source_too_long' : 'invalid_source';
    case 'level':
      return 'invalid_level';
    case 'timestamp':
      return 'invalid_timestamp';
    case 'id':
      return limit ? 'id_too_long' : 'invalid_id';
    case 'attributes':
      return /levels deep/.test(e.message) ? 'attributes_too_deep' : limit ? 'attributes_too_large' : 'invalid_attributes';
    case '(body)':
      return limit ? 'too_many_records' : 'not_an_object';
    case '(frame)':
      return 'undecodable';
  }
  return /^\[\d+\]$/.test(e.field) ? 'not_an_object' : 'invalid_record';
}

/** One count per record named in `errors` (by its first error; `[i].…` paths name record i), one for the body's own. */
export function tallyFieldErrors(errors: readonly FieldError[]): RefusalTally {
  const t: RefusalTally = new Map();
  const seen = new Set<string>();
  for (const e of errors) {
    const record = /^\[(\d+)\]/.exec(e.field)?.[1] ?? (e.field === '(body)' ? '(body)' : '');
    if (seen.has(record)) continue;
    seen.add(record);
    addRefusal(t, reasonOfFieldError(e));
  }
  return t;
}

/** Codes of bodies that cannot be read at all (counted once, as `undecodable`). */
const UNDECODABLE = new Set([
  'ingest:malformed-json',
  'http:malformed-json',
  'http:bad-request',
  'ingest:invalid-ndjson',
  'ingest:invalid-utf8',
  'ingest:forbidden-key',
  'ingest:bad-compression',
  'otlp:invalid-request',
  'loki:bad-body',
  'elasticsearch:malformed-bulk',
]);

/**
 * The reason a request refused whole for what it holds is counted under, once; undefined for a
 * refusal that is no verdict on the content (auth, rate limit, back-pressure, 5xx: the client is
 * to retry) or whose records were counted one by one already (`loki:entries-refused`).
 */
export function reasonOfRefusedBody(code: string, status: number): RefusalReason | undefined {
  if (status === 413) return 'body_too_large';
  if (status === 415) return 'unsupported_media_type';
  if (UNDECODABLE.has(code)) return 'undecodable';
  if (code === 'ingest:validation-failed') return 'invalid_record';
  return undefined;
}
