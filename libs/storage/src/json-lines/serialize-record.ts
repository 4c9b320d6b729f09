import { ScoredRecord } from '@logad/contracts';

const ID_FIRST = '{"id":';

/**
 * One record as one JSON line, `id` first (readers find ids without a full parse).
 * JSON.stringify escapes newlines, quotes and control characters, so a message can never break a line.
 *
 * The line is written field by field in the worker's order (what `JSON.stringify` of its records
 * gives, byte for byte), with the low-cardinality strings (source, level, model version, template,
 * kind) escaped once and remembered: that halves the cost of a line. The fields and values are
 * JSON.stringify's; a record built in another key order is stored in this one. A record holding
 * any other field, or a field set to `undefined`, takes the general path (JSON.stringify).
 */
export function serializeRecord(r: ScoredRecord): string {
  const fast = inWorkerOrder(r);
  if (fast !== undefined) return fast;
  const line = JSON.stringify(r);
  if (line.startsWith(ID_FIRST)) return line;
  const { id, ...rest } = r;
  return JSON.stringify({ id, ...rest });
}

/** Fields always present, then optional ones, in the order the worker builds a record. */
const REQUIRED = 11;

function inWorkerOrder(r: ScoredRecord): string | undefined {
  let keys = 0;
  for (const _ in r) keys++;
  let present = REQUIRED;
  if (r.score !== undefined) present++;
  if (r.template !== undefined) present++;
  if (r.template_id !== undefined) present++;
  if (r.kind !== undefined) present++;
  if (r.reason !== undefined) present++;
  if (r.attributes !== undefined) present++;
  if (r.request_id !== undefined) present++;
  if (r.muted !== undefined) present++;
  if (keys !== present || r.id === undefined || r.timestamp === undefined || r.source === undefined || r.level === undefined) return undefined;
  if (r.message === undefined || r.anomaly_score === undefined || r.is_anomaly === undefined || r.prediction === undefined) return undefined;
  if (r.model_version === undefined || r.received_at === undefined || r.stored_at === undefined) return undefined;
  let s = '{"id":' + value(r.id) + ',"timestamp":' + value(r.timestamp) + ',"source":' + known(r.source) + ',"level":' + known(r.level);
  s += ',"message":' + value(r.message) + ',"anomaly_score":' + value(r.anomaly_score) + ',"is_anomaly":' + value(r.is_anomaly);
  s += ',"prediction":' + value(r.prediction);
  if (r.score !== undefined) s += ',"score":' + value(r.score);
  s += ',"model_version":' + known(r.model_version);
  if (r.template !== undefined) s += ',"template":' + known(r.template);
  if (r.template_id !== undefined) s += ',"template_id":' + value(r.template_id);
  if (r.kind !== undefined) s += ',"kind":' + known(r.kind);
  if (r.reason !== undefined) s += ',"reason":' + value(r.reason);
  if (r.attributes !== undefined) s += ',"attributes":' + value(r.attributes);
  if (r.request_id !== undefined) s += ',"request_id":' + value(r.request_id);
  s += ',"received_at":' + value(r.received_at) + ',"stored_at":' + value(r.stored_at);
  // A muted line is its record spread with `muted` added (FeedbackList.apply): last.
  if (r.muted !== undefined) s += ',"muted":' + value(r.muted);
  return s + '}';
}

/** What JSON.stringify escapes in a string: quote, backslash, control characters, surrogates (lone ones). */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A field's value as JSON.stringify writes it inside an object (never undefined here). */
function value(v: unknown): string {
  switch (typeof v) {
    case 'string':
      // Most messages and ids need no escape: quoting them is cheaper than a call to JSON.stringify.
      return NEEDS_ESCAPE.test(v) ? JSON.stringify(v) : '"' + v + '"';
    case 'number':
      return Number.isFinite(v) ? String(v) : 'null';
    case 'boolean':
      return v ? 'true' : 'false';
    default:
      return v === null ? 'null' : JSON.stringify(v);
  }
}

const KNOWN_LIMIT = 4096;
const knownJson = new Map<string, string>();

/** A string of few distinct values (sources, levels, templates), escaped once per value. */
function known(v: unknown): string {
  if (typeof v !== 'string') return value(v);
  let json = knownJson.get(v);
  if (json === undefined) {
    if (knownJson.size >= KNOWN_LIMIT) knownJson.clear();
    json = JSON.stringify(v);
    knownJson.set(v, json);
  }
  return json;
}
