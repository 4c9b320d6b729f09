/** A model file is missing, corrupt or of an incompatible format; the previous model keeps serving. */
export class InvalidModelFileError extends Error {
  readonly code = 'ml:invalid-model-file';
  override readonly name = this.constructor.name;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
