/** A query argument is out of range (limit, date, cursor, level…). The caller's fault: answer 400. */
export class StorageInvalidQueryError extends Error {
  readonly code = 'storage:invalid-query';
  override readonly name = this.constructor.name;
  constructor(message: string) {
    super(message);
  }
}
