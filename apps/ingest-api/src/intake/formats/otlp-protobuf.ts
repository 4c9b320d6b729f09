import { ProtoWireError } from './proto-wire-reader';
import { OtlpInvalidRequestProblem } from './otlp.problems';
import { decodeOtlpWire } from './otlp-wire';

/**
 * An `ExportLogsServiceRequest` in protobuf, decoded; `max` records at most (else `tooMany` is
 * thrown with the count, as soon as record `max + 1` is reached). Anything malformed is an
 * {@link OtlpInvalidRequestProblem} saying what is wrong.
 */
export function decodeOtlpProtobuf(buf: Buffer, max: number, tooMany: (n: number) => Error): unknown {
  try {
    return decodeOtlpWire(buf, max, tooMany);
  } catch (err) {
    if (err instanceof ProtoWireError) throw new OtlpInvalidRequestProblem(`bad protobuf (${err.message})`);
    throw err;
  }
}
