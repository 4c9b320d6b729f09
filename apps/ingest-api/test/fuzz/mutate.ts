// A small seeded mutation fuzzer for request bodies: it starts from a valid body and breaks it the
// ways hostile senders do (bit flips, truncation, lying protobuf lengths, deep nesting, huge counts,
// invalid UTF-8), then may lie about the content type or the encoding. Same seed, same cases.
import { compressSync } from 'snappy';
import { deflateSync, gzipSync } from 'node:zlib';

/** mulberry32: a seedable generator, so that a failing case is replayed from its seed. */
export class Rng {
  constructor(private state: number) {}
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** A protobuf varint. Negative numbers are written as int64 two's complement (10 bytes), as a signed length would be. */
export function varint(n: number | bigint): Buffer {
  let v = BigInt.asUintN(64, BigInt(n));
  const out: number[] = [];
  while (v > 0x7fn) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return Buffer.from(out);
}
/** A length-delimited protobuf field. */
export const ld = (field: number, bytes: Buffer | string): Buffer => {
  const b = Buffer.from(bytes);
  return Buffer.concat([varint((field << 3) | 2), varint(b.length), b]);
};
/** A varint protobuf field. */
export const vf = (field: number, n: number): Buffer => Buffer.concat([varint(field << 3), varint(n)]);

interface LengthField {
  /** Where the length varint starts, and its size. */
  readonly at: number;
  readonly size: number;
  readonly length: number;
}

/** The length varints of a protobuf message and of every nested message in it (best effort: a string that happens to parse is taken too). */
export function lengthFields(buf: Buffer, start = 0, end = buf.length, depth = 0): LengthField[] | undefined {
  const out: LengthField[] = [];
  let i = start;
  const readVarint = (): number | undefined => {
    let v = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (i >= end) return undefined;
      const b = buf[i++];
      v += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return v;
    }
    return undefined;
  };
  while (i < end) {
    const tag = readVarint();
    if (tag === undefined || tag >>> 3 === 0) return undefined;
    const wire = tag & 7;
    if (wire === 0) {
      if (readVarint() === undefined) return undefined;
    } else if (wire === 1) i += 8;
    else if (wire === 5) i += 4;
    else if (wire === 2) {
      const at = i;
      const length = readVarint();
      if (length === undefined || i + length > end) return undefined;
      out.push({ at, size: i - at, length });
      if (depth < 16) out.push(...(lengthFields(buf, i, i + length, depth + 1) ?? []));
      i += length;
    } else return undefined;
  }
  return i === end ? out : undefined;
}

const INTERESTING = [0x00, 0xff, 0x7f, 0x80, 0x22, 0x7b, 0x5b, 0x0a, 0x5c, 0x2c, 0x3a];
const BAD_UTF8 = [[0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82]].map((b) => Buffer.from(b));
const LENGTH_LIES = (n: number): (number | bigint)[] => [0, n + 1, n - 1, n * 1000, 2 ** 31 - 1, 2 ** 32 - 1, 2 ** 32, -1, -(2 ** 31), 2n ** 63n];

/** What a route's valid bodies are: protobuf (length lies apply) or text (JSON, NDJSON). */
export type BodyKind = 'protobuf' | 'json';

