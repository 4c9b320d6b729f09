import { FieldError, LOG_LEVELS, LogLevel, QueuedLog, isPlainObject, normalizeLevel } from '@logad/contracts';
import { IngestValidationProblem } from '../ingest-validation.problem';
import { DecodeContext, RequestHeaders } from './decode-context';
import { OtlpInvalidRequestProblem } from './otlp.problems';
import { checkProtocolRecord } from './protocol-record';
import { decodeOtlpProtobuf } from './otlp-protobuf';
import { RefusalReason, RefusalTally, addRefusal, reasonOfFieldError } from '../refusal-reason';
import { OtlpValueError, anyValueOf, flattenInto, idOf, nanosToMs } from './otlp-values';

/** What an OTLP request brought: the logs to take in, and the records refused (for `partial_success`). */
export interface OtlpDecoded {
  readonly logs: QueuedLog[];
  readonly rejected: number;
  /** Why, for the first few refused records (`resourceLogs[0].scopeLogs[0].logRecords[3]: …`). */
  readonly reasons: string[];
  /** The refused records by reason (for the metric). */
  readonly refused: RefusalTally;
}

type Loose = Record<string, unknown>;

const MAX_REASONS = 5;

/**
 * OTLP/HTTP logs (`POST /v1/logs`): an `ExportLogsServiceRequest` as protobuf (a Buffer) or as
 * OTLP/JSON (already parsed). A body that does not decode, or holds more than `maxBatchSize`
 * records, is refused whole; otherwise each record is mapped on its own and the ones logad cannot
 * hold (no body, over the size limits) are counted as refused while the others are taken.
 * Mapping: resource `service.name` → `source`; `severityNumber` (1–24), else `severityText` →
 * `level`; `body` → `message` (non-strings as JSON); `timeUnixNano`, else `observedTimeUnixNano`
 * → `timestamp`; every other resource, scope and record attribute, flattened with dotted keys,
 * plus `otel.scope.name`/`otel.scope.version`, `trace_id` and `span_id` (hex) → `attributes`
 * (record over scope over resource).
 */
export function decodeOtlpLogs(body: unknown, _headers: RequestHeaders, ctx: DecodeContext): OtlpDecoded {
  const max = ctx.limits.maxBatchSize;
  const tooMany = (n: number) =>
    new IngestValidationProblem([{ field: '(body)', message: `a request holds at most ${max} log records; got ${n > max ? `more than ${max}` : n}` }], new Map([['too_many_records', 1]]));
  const req = Buffer.isBuffer(body) ? decodeOtlpProtobuf(body, max, tooMany) : body;
  if (!isPlainObject(req)) throw new OtlpInvalidRequestProblem('the body must be an ExportLogsServiceRequest object');
  const resources = listOf(req, 'resourceLogs', 'request');
  let total = 0;
  for (const [i, rl] of resources.entries()) {
    for (const [j, sl] of listOf(objectOf(rl, `resourceLogs[${i}]`), 'scopeLogs', `resourceLogs[${i}]`).entries()) {
      total += listOf(objectOf(sl, `resourceLogs[${i}].scopeLogs[${j}]`), 'logRecords', `resourceLogs[${i}].scopeLogs[${j}]`).length;
    }
  }
  if (total > max) throw tooMany(total);

  const out: QueuedLog[] = [];
  const reasons: string[] = [];
  let rejected = 0;
  const refused: RefusalTally = new Map();
  const refuse = (where: string, why: string, reason: RefusalReason, count = 1) => {
    rejected += count;
    addRefusal(refused, reason, count);
    if (reasons.length < MAX_REASONS) reasons.push(`${where}: ${why}`);
  };
  const depth = ctx.limits.maxAttributesDepth;
  const receivedIso = new Date(ctx.receivedAt).toISOString();
  for (const [i, rl] of resources.entries()) {
    const resource = (rl as Loose).resource as Loose | null | undefined;
    // Exporters may send a scopeLogs per record, all of one scope (the OpenTelemetry JS SDK, when
    // each record carries its own scope object): the same resource and scope give the same base,
    // so that it is built, and its limits checked, once.
    let prevScope: string | undefined;
    let base: Record<string, unknown> = {};
    let source: string | null = null;
    for (const [j, sl] of ((rl as Loose).scopeLogs as unknown[]).entries()) {
      const records = (sl as Loose).logRecords as unknown[];
      const where = `resourceLogs[${i}].scopeLogs[${j}]`;
      const scopeKey = plainScopeKey((sl as Loose).scope);
      if (scopeKey !== undefined && scopeKey === prevScope) {
        for (const [k, rec] of records.entries()) {
          const r = toLog(rec, base, source, ctx, receivedIso);
          if ('why' in r) refuse(`${where}.logRecords[${k}]`, r.why, r.reason);
          else out.push(r);
        }
        continue;
      }
      prevScope = undefined;
      source = null;
      try {
        base = {};
        if (resource != null) flattenInto(base, '', objectOf(resource, `resourceLogs[${i}].resource`).attributes, depth);
        if (typeof base['service.name'] === 'string') source = base['service.name'];
        delete base['service.name'];
        const scope = (sl as Loose).scope as Loose | null | undefined;
        if (scope != null) {
          if (typeof scope.name === 'string' && scope.name !== '') base['otel.scope.name'] = scope.name;
          if (typeof scope.version === 'string' && scope.version !== '') base['otel.scope.version'] = scope.version;
          flattenInto(base, '', scope.attributes, depth);
        }
      } catch (err) {
        if (!(err instanceof OtlpValueError)) throw err;
        refuse(where, `its resource or scope: ${err.message}`, err.reason, records.length);
        continue;
      }
      prevScope = scopeKey;
      for (const [k, rec] of records.entries()) {
        const r = toLog(rec, base, source, ctx, receivedIso);
        if ('why' in r) refuse(`${where}.logRecords[${k}]`, r.why, r.reason);
        else out.push(r);
      }
    }
  }
  if (rejected > 0 && out.length === 0) {
    throw new IngestValidationProblem(
      reasons.map((r) => ({ field: r.slice(0, r.indexOf(': ')), message: r.slice(r.indexOf(': ') + 2) })),
      refused,
    );
  }
  return { logs: out, rejected, reasons, refused };
}

