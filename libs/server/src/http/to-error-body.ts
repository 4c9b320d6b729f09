import { HttpException } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { HttpProblem } from './http-problem.error';

export interface ErrorAnswer {
  readonly statusCode: number;
  readonly body: { statusCode: number; error: string; code: string; message: string; details?: unknown };
  readonly headers: Readonly<Record<string, string>>;
  /**
   * Sent instead of `body` when set: the error shape a foreign protocol's clients read (Loki's plain
   * text, Elasticsearch's `{error, status}`, OTLP's `google.rpc.Status` in protobuf or JSON); `body`
   * still names the code for metrics and logs.
   */
  readonly rendered?: { readonly contentType: string; readonly payload: string | Buffer };
}

/** Status and headers for codes raised by libraries, which never throw HTTP errors themselves. */
export type CodeMap = Readonly<Record<string, { status: number; headers?: Record<string, string> }>>;

// Errors from Fastify and Nest themselves (body parsing, limits, routing) carry only a status.
const CODE_BY_STATUS: Record<number, string> = {
  400: 'http:bad-request',
  404: 'http:not-found',
  405: 'http:method-not-allowed',
  413: 'http:body-too-large',
  415: 'http:unsupported-media-type',
};

function codeForStatus(status: number, message: string): string {
  if (status === 400 && /JSON/i.test(message)) return 'http:malformed-json';
  return CODE_BY_STATUS[status] ?? `http:${status}`;
}

/** One shape for every error answer of every app: `{ statusCode, error, code, message, details }`. */
export function toErrorAnswer(err: unknown, codes: CodeMap = {}): ErrorAnswer {
  const answer = (statusCode: number, code: string, message: string, details?: unknown, headers: Record<string, string> = {}): ErrorAnswer => ({
    statusCode,
    body: { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', code, message, ...(details === undefined ? {} : { details }) },
    headers,
  });
  if (err instanceof HttpProblem) return answer(err.statusCode, err.code, err.message, err.details, { ...err.headers });
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && codes[code]) {
    const m = codes[code];
    return answer(m.status, code, (err as Error).message, undefined, m.headers ?? {});
  }
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const res = err.getResponse();
    const message = typeof res === 'string' ? res : ((res as { message?: unknown }).message ?? err.message);
    const msg = Array.isArray(message) ? message.join('; ') : String(message);
    return answer(status, codeForStatus(status, msg), msg, Array.isArray(message) ? message : undefined);
  }
  const fastifyStatus = (err as { statusCode?: unknown } | null)?.statusCode;
  if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
    const message = (err as Error).message;
    return answer(fastifyStatus, codeForStatus(fastifyStatus, message), message);
  }
  return answer(500, 'internal', 'internal error; the failure was logged');
}
