/** Base of every error @logad/detector throws, so callers can catch them all with one `instanceof`. */
export abstract class DetectorError extends Error {
  abstract readonly code: string;
  override readonly name = this.constructor.name;
}
