import { LogInput, QueuedLog, isPlainObject, normalizeLogFields } from '@logad/contracts';
import { parseJsonText } from '../../body/parse-json-text';
import { DecodeContext, RequestHeaders } from './decode-context';
import { decodeLokiProto, LokiEntry, LokiStream } from './loki-proto';
import { parseLokiLabels } from './loki-labels';
import { LokiBadBodyProblem } from './loki.problems';
import { RefusalTally, addRefusal, reasonOfFieldError } from '../refusal-reason';
import { checkProtocolRecord, describeErrors } from './protocol-record';
import { uncompressSnappyBlock } from './snappy-block';

/** Label or metadata names that give a log its source, first present wins. */
const SOURCE_LABELS = ['service_name', 'job', 'app'] as const;
/** …and its level: structured metadata first (Loki's own `detected_level` lives there), then labels. */
const LEVEL_LABELS = ['level', 'detected_level', 'severity'] as const;

/** What a Loki push gave: the logs to take, and a line per refused entry (Loki's 400 body). */
export interface LokiPushResult {
  readonly logs: QueuedLog[];
  readonly refused: string[];
  /** The refused entries by reason (for the metric). */
  readonly refusedBy: RefusalTally;
  readonly total: number;
}

/**
 * `POST /loki/api/v1/push`: a protobuf PushRequest in a snappy block (a Buffer, what Promtail,
 * Alloy, Vector and Fluent Bit send) or Loki's JSON (`{"streams":[{"stream":{…},"values":[["<ns>",
 * "line", {metadata}?]]}]}`, already parsed, gzip handled by the body parsers). A body that cannot
 * be read is refused whole; entries that break logad's rules are refused one by one and the rest
 * taken, as Loki does. Labels and structured metadata go to `attributes`.
 */
export function decodeLokiPush(body: unknown, _headers: RequestHeaders, ctx: DecodeContext, maxBodyBytes: number): LokiPushResult {
  const streams = Buffer.isBuffer(body) ? decodeLokiProto(uncompressSnappyBlock(body, maxBodyBytes)) : streamsOfJson(body);
  let total = 0;
  for (const s of streams) total += s.entries.length;
  if (total > ctx.limits.maxBatchSize) throw new LokiBadBodyProblem(`a push holds at most ${ctx.limits.maxBatchSize} entries (MAX_BATCH_SIZE); got ${total}`);
  const logs: QueuedLog[] = [];
  const refused: string[] = [];
  const refusedBy: RefusalTally = new Map();
  const receivedIso = new Date(ctx.receivedAt).toISOString();
  // Clients may send one selector in several streams: each is parsed once per request.
  const selectors = new Map<string, Record<string, string> | string>();
  for (const s of streams) {
    let labels = s.parsed ?? selectors.get(s.labels);
    if (labels === undefined) selectors.set(s.labels, (labels = parseLokiLabels(s.labels)));
    if (typeof labels === 'string') throw new LokiBadBodyProblem(`error parsing labels '${s.labels.slice(0, 200)}': ${labels}`);
    const fromLabels = { source: firstOf(SOURCE_LABELS, labels), level: firstOf(LEVEL_LABELS, labels) };
    for (let i = 0; i < s.entries.length; i++) {
      const e = s.entries[i];
      const structured = structuredLine(e.line);
      let r = checkProtocolRecord(toLogInput(labels, fromLabels, e, structured), ctx, receivedIso);
      // A JSON line whose fields break a limit is still a line Loki would take: take it as text.
      if (!r.ok && structured) r = checkProtocolRecord(toLogInput(labels, fromLabels, e, undefined), ctx, receivedIso);
      if (r.ok) {
        logs.push(r.log);
        continue;
      }
      addRefusal(refusedBy, reasonOfFieldError(r.errors[0]));
      if (refused.length < 100) refused.push(`entry ${i} for stream '${s.labels.slice(0, 200)}': ${describeErrors(r.errors)}`);
      else refused.length === 100 && refused.push('…');
    }
  }
  return { logs, refused, refusedBy, total };
}

/** The first of `names` set (non-empty) in `first`, else for that name in `then`. */
function firstOf(names: readonly string[], first: Record<string, string>, then?: Record<string, string>): string | undefined {
  for (const n of names) {
    const v = first[n] ?? then?.[n];
    if (v !== undefined && v !== '') return v;
  }
  return undefined;
}

function hasKeys(o: Record<string, string>): boolean {
  for (const _ in o) return true;
  return false;
}

/**
 * An entry as logad's log. Source: per name (service_name, job, app) a label, else metadata, else
 * the JSON line's own field; level: per name metadata first, then a label, then the line's field. An entry with no metadata of its own and a
 * text line shares its stream's label object as `attributes` (the common case; nothing changes it).
 */
