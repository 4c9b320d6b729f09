import type { ServerOptions } from 'node:http';

/** Time limits on a request's arrival, against slow senders (headers or body trickled): past them Node answers 408 and closes the connection. */
export interface HttpTimeouts {
  /** Longest the request line and headers may take to arrive (capped at `requestMs`). @defaultValue 10000 (ingest-api) */
  readonly headersMs: number;
  /** Longest the whole request, body included, may take to arrive. @defaultValue 60000 (ingest-api) */
  readonly requestMs: number;
}

/**
 * `http.createServer` options for {@link HttpTimeouts}. Node checks the limits on a timer
 * (`connectionsCheckingInterval`, 30 s by default, which would let a slow sender run 30 s past its
 * limit): here a quarter of the shorter limit, between 50 ms and 1 s.
 */
export function httpServerTimeouts(t: HttpTimeouts): ServerOptions {
  const headersTimeout = Math.min(t.headersMs, t.requestMs);
  return {
    headersTimeout,
    requestTimeout: t.requestMs,
    connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(headersTimeout / 4))),
  };
}
