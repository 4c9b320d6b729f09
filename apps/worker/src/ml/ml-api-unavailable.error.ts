/** ml-api did not score a batch (down, timed out, 5xx, no model yet). Transient: the job is retried. */
export class MlApiUnavailableError extends Error {
  readonly code = 'worker:ml-api-unavailable';
  override readonly name = this.constructor.name;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
