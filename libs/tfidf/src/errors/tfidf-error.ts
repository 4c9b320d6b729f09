/** Base class of every error this library throws; `code` is stable, `message` is for humans. */
export abstract class TfidfError extends Error {
  abstract readonly code: string;

  constructor(message: string) {
    super(message);
    this.name = this.constructor.name;
  }
}
