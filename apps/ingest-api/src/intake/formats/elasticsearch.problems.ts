import { HttpProblem } from '@logad/server';

/** A bulk body Elasticsearch would refuse whole (a malformed action line, too many items): nothing of it was taken. */
export class BulkMalformedProblem extends HttpProblem {
  readonly code = 'elasticsearch:malformed-bulk';
  readonly statusCode = 400;
  constructor(message: string) {
    super(`${message}; nothing was accepted`);
  }
}
