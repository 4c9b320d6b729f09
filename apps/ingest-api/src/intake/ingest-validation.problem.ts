import { FieldError } from '@logad/contracts';
import { HttpProblem } from '@logad/server';
import { RefusalTally, tallyFieldErrors } from './refusal-reason';

/** At least one log of the request is invalid; nothing of the request was enqueued. */
export class IngestValidationProblem extends HttpProblem {
  readonly code = 'ingest:validation-failed';
  readonly statusCode = 400;
  /** The records refused, by reason (for the metric; not sent): given, or read from `details`. */
  readonly refused: RefusalTally;
  constructor(details: FieldError[], refused?: RefusalTally) {
    super(
      `invalid logs, none accepted: ${details
        .slice(0, 5)
        .map((d) => `${d.field}: ${d.message}`)
        .join('; ')}${details.length > 5 ? `; and ${details.length - 5} more` : ''}`,
      details,
    );
    this.refused = refused ?? tallyFieldErrors(details);
  }
}
