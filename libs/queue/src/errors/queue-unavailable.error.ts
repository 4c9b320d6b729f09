/** The queue's backend (Redis) did not take the request. Ingest answers 503 with Retry-After. */
export class QueueUnavailableError extends Error {
  readonly code = 'queue:unavailable';
  override readonly name = this.constructor.name;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
