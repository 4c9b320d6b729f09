import { RefusalReason } from '../refusal-reason';

/**
 * OTLP values as they arrive, from the protobuf decoder (otlp-wire.ts: `{low, high}` or a decimal string
 * for 64-bit integers, Uint8Array for bytes) or
 * from OTLP/JSON (64-bit integers as strings or numbers, trace and span ids as hex, bytes as
 * base64), turned into plain JSON values. Depth is bounded: hostile nesting costs little.
 */

/** An OTLP value that cannot be taken (too deep, wrong type, forbidden key), with the reason it is counted under. */
export class OtlpValueError extends Error {
  constructor(
    message: string,
    readonly reason: RefusalReason = 'invalid_value',
  ) {
    super(message);
  }
}

type Loose = Record<string, unknown>;

// Not `instanceof Uint8Array`: protobufjs' Buffers may come from another realm (jest's VM contexts).
const isBytes = (v: unknown): v is Uint8Array => ArrayBuffer.isView(v) && (v as Uint8Array).BYTES_PER_ELEMENT === 1;

const has = (o: Loose, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

function isLong(v: unknown): v is { low: number; high: number; unsigned: boolean; toString(): string } {
  return typeof v === 'object' && v !== null && typeof (v as Loose).low === 'number' && typeof (v as Loose).high === 'number';
}

/** A 64-bit integer (Long, decimal string, number) as a JS number when safe, else its decimal string. */
export function int64Of(v: unknown): number | string {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  const s = isLong(v) ? v.toString() : typeof v === 'string' && /^-?\d{1,20}$/.test(v) ? v : undefined;
  if (s === undefined) throw new OtlpValueError(`not a 64-bit integer: ${JSON.stringify(String(v)).slice(0, 40)}`);
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : s;
}

/** Unix nanoseconds (fixed64) as epoch ms; undefined when unset or 0. */
export function nanosToMs(v: unknown): number | undefined {
  if (v == null) return undefined;
  if (isLong(v)) {
    // high·2³² + low nanoseconds, divided by 10⁶ in integers below 2⁵³ (2³² = 4294·10⁶ + 967296): no BigInt per record
    const high = v.high >>> 0;
    const low = v.low >>> 0;
    if (high === 0 && low === 0) return undefined;
    return high * 4294 + Math.floor((high * 967_296 + low) / 1_000_000);
  }
  let ns: bigint;
  if (typeof v === 'string' && /^\d{1,20}$/.test(v)) ns = BigInt(v);
  else if (typeof v === 'number' && Number.isInteger(v) && v >= 0) ns = BigInt(v);
  else throw new OtlpValueError('a time must be unsigned nanoseconds since the epoch', 'invalid_timestamp');
  return ns === 0n ? undefined : Number(ns / 1_000_000n);
}

const HEX = /^[0-9a-fA-F]*$/;

/** A trace or span id (bytes, or hex in JSON) as lower-case hex; undefined when empty. */
export function idOf(v: unknown, bytes: number, name: string): string | undefined {
  // Unset: protobufjs' default (an empty buffer or array) or an absent or empty JSON string.
  if (v == null || (v as { length?: unknown }).length === 0) return undefined;
  let hex: string;
  if (isBytes(v)) hex = Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex');
  else if (typeof v === 'string' && HEX.test(v)) hex = v.toLowerCase();
  else throw new OtlpValueError(`${name} must be ${bytes} bytes (hex in OTLP/JSON)`, 'invalid_id');
  if (hex.length === 0 || /^0+$/.test(hex)) return undefined;
  if (hex.length !== bytes * 2) throw new OtlpValueError(`${name} must be ${bytes} bytes (hex in OTLP/JSON)`, 'invalid_id');
  return hex;
}

/** An AnyValue as a JSON value: kvlists become objects, arrays arrays, bytes base64. */
export function anyValueOf(v: unknown, depthLeft: number): unknown {
  if (v == null) return null;
  if (typeof v !== 'object') throw new OtlpValueError('an AnyValue must be an object');
  const o = v as Loose;
  if (has(o, 'stringValue')) {
    if (typeof o.stringValue !== 'string') throw new OtlpValueError('stringValue must be a string');
    return o.stringValue;
  }
  if (has(o, 'boolValue')) {
    if (typeof o.boolValue !== 'boolean') throw new OtlpValueError('boolValue must be a boolean');
    return o.boolValue;
  }
  if (has(o, 'intValue')) return int64Of(o.intValue);
  if (has(o, 'doubleValue')) {
    const d = o.doubleValue;
    // JSON has no NaN or Infinity: OTLP/JSON sends them as strings, and so are they kept.
    if (typeof d === 'number') return Number.isFinite(d) ? d : String(d);
    if (d === 'NaN' || d === 'Infinity' || d === '-Infinity') return d;
    throw new OtlpValueError('doubleValue must be a number');
  }
  if (has(o, 'bytesValue')) {
    const b = o.bytesValue;
    if (isBytes(b)) return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');
    if (typeof b === 'string') return b;
    throw new OtlpValueError('bytesValue must be bytes (base64 in OTLP/JSON)');
  }
  if (has(o, 'arrayValue') || has(o, 'kvlistValue')) {
    if (depthLeft <= 0) throw new OtlpValueError('a value is nested too deep', 'attributes_too_deep');
    if (has(o, 'arrayValue')) return valuesOf(o.arrayValue).map((e) => anyValueOf(e, depthLeft - 1));
    const out: Record<string, unknown> = {};
    for (const kv of valuesOf(o.kvlistValue)) {
      const [k, val] = keyValueOf(kv);
      out[k] = anyValueOf(val, depthLeft - 1);
    }
    return out;
  }
  return null; // an empty AnyValue
}

/**
 * KeyValues flattened into `out` with dotted keys (`http.request.header`), nested kvlists one
 * level of key per level of nesting, at most `depthLeft` deep; later keys win.
 */
export function flattenInto(out: Record<string, unknown>, prefix: string, kvs: unknown, depthLeft: number): void {
  if (kvs == null) return;
  if (!Array.isArray(kvs)) throw new OtlpValueError('attributes must be a list of KeyValue');
  for (const kv of kvs) {
    const [k, val] = keyValueOf(kv);
    const key = prefix + k;
    const inner = val != null && typeof val === 'object' && has(val as Loose, 'kvlistValue') ? (val as Loose).kvlistValue : undefined;
    if (inner !== undefined) {
      if (depthLeft <= 1) throw new OtlpValueError(`attribute ${JSON.stringify(key).slice(0, 80)} is nested too deep`, 'attributes_too_deep');
      flattenInto(out, `${key}.`, valuesOf(inner), depthLeft - 1);
    } else {
      out[key] = anyValueOf(val, depthLeft - 1);
    }
  }
}

function valuesOf(list: unknown): unknown[] {
  if (list == null) return [];
  const values = (list as Loose).values;
  if (values == null) return [];
  if (!Array.isArray(values)) throw new OtlpValueError('values must be a list');
  return values;
}

function keyValueOf(kv: unknown): [string, unknown] {
  if (kv == null || typeof kv !== 'object') throw new OtlpValueError('a KeyValue must be an object');
  const { key, value } = kv as Loose;
  if (typeof key !== 'string') throw new OtlpValueError('a KeyValue key must be a string');
  // The same rule as logad's JSON: a key that would reach an object's prototype is refused.
  if (key === '__proto__') throw new OtlpValueError('the key __proto__ is forbidden', 'invalid_attributes');
  return [key, value];
}
