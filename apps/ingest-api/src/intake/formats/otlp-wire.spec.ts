import Long from 'long';
import { ProtoWireError } from './proto-wire-reader';
import { otlpSchema } from './otlp-schema';
import { MAX_ANY_VALUE_DEPTH, decodeOtlpWire } from './otlp-wire';

const { request } = otlpSchema();
const encode = (obj: object) => Buffer.from(request.encode(request.fromObject(obj)).finish());
const tooMany = (n: number) => new Error(`too many: ${n}`);
const decode = (buf: Buffer, max = 1000) => decodeOtlpWire(buf, max, tooMany);
/** The value at a dotted path (`resourceLogs.0.scopeLogs`) of a decoded request. */
const at = (v: unknown, path: string): unknown => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], v);
const FIRST = 'resourceLogs.0.scopeLogs.0.logRecords.0';

/** Fields the decoder skips on purpose: logad does not read them. */
const UNREAD = new Set(['droppedAttributesCount', 'flags', 'schemaUrl', 'instrumentationLibraryLogs']);

/** Either decoder's output, in one plain form: 64-bit words as decimal, bytes as hex, defaults, empty lists and unread fields dropped. */
function plain(v: unknown): unknown {
  if (v == null) return undefined;
  if (ArrayBuffer.isView(v)) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex') || undefined;
  if (Array.isArray(v)) return v.length === 0 ? undefined : v.map(plain);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.low === 'number' && typeof o.high === 'number') {
      const s = ((BigInt(o.high >>> 0) << 32n) | BigInt(o.low >>> 0)).toString();
      return s === '0' ? undefined : s;
    }
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(o)) {
      if (UNREAD.has(k)) continue;
      const p = k === 'intValue' ? String(Long.isLong(o[k]) ? (o[k] as Long).toString() : o[k]) : plain(o[k]);
      if (p !== undefined && !(k !== 'intValue' && (p === 0 || p === '' || p === false))) out[k] = p;
    }
    return out;
  }
  return v;
}

/** What protobufjs decodes from the same bytes, in the plain form. */
const reference = (buf: Buffer) => plain(request.decode(buf));

// bytes helpers for hand-made bodies
const varint = (n: number): Buffer => {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return Buffer.from(out);
};
const field = (tag: number, body: Buffer) => Buffer.concat([varint(tag), varint(body.length), body]);
const recordBody = (rec: Buffer) => field(0x0a, field(0x12, field(0x12, rec))); // request{resource_logs{scope_logs{log_records}}}

const str = (s: string) => ({ stringValue: s });
const SHAPES: Record<string, object> = {
  empty: {},
  'empty resourceLogs and scopeLogs': { resourceLogs: [{}, { scopeLogs: [{}, { logRecords: [] }] }] },
  'an empty record': { resourceLogs: [{ scopeLogs: [{ logRecords: [{}] }] }] },
  'every record field': {
    resourceLogs: [
      {
        resource: { attributes: [{ key: 'service.name', value: str('checkout') }], droppedAttributesCount: 2 },
        schemaUrl: 'https://x',
        scopeLogs: [
          {
            scope: { name: 'lib', version: '1.2' },
            schemaUrl: 'https://y',
            logRecords: [
              {
                timeUnixNano: '1765152000123456789',
                observedTimeUnixNano: '18446744073709551615',
                severityNumber: 17,
                severityText: 'ERROR',
                body: str('hello ünïcode ✓'),
                attributes: [{ key: 'k', value: str('v') }, { key: 'no value' }],
                droppedAttributesCount: 3,
                flags: 1,
                traceId: Buffer.from('0102030405060708090a0b0c0d0e0f10', 'hex'),
                spanId: Buffer.from('0102030405060708', 'hex'),
              },
            ],
          },
        ],
      },
    ],
  },
  'every AnyValue kind': {
    resourceLogs: [
      {
        scopeLogs: [
          {
            logRecords: [
              {
                body: {
                  kvlistValue: {
                    values: [
                      { key: 's', value: str('x') },
                      { key: 'b', value: { boolValue: true } },
                      { key: 'f', value: { boolValue: false } },
                      { key: 'i', value: { intValue: 42 } },
                      { key: 'neg', value: { intValue: -7 } },
                      { key: 'big', value: { intValue: '9223372036854775807' } },
                      { key: 'min', value: { intValue: '-9223372036854775808' } },
                      { key: 'd', value: { doubleValue: 3.25 } },
                      { key: 'nan', value: { doubleValue: NaN } },
                      { key: 'bytes', value: { bytesValue: Buffer.from([0, 1, 255]) } },
                      { key: 'arr', value: { arrayValue: { values: [str('a'), { intValue: 1 }, {}, { arrayValue: {} }] } } },
                      { key: 'kv', value: { kvlistValue: { values: [{ key: 'in', value: { kvlistValue: {} } }] } } },
                      { key: 'emptyAny', value: {} },
                    ],
                  },
                },
              },
            ],
          },
        ],
      },
    ],
  },
  'many resources, scopes and records': {
    resourceLogs: Array.from({ length: 3 }, (_, i) => ({
      resource: { attributes: [{ key: 'service.name', value: str(`svc${i}`) }] },
      scopeLogs: Array.from({ length: 2 }, (_, j) => ({
        scope: { name: `s${j}` },
        logRecords: Array.from({ length: 4 }, (_, k) => ({ body: str(`m${i}${j}${k}`), severityNumber: k + 1, timeUnixNano: String(1e18 + k) })),
      })),
    })),
  },
};

