import { HttpProblem } from '@logad/server';

/** The body is not valid UTF-8. */
export class InvalidUtf8Problem extends HttpProblem {
  readonly code = 'ingest:invalid-utf8';
  readonly statusCode = 400;
  constructor() {
    super('the body is not valid UTF-8; nothing was accepted');
  }
}

/** The body is not JSON. */
export class MalformedJsonProblem extends HttpProblem {
  readonly code = 'ingest:malformed-json';
  readonly statusCode = 400;
  constructor(reason: string) {
    super(`the body is not valid JSON: ${reason}; nothing was accepted`);
  }
}

/** The JSON holds a `__proto__` or `constructor.prototype` key, used to poison objects. */
export class ForbiddenKeyProblem extends HttpProblem {
  readonly code = 'ingest:forbidden-key';
  readonly statusCode = 400;
  constructor(where: string) {
    super(`${where} holds a forbidden key (__proto__ or constructor.prototype); nothing was accepted`);
  }
}

/** The body's Content-Encoding is not one logad decodes. */
export class UnsupportedEncodingProblem extends HttpProblem {
  readonly code = 'ingest:unsupported-encoding';
  readonly statusCode = 415;
  constructor(encoding: string) {
    super(`Content-Encoding ${JSON.stringify(encoding)} is not supported; send gzip, deflate or identity`);
  }
}

/** A gzip/deflate body that does not decompress. */
export class BadCompressionProblem extends HttpProblem {
  readonly code = 'ingest:bad-compression';
  readonly statusCode = 400;
  constructor(reason: string) {
    super(`the compressed body does not decode: ${reason}; nothing was accepted`);
  }
}