type Refused = { readonly why: string; readonly reason: RefusalReason };

/** One record as a log, or why it cannot be one. */
function toLog(rec: unknown, base: Record<string, unknown>, source: string | null, ctx: DecodeContext, receivedIso: string): QueuedLog | Refused {
  if (!isPlainObject(rec)) return { why: 'a log record must be an object', reason: 'not_an_object' };
  const r = rec as Loose;
  try {
    const message = messageOf(r.body, ctx.limits.maxAttributesDepth);
    if (message === '') return { why: 'the record has no body (logad needs a message)', reason: 'invalid_message' };
    const traceId = idOf(r.traceId, 16, 'traceId');
    const spanId = idOf(r.spanId, 8, 'spanId');
    const own = r.attributes != null && (r.attributes as { length?: number }).length !== 0;
    // A record with nothing of its own shares its scope's attributes object (nothing changes it),
    // so that the limits are checked once per scope rather than once per record.
    let attributes = base;
    if (own || traceId !== undefined || spanId !== undefined) {
      attributes = { ...base };
      flattenInto(attributes, '', r.attributes, ctx.limits.maxAttributesDepth);
      if (traceId !== undefined) attributes.trace_id = traceId;
      if (spanId !== undefined) attributes.span_id = spanId;
    }
    const timestamp = nanosToMs(r.timeUnixNano) ?? nanosToMs(r.observedTimeUnixNano);
    const hasAttributes = hasKeys(attributes);
    // The same rules and limits as every other protocol's records (checkProtocolRecord), named in OTLP's terms.
    const level = levelOf(r.severityNumber, r.severityText);
    const outcome = checkProtocolRecord(
      { message, source: source ?? undefined, level: level ?? undefined, timestamp, attributes: hasAttributes ? attributes : undefined },
      ctx,
      receivedIso,
    );
    return outcome.ok ? outcome.log : { why: outcome.errors.map(inOtlpTerms).join('; '), reason: reasonOfFieldError(outcome.errors[0]) };
  } catch (err) {
    if (err instanceof OtlpValueError) return { why: err.message, reason: err.reason };
    throw err;
  }
}

/** A scope without attributes, as a key (name and version); undefined for one with attributes (not compared). */
function plainScopeKey(scope: unknown): string | undefined {
  if (scope == null) return '';
  if (typeof scope !== 'object') return undefined;
  const s = scope as Loose;
  const attrs = s.attributes as { length?: number } | null | undefined;
  if (attrs != null && attrs.length !== 0) return undefined;
  return `${typeof s.name === 'string' ? s.name : ''}\u0000${typeof s.version === 'string' ? s.version : ''}`;
}

function hasKeys(o: object): boolean {
  for (const _ in o) return true;
  return false;
}

/** A broken rule of a mapped record, said of the OTLP field it came from. */
function inOtlpTerms(e: FieldError): string {
  if (e.field === 'timestamp') return 'timeUnixNano is past the latest date logad can hold';
  if (e.field === 'source') return e.message.replace(/^source/, 'service.name');
  return e.message.replace(/^message/, 'the body');
}

/** The body: a string as is, any other AnyValue as JSON, none as ''. */
function messageOf(body: unknown, depth: number): string {
  if (body == null) return '';
  const v = anyValueOf(body, depth);
  if (typeof v === 'string') return v;
  return v === null ? '' : JSON.stringify(v);
}

/** OTLP severity numbers in ranges of four (TRACE 1–4 … FATAL 21–24, the data model's table); else the text (`INFO`, `warn`, `INFO2`). */
export function levelOf(num: unknown, text: unknown): LogLevel | null {
  if (typeof num === 'number' && Number.isInteger(num) && num >= 1 && num <= 24) return LOG_LEVELS[Math.floor((num - 1) / 4)];
  if (typeof text === 'string' && text !== '') return normalizeLevel(text) ?? normalizeLevel(text.replace(/[1-4]$/, '')) ?? null;
  return null;
}

function objectOf(v: unknown, where: string): Loose {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new OtlpInvalidRequestProblem(`${where} must be an object`);
  return v as Loose;
}

function listOf(o: Loose, key: string, where: string): unknown[] {
  const v = o[key];
  if (v == null) return (o[key] = []); // absent: none (set, so that the mapping loop reads a list)
  if (!Array.isArray(v)) throw new OtlpInvalidRequestProblem(`${where}.${key} must be a list`);
  return v;
}