describe('decodeOtlpWire', () => {
  it.each(Object.keys(SHAPES))('decodes what protobufjs encodes as protobufjs decodes it: %s', (name) => {
    const buf = encode(SHAPES[name]);
    expect(plain(decode(buf))).toEqual(reference(buf));
  });

  it('gives the shapes otlp-values reads: times as exact words, int64 as a safe number or a decimal string, bytes as views', () => {
    const buf = encode(SHAPES['every record field']);
    const rec = at(decode(buf), FIRST) as Record<string, unknown>;
    expect(rec.timeUnixNano).toEqual({ low: Number(1765152000123456789n & 0xffffffffn), high: Number(1765152000123456789n >> 32n) });
    expect(rec.traceId).toBeInstanceOf(Uint8Array);
    const kv = at(decode(encode(SHAPES['every AnyValue kind'])), `${FIRST}.body.kvlistValue.values`) as { key: string; value: unknown }[];
    const byKey = Object.fromEntries(kv.map((e) => [e.key, e.value]));
    expect(byKey.i).toEqual({ intValue: 42 });
    expect(byKey.neg).toEqual({ intValue: -7 });
    expect(byKey.big).toEqual({ intValue: '9223372036854775807' });
    expect(byKey.min).toEqual({ intValue: '-9223372036854775808' });
    expect(byKey.emptyAny).toEqual({});
  });

  it('skips unknown fields of every wire type, at every level', () => {
    const unknown = Buffer.concat([
      Buffer.from([0xf8, 0x07, 0x01]), // field 127 varint
      Buffer.from([0xf9, 0x07, 1, 2, 3, 4, 5, 6, 7, 8]), // fixed64
      field(0x3fa, Buffer.from('x')), // field 127 LEN
      Buffer.from([0xfd, 0x07, 1, 2, 3, 4]), // fixed32
      Buffer.from([0xfb, 0x07, 0x08, 0x01, 0xfc, 0x07]), // group
    ]);
    const any = Buffer.concat([unknown, field(0x0a, Buffer.from('v'))]);
    const rec = Buffer.concat([unknown, field(0x2a, any), Buffer.from([0x38, 0x05, 0x45, 1, 0, 0, 0])]); // + dropped count, flags
    const sl = Buffer.concat([unknown, field(0x12, rec), field(0x1a, Buffer.from('schema'))]);
    const rl = Buffer.concat([unknown, field(0x12, sl), field(0x1f42, Buffer.alloc(0))]); // + deprecated instrumentation_library_logs
    const buf = Buffer.concat([unknown, field(0x0a, rl)]);
    expect(decode(buf)).toEqual({ resourceLogs: [{ scopeLogs: [{ logRecords: [{ body: { stringValue: 'v' } }] }] }] });
    expect(plain(decode(buf))).toEqual(reference(buf));
  });

  it('the last of a oneof, or of a repeated message field, wins', () => {
    const any = Buffer.concat([field(0x0a, Buffer.from('first')), Buffer.from([0x10, 0x01])]);
    const rec = Buffer.concat([field(0x2a, field(0x0a, Buffer.from('old'))), field(0x2a, any)]);
    expect(at(decode(recordBody(rec)), `${FIRST}.body`)).toEqual({ boolValue: true });
  });

  it('refuses truncated bodies at every cut', () => {
    const buf = encode(SHAPES['every record field']);
    for (let cut = 1; cut < buf.length; cut++) {
      let threw: unknown;
      try {
        decode(buf.subarray(0, cut));
      } catch (err) {
        threw = err;
      }
      expect(threw).toBeInstanceOf(ProtoWireError);
    }
  });

  it('refuses known fields of the wrong wire type, naming them', () => {
    expect(() => decode(Buffer.from([0x08, 0x01]))).toThrow(/resource_logs \(field 1\) has wire type 0, not 2/);
    expect(() => decode(recordBody(Buffer.from([0x0d, 1, 2, 3, 4])))).toThrow(/time_unix_nano \(field 1\) has wire type 5, not 1/);
    expect(() => decode(recordBody(Buffer.from([0x3d, 1, 2, 3, 4])))).toThrow(/dropped_attributes_count \(field 7\) has wire type 5, not 0/);
    expect(() => decode(recordBody(Buffer.from([0x40, 0x01])))).toThrow(/flags \(field 8\) has wire type 0, not 5/);
    expect(() => decode(recordBody(field(0x2a, Buffer.from([0x0d, 1, 2, 3, 4]))))).toThrow(/string_value \(field 1\) has wire type 5, not 2/);
    expect(() => decode(recordBody(field(0x2a, Buffer.from([0x22, 0x00]))))).toThrow(/double_value \(field 4\) has wire type 2, not 1/);
    expect(() => decode(recordBody(field(0x2a, Buffer.from([0x21, 1, 2, 3]))))).toThrow(ProtoWireError); // a double cut short
  });

  it('refuses strings that are not UTF-8 and keeps a real U+FFFD', () => {
    expect(() => decode(recordBody(field(0x2a, field(0x0a, Buffer.from([0xc3, 0x28])))))).toThrow(/a stringValue is not valid UTF-8/);
    expect(() => decode(recordBody(field(0x1a, Buffer.from([0xff]))))).toThrow(/severity_text is not valid UTF-8/);
    expect(() => decode(recordBody(field(0x32, field(0x0a, Buffer.from([0xed, 0xa0, 0x80])))))).toThrow(/KeyValue key is not valid UTF-8/);
    const ok = encode({ resourceLogs: [{ scopeLogs: [{ scope: { name: 'a \ufffd' }, logRecords: [] }] }] });
    expect(at(decode(ok), 'resourceLogs.0.scopeLogs.0.scope.name')).toBe('a \ufffd');
  });

  it(`bounds AnyValue nesting at ${MAX_ANY_VALUE_DEPTH}: an error, not a stack overflow`, () => {
    const nest = (depth: number) => {
      let v = field(0x0a, Buffer.from('leaf'));
      for (let i = 0; i < depth; i++) v = field(i % 2 ? 0x32 : 0x2a, field(0x0a, i % 2 ? Buffer.concat([field(0x0a, Buffer.from('k')), field(0x12, v)]) : v));
      return recordBody(field(0x2a, v));
    };
    expect(() => decode(nest(MAX_ANY_VALUE_DEPTH - 1))).not.toThrow();
    expect(() => decode(nest(MAX_ANY_VALUE_DEPTH))).toThrow(/nested more than 100 deep/);
    expect(() => decode(nest(3_000))).toThrow(ProtoWireError);
  });

  it('refuses more than max records with the count, before decoding the rest', () => {
    const records = Array.from({ length: 30 }, () => ({}));
    const buf = encode({ resourceLogs: [{ scopeLogs: [{ logRecords: records }] }, { scopeLogs: [{ logRecords: records }] }] });
    expect(() => decode(buf, 60)).not.toThrow();
    expect(() => decode(buf, 59)).toThrow('too many: 60');
    // the records past the limit are not read: a malformed tail is not reached
    const tail = Buffer.concat([buf, Buffer.from([0x0a, 0x7f])]);
    expect(() => decode(tail, 10)).toThrow('too many: 11');
  });
});