function toLogInput(
  labels: Record<string, string>,
  fromLabels: { readonly source: string | undefined; readonly level: string | undefined },
  e: LokiEntry,
  structured: Record<string, unknown> | undefined,
): LogInput {
  const metadata = e.metadata !== undefined && hasKeys(e.metadata) ? e.metadata : undefined;
  const attributes = !metadata && !structured ? labels : { ...(structured?.attributes as object | undefined), ...labels, ...metadata };
  const source = (metadata ? firstOf(SOURCE_LABELS, labels, metadata) : fromLabels.source) ?? structured?.source;
  const level = (metadata ? firstOf(LEVEL_LABELS, metadata, labels) : fromLabels.level) ?? structured?.level;
  const log: LogInput = { message: structured ? (structured.message as string) : e.line, timestamp: e.ms, attributes };
  if (typeof source === 'string') log.source = source;
  if (level != null) log.level = level as string;
  return log;
}

/**
 * A line that is a JSON log (pino's, a JSON-logging app's: an object with a string `msg` or
 * `message`) read as one, as Loki's `| json` would at query time: its message is the log's message
 * and its other fields go to `attributes` (labels and metadata win). Any other line is text.
 */
function structuredLine(line: string): Record<string, unknown> | undefined {
  if (line.length < 2 || line[0] !== '{' || line[line.length - 1] !== '}') return undefined;
  let v: unknown;
  try {
    v = parseJsonText(line, 'the line');
  } catch {
    return undefined;
  }
  if (!isPlainObject(v) || (typeof v.msg !== 'string' && typeof v.message !== 'string')) return undefined;
  const n = normalizeLogFields(v) as Record<string, unknown>;
  const { timestamp: _ignored, ...rest } = n;
  return typeof rest.message === 'string' && rest.message !== '' ? rest : undefined;
}

/** Nanoseconds (a decimal string) to epoch ms; 0 (no timestamp) is left for the receive time. */
function nsToMs(ns: string): number | undefined {
  if (ns === '0') return undefined;
  return ns.length > 6 ? Number(ns.slice(0, -6)) : 0;
}

const NS = /^\d{1,19}$/;

/** Loki's JSON push, checked for shape; anything else is a 400 naming where it broke. */
function streamsOfJson(body: unknown): LokiStream[] {
  const streams = (body as { streams?: unknown } | null)?.streams;
  if (typeof body !== 'object' || body === null || Array.isArray(body) || !Array.isArray(streams)) {
    throw new LokiBadBodyProblem('the body must be {"streams":[{"stream":{labels},"values":[["<ns>","line"]]}]}');
  }
  return streams.map((s: unknown, si): LokiStream => {
    const o = s as { stream?: unknown; labels?: unknown; values?: unknown } | null;
    if (typeof o !== 'object' || o === null) throw new LokiBadBodyProblem(`streams[${si}] must be an object`);
    const labels = o.stream ?? {};
    if (typeof labels !== 'object' || labels === null || Array.isArray(labels))
      throw new LokiBadBodyProblem(`streams[${si}].stream must be an object of labels`);
    const parsed: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [k, v] of Object.entries(labels)) {
      if (typeof v !== 'string') throw new LokiBadBodyProblem(`streams[${si}].stream.${k} must be a string`);
      parsed[k] = v;
    }
    const selector = `{${Object.entries(parsed)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(', ')}}`;
    if (!Array.isArray(o.values)) throw new LokiBadBodyProblem(`streams[${si}].values must be an array of [timestamp, line] pairs`);
    const entries = o.values.map((v: unknown, vi) => {
      const where = `streams[${si}].values[${vi}]`;
      if (!Array.isArray(v) || v.length < 2 || v.length > 3)
        throw new LokiBadBodyProblem(`${where} must be ["<unix epoch in nanoseconds>", "<log line>", {metadata}?]`);
      const [ts, line, meta] = v as unknown[];
      const ns = typeof ts === 'number' && Number.isSafeInteger(ts) && ts >= 0 ? String(ts) : ts;
      if (typeof ns !== 'string' || !NS.test(ns)) throw new LokiBadBodyProblem(`${where}[0] must be a unix epoch in nanoseconds, as a string`);
      if (typeof line !== 'string') throw new LokiBadBodyProblem(`${where}[1] must be the log line, a string`);
      let metadata: Record<string, string> | undefined;
      if (meta !== undefined && meta !== null) {
        if (typeof meta !== 'object' || Array.isArray(meta)) throw new LokiBadBodyProblem(`${where}[2] must be an object of structured metadata`);
        metadata = Object.create(null) as Record<string, string>;
        for (const [k, mv] of Object.entries(meta)) {
          if (typeof mv !== 'string') throw new LokiBadBodyProblem(`${where}[2].${k} must be a string`);
          metadata[k] = mv;
        }
      }
      return { ms: nsToMs(ns), line, metadata };
    });
    return { labels: selector, parsed, entries };
  });
}
