import { HttpProblem } from '@logad/server';

/** The served model was trained without a session key. */
export class NoSessionModelProblem extends HttpProblem {
  readonly code = 'ml:no-session-model';
  readonly statusCode = 409;
  constructor() {
    super('the served model has no session detector: train with `nx run ml-api:train -- --session-key <regex>`');
  }
}
