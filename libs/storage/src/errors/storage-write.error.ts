/** The store could not take a write (disk full, permissions…). Transient from the queue's view: retry. */
export class StorageWriteError extends Error {
  readonly code = 'storage:write-failed';
  override readonly name = this.constructor.name;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
