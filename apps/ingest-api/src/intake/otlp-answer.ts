import type { ErrorAnswer } from '@logad/server';
import type { FastifyRequest } from 'fastify';
import { PROTOBUF_TYPES } from '../body/register-body-parsers';
import { OtlpDecoded } from './formats/otlp-logs';
import { otlpSchema } from './formats/otlp-schema';
import { mediaTypeOf } from './intake-route';

/** The OTLP/HTTP logs path, on the main port and on `OTLP_PORT`. */
export const OTLP_LOGS_PATH = '/v1/logs';

type Payload = { contentType: string; data: string | Buffer };

/** Whether the request is protobuf (else its answer is OTLP/JSON, as the spec asks: the request's encoding). */
export function isProtobufRequest(req: FastifyRequest): boolean {
  return PROTOBUF_TYPES.includes(mediaTypeOf(req.headers['content-type']));
}

/** `ExportLogsServiceResponse`, with `partial_success` when records were refused. */
export function exportLogsResponse(d: OtlpDecoded, protobuf: boolean): Payload {
  const partialSuccess =
    d.rejected === 0
      ? undefined
      : { rejectedLogRecords: d.rejected, errorMessage: `${d.rejected} of ${d.rejected + d.logs.length} log records refused: ${d.reasons.join('; ')}` };
  if (!protobuf) {
    // proto3 JSON writes int64 as a string.
    const body = partialSuccess ? { partialSuccess: { ...partialSuccess, rejectedLogRecords: String(d.rejected) } } : {};
    return { contentType: 'application/json', data: JSON.stringify(body) };
  }
  const { response } = otlpSchema();
  return { contentType: 'application/x-protobuf', data: Buffer.from(response.encode(response.fromObject(partialSuccess ? { partialSuccess } : {})).finish()) };
}

// gRPC status codes (google.rpc.Code) for the HTTP statuses we answer.
const GRPC_CODE: Record<number, number> = { 400: 3, 401: 16, 403: 7, 404: 5, 405: 12, 413: 3, 415: 3, 429: 8, 500: 13, 503: 14 };

/**
 * OTLP/HTTP error answers are a `google.rpc.Status` in the request's encoding, not logad's error
 * body (status and Retry-After kept; the message leads with logad's code). Used by
 * {@link explainInProtocol} for the routes whose error format is `otlp`.
 */
export function otlpStatusAnswer(a: ErrorAnswer, req: FastifyRequest): ErrorAnswer {
  const status = { code: GRPC_CODE[a.statusCode] ?? 2, message: `${a.body.code}: ${a.body.message}` };
  if (!isProtobufRequest(req)) return { ...a, rendered: { contentType: 'application/json', payload: JSON.stringify(status) } };
  const s = otlpSchema().status;
  return { ...a, rendered: { contentType: 'application/x-protobuf', payload: Buffer.from(s.encode(s.fromObject(status)).finish()) } };
}
