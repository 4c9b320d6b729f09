/** The store could not answer a query (database down, unreadable file). Transient: answer 503. */
export class StorageQueryError extends Error {
  readonly code = 'storage:query-failed';
  override readonly name = this.constructor.name;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
