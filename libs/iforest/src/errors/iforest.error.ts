/** Base of every error @logad/iforest throws, so callers can catch them all with one `instanceof`. */
export abstract class IforestError extends Error {
  abstract readonly code: string;
  override readonly name = this.constructor.name;
}
