/** A storage option or `STORAGE_URL` is unusable. */
export class StorageInvalidOptionsError extends Error {
  readonly code = 'storage:invalid-options';
  override readonly name = this.constructor.name;
  constructor(message: string) {
    super(message);
  }
}
