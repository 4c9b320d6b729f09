import { HttpProblem } from '../http/http-problem.error';

/** No key, or a key that is not configured. */
export class MissingOrUnknownKeyProblem extends HttpProblem {
  readonly code = 'auth:unauthorized';
  readonly statusCode = 401;
  constructor(message: string) {
    super(message, undefined, { 'WWW-Authenticate': 'Bearer' });
  }
}

/** A key that was revoked. */
export class RevokedKeyProblem extends HttpProblem {
  readonly code = 'auth:revoked-key';
  readonly statusCode = 403;
  constructor() {
    super('this API key was revoked; ask for a new one');
  }
}

/** The key sent more than its share; retry after the given seconds. */
export class RateLimitedProblem extends HttpProblem {
  readonly code = 'auth:rate-limited';
  readonly statusCode = 429;
  constructor(retryAfterSeconds: number, limit: number, batch?: { size: number; burst: number }) {
    const tooBig = batch && batch.size > batch.burst ? `; a batch of ${batch.size} logs can never pass: send at most ${batch.burst} per request` : '';
    super(`rate limit of ${limit} logs/s for this key exceeded; retry after ${retryAfterSeconds}s${tooBig}`, undefined, {
      'Retry-After': String(retryAfterSeconds),
    });
  }
}

/** The shared rate limit could not be checked (Redis does not answer): refused, never let through unlimited. */
export class RateLimitUnavailableProblem extends HttpProblem {
  readonly code = 'auth:rate-limit-unavailable';
  readonly statusCode = 503;
  constructor(cause: string) {
    super(`the rate limit could not be checked in Redis (${cause}); nothing was accepted; retry later`, undefined, { 'Retry-After': '5' });
  }
}

/** A known key that lacks the scope the route needs (e.g. a shipper's `ingest` key on the query API). */
export class MissingScopeProblem extends HttpProblem {
  readonly code = 'auth:missing-scope';
  readonly statusCode = 403;
  constructor(scope: string) {
    super(`this API key lacks the ${scope} scope this route needs`);
  }
}