/** One mutation of a valid body, named for the failure message. */
export function mutate(rng: Rng, body: Buffer, kind: BodyKind, maxBytes: number): { name: string; body: Buffer } {
  const b = Buffer.from(body);
  const at = (extra = 0) => rng.int(b.length + extra);
  const choices: (() => { name: string; body: Buffer })[] = [
    () => {
      const n = 1 + rng.int(8);
      for (let k = 0; k < n && b.length; k++) b[at()] ^= 1 << rng.int(8);
      return { name: `flip ${n} bits`, body: b };
    },
    () => {
      if (b.length) b[at()] = rng.pick(INTERESTING);
      return { name: 'interesting byte', body: b };
    },
    () => ({ name: 'truncate', body: b.subarray(0, at()) }),
    () => {
      const i = at(1);
      const junk = Buffer.from(Array.from({ length: 1 + rng.int(16) }, () => rng.int(256)));
      return { name: 'insert junk', body: Buffer.concat([b.subarray(0, i), junk, b.subarray(i)]) };
    },
    () => {
      const i = at(1);
      return { name: 'invalid UTF-8', body: Buffer.concat([b.subarray(0, i), rng.pick(BAD_UTF8), b.subarray(i)]) };
    },
    () => {
      // Huge counts: one slice repeated until the body nears (or passes) the limit.
      const from = at();
      const slice = b.subarray(from, from + 1 + rng.int(64));
      const times = Math.max(1, Math.floor((maxBytes * (0.5 + rng.next())) / Math.max(1, slice.length)));
      return {
        name: `repeat ${slice.length} bytes ×${times}`,
        body: Buffer.concat([b.subarray(0, from), Buffer.concat(Array(times).fill(slice)), b.subarray(from)]),
      };
    },
    () => {
      const depth = rng.pick([64, 1000, 20_000, 100_000]);
      if (kind === 'protobuf') {
        let v = b;
        for (let k = 0; k < Math.min(depth, 20_000); k++) v = ld(1 + rng.int(3), v);
        return { name: `nested ${Math.min(depth, 20_000)} deep`, body: v };
      }
      const [open, close] = rng.pick([
        ['[', ']'],
        ['{"a":', '}'],
      ]);
      return { name: `nested ${depth} deep`, body: Buffer.concat([Buffer.from(open.repeat(depth)), b, Buffer.from(close.repeat(depth))]) };
    },
  ];
  if (kind === 'protobuf') {
    const fields = lengthFields(b);
    if (fields?.length)
      choices.push(() => {
        const f = rng.pick(fields);
        const lie = rng.pick(LENGTH_LIES(f.length));
        return { name: `length ${f.length} -> ${lie}`, body: Buffer.concat([b.subarray(0, f.at), varint(lie), b.subarray(f.at + f.size)]) };
      });
  }
  return rng.pick(choices)();
}

/** How a case is sent: the body as is, compressed, or with an encoding that lies. */
export interface Wire {
  readonly name: string;
  readonly body: Buffer;
  readonly encoding?: string;
}

/** Bombs and lies about the encoding; `snappyFraming` when the body is a snappy block by protocol (Loki). */
export function encode(rng: Rng, body: Buffer, maxBytes: number, snappyFraming: boolean): Wire {
  const framed = snappyFraming ? (compressSync(body) as Buffer) : body;
  const r = rng.next();
  if (r < 0.6) return { name: 'plain', body: framed };
  if (r < 0.75) return { name: 'gzip', body: gzipSync(framed), encoding: 'gzip' };
  if (r < 0.8) return { name: 'deflate', body: deflateSync(framed), encoding: 'deflate' };
  if (r < 0.85) {
    const z = gzipSync(framed);
    return { name: 'gzip truncated', body: z.subarray(0, rng.int(z.length)), encoding: 'gzip' };
  }
  if (r < 0.88) return { name: 'says gzip, is not', body: framed, encoding: 'gzip' };
  if (r < 0.91) return { name: 'unknown encoding', body: framed, encoding: rng.pick(['br', 'zstd', 'snappy', 'gzip, gzip', '\u00e9']) };
  if (r < 0.94) return { name: 'gzip bomb', body: gzipBomb(maxBytes), encoding: 'gzip' };
  if (r < 0.97) return { name: 'snappy bomb', body: compressSync(Buffer.alloc(maxBytes * 4)) as Buffer };
  // A snappy block whose header declares far more than follows.
  return { name: 'snappy declared-length lie', body: Buffer.concat([varint(rng.pick([maxBytes + 1, 2 ** 31, 2 ** 32 - 1])), body.subarray(0, 64)]) };
}

let bomb: Buffer | undefined;
/** 64× the body limit of zeros, gzipped (about 0.1 % of that on the wire). */
function gzipBomb(maxBytes: number): Buffer {
  return (bomb ??= gzipSync(Buffer.alloc(maxBytes * 64)));
}

/** Content types a hostile sender puts on a body that is not of that type (or none at all). */
export const WRONG_TYPES = [
  undefined,
  'application/json',
  'application/x-ndjson',
  'application/x-protobuf',
  'text/plain',
  'multipart/form-data; boundary=x',
  'application/json; charset=latin1',
  'application/x-www-form-urlencoded',
  'application/vnd.elasticsearch+x-ndjson; compatible-with=8',
  ';;',
];
