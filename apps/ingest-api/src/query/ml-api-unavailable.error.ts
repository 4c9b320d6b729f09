/** ml-api did not answer a question the query API passes on to it (down, timed out, no model, refused). */
export class MlApiUnavailableError extends Error {
  readonly code = 'query:ml-api-unavailable';
  override readonly name = this.constructor.name;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
