/** `open` could not reach or prepare the store (database down, migration failed). */
export class StorageOpenError extends Error {
  readonly code = 'storage:open-failed';
  override readonly name = this.constructor.name;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
