import { isUtf8 } from 'node:buffer';
import { Reader } from 'protobufjs';
import { OtlpInvalidRequestProblem } from './otlp.problems';
import { otlpSchema } from './otlp-schema';

/**
 * proto3 strings must be UTF-8; protobufjs would decode invalid bytes into replacement characters.
 * Decoded straight from the body (no slice, no copy); only a string holding U+FFFD, which is what
 * invalid bytes decode to, has its bytes checked.
 */
class Utf8CheckingReader extends Reader {
  constructor(private readonly body: Buffer) {
    super(body);
  }

  override string(): string {
    const length = this.uint32();
    const start = this.pos;
    const end = start + length;
    if (end > this.len) throw new RangeError(`index out of range: ${start} + ${length} > ${this.len}`);
    this.pos = end;
    const s = this.body.toString('utf8', start, end);
    if (s.includes('\ufffd') && !isUtf8(this.body.subarray(start, end))) throw new OtlpInvalidRequestProblem('a string field is not valid UTF-8');
    return s;
  }
}

const LEN = 2; // wire type of length-delimited fields
const tagOf = (field: number) => (field << 3) | LEN;

/**
 * Counts log records (request.resource_logs[1].scope_logs[2].log_records[2]) from the wire format
 * alone, so that a body of millions of tiny records is refused before protobufjs builds an object
 * for each. Stops counting past `max`. Truncated or overlong lengths throw (protobufjs' RangeError).
 */
export function countOtlpRecords(buf: Uint8Array, max: number): number {
  const r = Reader.create(buf);
  let n = 0;
  const within = (end: number, each: (tag: number) => void) => {
    if (end > r.len) throw new RangeError(`a length runs ${end - r.len} bytes past the end of the body`);
    while (r.pos < end && n <= max) each(r.uint32());
    if (r.pos > end) throw new RangeError('a field runs past the end of its message');
  };
  within(r.len, (tag) => {
    if (tag !== tagOf(1)) return void r.skipType(tag & 7);
    within(r.uint32() + r.pos, (t) => {
      if (t !== tagOf(2)) return void r.skipType(t & 7);
      within(r.uint32() + r.pos, (t2) => {
        if (t2 === tagOf(2)) n++;
        r.skipType(t2 & 7);
      });
    });
  });
  return n;
}

/**
 * An `ExportLogsServiceRequest` in protobuf, decoded; `max` records at most (else `tooMany` is
 * thrown with the count). Anything malformed is an {@link OtlpInvalidRequestProblem}.
 */
export function decodeOtlpProtobuf(buf: Buffer, max: number, tooMany: (n: number) => Error): unknown {
  let n: number;
  try {
    n = countOtlpRecords(buf, max);
  } catch (err) {
    throw new OtlpInvalidRequestProblem(`bad protobuf (${(err as Error).message})`);
  }
  if (n > max) throw tooMany(n);
  try {
    return otlpSchema().request.decode(new Utf8CheckingReader(buf));
  } catch (err) {
    if (err instanceof OtlpInvalidRequestProblem) throw err;
    // A RangeError for lengths past the end, or for nesting deeper than the stack (kvlist in kvlist…).
    throw new OtlpInvalidRequestProblem(`bad protobuf (${(err as Error).message})`);
  }
}
