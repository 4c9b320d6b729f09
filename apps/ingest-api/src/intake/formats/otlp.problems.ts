import { HttpProblem } from '@logad/server';

/** An OTLP body that does not decode (bad protobuf, not OTLP/JSON, a string that is not UTF-8); nothing was accepted. */
export class OtlpInvalidRequestProblem extends HttpProblem {
  readonly code = 'otlp:invalid-request';
  readonly statusCode = 400;
  constructor(reason: string) {
    super(`the OTLP request does not decode: ${reason}; nothing was accepted`);
  }
}
