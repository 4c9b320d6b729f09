import { I32, I64, LEN, ProtoWireError, ProtoWireReader, VARINT, wrongWireType } from './proto-wire-reader';

/**
 * An OTLP `ExportLogsServiceRequest` decoded straight from protobuf over {@link ProtoWireReader},
 * into the shape protobufjs gave (camelCase names, what otlp-logs.ts and otlp-values.ts read):
 * fixed64 times as `{ low, high }` (read by nanosToMs as a Long, exact, no BigInt), int64 values
 * as a number when safe else a decimal string, bytes as views into the body, an AnyValue as an
 * object with its one set member (the last one sent wins, as in Go). A field that is absent is
 * left out. Fields logad does not read (schema urls, dropped counts, flags, the deprecated
 * `instrumentation_library_logs`, scope attributes that the pinned 0.38 protos do not define) are
 * skipped like unknown ones; a known field with another wire type is refused.
 */

/** Nesting of AnyValue (array or kvlist in one another) beyond this is refused: no stack overflow. */
export const MAX_ANY_VALUE_DEPTH = 100;

/** A request that is not an ExportLogsServiceRequest: what is wrong, said of the field. */
export class OtlpWireError extends ProtoWireError {}

type Loose = Record<string, unknown>;

const tagOf = (field: number, wire: number) => (field << 3) | wire;

/**
 * Decodes the request; throws `tooMany(n)` as soon as it holds more than `max` log records (so a
 * body of millions of tiny records builds at most `max` of them), a {@link ProtoWireError} when
 * it is malformed.
 */
export function decodeOtlpWire(buf: Buffer, max: number, tooMany: (n: number) => Error): Loose {
  const d = new WireDecoder(new ProtoWireReader(buf), max, tooMany);
  return d.request();
}

class WireDecoder {
  private records = 0;

  constructor(
    private readonly r: ProtoWireReader,
    private readonly max: number,
    private readonly tooMany: (n: number) => Error,
  ) {}

  request(): Loose {
    return { resourceLogs: this.repeatedField1(this.r.len, 'resource_logs', (e) => this.resourceLogs(e)) };
  }

  private resourceLogs(end: number): Loose {
    const [resource, scopeLogs] = this.oneThenRepeated(
      end,
      'resource',
      'scope_logs',
      (e) => this.resource(e),
      (e) => this.scopeLogs(e),
    );
    return resource === undefined ? { scopeLogs } : { resource, scopeLogs };
  }

  private resource(end: number): Loose {
    return { attributes: this.repeatedField1(end, 'resource attributes', (e) => this.keyValue(e, 0)) };
  }

  private scopeLogs(end: number): Loose {
    const [scope, logRecords] = this.oneThenRepeated(
      end,
      'scope',
      'log_records',
      (e) => this.scope(e),
      (e) => {
        if (++this.records > this.max) throw this.tooMany(this.records);
        return this.logRecord(e);
      },
    );
    return scope === undefined ? { logRecords } : { scope, logRecords };
  }

  /** A message of one message field 1 (the last sent wins) and repeated message field 2 (ResourceLogs, ScopeLogs). */
  private oneThenRepeated(
    end: number,
    one: string,
    many: string,
    readOne: (end: number) => Loose,
    readMany: (end: number) => Loose,
  ): [Loose | undefined, Loose[]] {
    const r = this.r;
    let first: Loose | undefined;
    const values: Loose[] = [];
    while (r.pos < end) {
      const tag = r.tag();
      if (tag === tagOf(2, LEN)) values.push(readMany(r.endOf(end)));
      else if (tag === tagOf(1, LEN)) first = readOne(r.endOf(end));
      else if (tag >>> 3 <= 2) throw wrongWireType(tag >>> 3 === 1 ? one : many, tag, LEN);
      else r.skip(tag & 7, end);
    }
    r.close(end);
    return [first, values];
  }

  private scope(end: number): Loose {
    const r = this.r;
    const out: Loose = {};
    while (r.pos < end) {
      const tag = r.tag();
      if (tag === tagOf(1, LEN)) out.name = this.text(end, 'scope name');
      else if (tag === tagOf(2, LEN)) out.version = this.text(end, 'scope version');
      else if (tag >>> 3 <= 2) throw wrongWireType(tag >>> 3 === 1 ? 'scope name' : 'scope version', tag, LEN);
      else r.skip(tag & 7, end);
    }
    r.close(end);
    return out;
  }

  private logRecord(end: number): Loose {
    const r = this.r;
    const out: Loose = {};
    let attributes: Loose[] | undefined;
    while (r.pos < end) {
      const tag = r.tag();
      switch (tag) {
        case tagOf(1, I64):
          out.timeUnixNano = r.fixed64Words(end);
          break;
        case tagOf(11, I64):
          out.observedTimeUnixNano = r.fixed64Words(end);
          break;
        case tagOf(2, VARINT):
          out.severityNumber = r.uint32() | 0;
          break;
        case tagOf(3, LEN):
          out.severityText = this.text(end, 'severity_text');
          break;
        case tagOf(5, LEN):
          out.body = this.anyValue(r.endOf(end), 0);
          break;
        case tagOf(6, LEN):
          (attributes ??= []).push(this.keyValue(r.endOf(end), 0));
          break;
        case tagOf(9, LEN):
          out.traceId = r.bytes(end);
          break;
        case tagOf(10, LEN):
          out.spanId = r.bytes(end);
          break;
        default:
          this.otherRecordField(tag, end);
      }
    }
    r.close(end);
    if (attributes !== undefined) out.attributes = attributes;
    return out;
  }

