/** `write` was called before `open` or after `close`. */
export class StorageNotOpenError extends Error {
  readonly code = 'storage:not-open';
  override readonly name = this.constructor.name;
  constructor(message = 'storage is not open: call open() before write()') {
    super(message);
  }
}
