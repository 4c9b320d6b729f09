import { HttpProblem } from '@logad/server';

/** A line of an NDJSON body is not a JSON value; the whole request is refused. */
export class InvalidNdjsonProblem extends HttpProblem {
  readonly code = 'ingest:invalid-ndjson';
  readonly statusCode = 400;
  constructor(line: number, reason: string) {
    super(`NDJSON line ${line} is not valid JSON: ${reason}; nothing was accepted`, { line });
  }
}