  /** A LogRecord field logad does not read (dropped_attributes_count, flags) or does not know: skipped, if of its own wire type. */
  private otherRecordField(tag: number, end: number): void {
    const expected = RECORD_WIRE[tag >>> 3];
    if (expected !== undefined && (tag & 7) !== expected) throw wrongWireType(`log record ${RECORD_NAMES[tag >>> 3]}`, tag, expected);
    this.r.skip(tag & 7, end);
  }

  private keyValue(end: number, depth: number): Loose {
    const r = this.r;
    let key = '';
    let value: Loose | undefined;
    while (r.pos < end) {
      const tag = r.tag();
      if (tag === tagOf(1, LEN)) key = this.text(end, 'a KeyValue key');
      else if (tag === tagOf(2, LEN)) value = this.anyValue(r.endOf(end), depth);
      else if (tag >>> 3 <= 2) throw wrongWireType(tag >>> 3 === 1 ? 'KeyValue key' : 'KeyValue value', tag, LEN);
      else r.skip(tag & 7, end);
    }
    r.close(end);
    return value === undefined ? { key } : { key, value };
  }

  private anyValue(end: number, depth: number): Loose {
    if (depth >= MAX_ANY_VALUE_DEPTH) throw new OtlpWireError(`an AnyValue is nested more than ${MAX_ANY_VALUE_DEPTH} deep`);
    const r = this.r;
    let out: Loose | undefined; // each member replaces it whole: no object for an AnyValue until one is read
    while (r.pos < end) {
      const tag = r.tag();
      switch (tag) {
        case tagOf(1, LEN):
          out = { stringValue: this.text(end, 'a stringValue') };
          break;
        case tagOf(2, VARINT):
          out = { boolValue: r.uint32() !== 0 };
          break;
        case tagOf(3, VARINT):
          out = { intValue: this.int64() };
          break;
        case tagOf(4, I64):
          out = { doubleValue: r.double(end) };
          break;
        case tagOf(5, LEN):
          out = { arrayValue: { values: this.arrayValues(r.endOf(end), depth + 1) } };
          break;
        case tagOf(6, LEN):
          out = { kvlistValue: { values: this.kvlistValues(r.endOf(end), depth + 1) } };
          break;
        case tagOf(7, LEN):
          out = { bytesValue: r.bytes(end) };
          break;
        default: {
          const f = tag >>> 3;
          if (f >= 1 && f <= 7) throw wrongWireType(ANY_NAMES[f], tag, ANY_WIRE[f]);
          r.skip(tag & 7, end);
        }
      }
    }
    r.close(end);
    return out ?? {};
  }

  private arrayValues(end: number, depth: number): Loose[] {
    return this.repeatedField1(end, 'arrayValue values', (e) => this.anyValue(e, depth));
  }

  private kvlistValues(end: number, depth: number): Loose[] {
    return this.repeatedField1(end, 'kvlistValue values', (e) => this.keyValue(e, depth));
  }

  /** A message whose only field is repeated message field 1 (ArrayValue, KeyValueList): each read by `read`. */
  private repeatedField1(end: number, what: string, read: (end: number) => Loose): Loose[] {
    const r = this.r;
    const values: Loose[] = [];
    while (r.pos < end) {
      const tag = r.tag();
      if (tag === tagOf(1, LEN)) values.push(read(r.endOf(end)));
      else if (tag >>> 3 === 1) throw wrongWireType(what, tag, LEN);
      else r.skip(tag & 7, end);
    }
    r.close(end);
    return values;
  }

  /** A string field, refused when it is not UTF-8. */
  private text(limit: number, what: string): string {
    const r = this.r;
    const s = r.string(limit);
    if (!r.lastStringWasUtf8(s)) throw new OtlpWireError(`${what} is not valid UTF-8`);
    return s;
  }

  /** int64 as a number when it is a safe integer, else its exact decimal string (what int64Of takes). */
  private int64(): number | string {
    const r = this.r;
    const start = r.pos;
    const approx = r.int64();
    if (Number.isSafeInteger(approx)) return approx;
    let v = 0n;
    for (let i = start, shift = 0n; i < r.pos; i++, shift += 7n) v |= BigInt(r.buf[i] & 0x7f) << shift;
    return BigInt.asIntN(64, v).toString();
  }
}

// LogRecord fields by number: their wire types and names, for the ones not decoded above.
const RECORD_WIRE: Record<number, number> = { 1: I64, 2: VARINT, 3: LEN, 5: LEN, 6: LEN, 7: VARINT, 8: I32, 9: LEN, 10: LEN, 11: I64 };
const RECORD_NAMES: Record<number, string> = {
  1: 'time_unix_nano',
  2: 'severity_number',
  3: 'severity_text',
  5: 'body',
  6: 'attributes',
  7: 'dropped_attributes_count',
  8: 'flags',
  9: 'trace_id',
  10: 'span_id',
  11: 'observed_time_unix_nano',
};
const ANY_WIRE = [0, LEN, VARINT, VARINT, I64, LEN, LEN, LEN];
const ANY_NAMES = ['', 'string_value', 'bool_value', 'int_value', 'double_value', 'array_value', 'kvlist_value', 'bytes_value'];
