import { HttpProblem } from './http-problem.error';

/** A request body broke the contract; `details` names each field and what is wrong. */
export class ValidationFailedProblem extends HttpProblem {
  readonly code = 'http:validation-failed';
  readonly statusCode = 400;
  constructor(details: ReadonlyArray<{ field: string; message: string }>) {
    super(`invalid request: ${details.map((d) => `${d.field}: ${d.message}`).join('; ')}`, details);
  }
}
