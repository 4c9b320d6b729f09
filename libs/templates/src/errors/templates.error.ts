/** Base of every error @logad/templates throws, so callers can catch them all with one `instanceof`. */
export abstract class TemplatesError extends Error {
  abstract readonly code: string;
  override readonly name = this.constructor.name;
}
