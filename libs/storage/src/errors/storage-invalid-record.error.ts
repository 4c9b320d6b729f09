/**
 * A record cannot be stored as given (a timestamp that does not parse, a NUL character that
 * PostgreSQL text cannot hold). Retrying will not help: the batch needs fixing.
 */
export class StorageInvalidRecordError extends Error {
  readonly code = 'storage:invalid-record';
  override readonly name = this.constructor.name;
  constructor(message: string) {
    super(message);
  }
}
