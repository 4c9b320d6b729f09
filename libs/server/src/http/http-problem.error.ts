/**
 * Base of the typed errors that apps turn into an HTTP answer: a stable `code`, the status it
 * maps to, optional details, and headers (e.g. Retry-After).
 */
export abstract class HttpProblem extends Error {
  abstract readonly code: string;
  abstract readonly statusCode: number;
  override readonly name = this.constructor.name;
  constructor(
    message: string,
    readonly details?: unknown,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}
