import { HttpProblem } from '@logad/server';

/** A content type that Fastify can parse but that this intake route does not take (protobuf sent to logad's JSON route). */
export class UnsupportedMediaTypeProblem extends HttpProblem {
  readonly code = 'http:unsupported-media-type';
  readonly statusCode = 415;
  constructor(sent: string, accepted: readonly string[]) {
    super(`Content-Type ${JSON.stringify(sent)} is not accepted here; send ${accepted.join(' or ')}`, { accepted });
  }
}
