import { HttpProblem } from '@logad/server';

/**
 * A Loki push whose body cannot be read (bad JSON shape, protobuf, snappy): nothing of it was taken.
 * 413 when the body would decode past the limit.
 */
export class LokiBadBodyProblem extends HttpProblem {
  readonly code = 'loki:bad-body';
  constructor(
    message: string,
    readonly statusCode: 400 | 413 = 400,
  ) {
    super(`${message}; nothing was accepted`);
  }
}

/** Some entries of a Loki push broke logad's rules: the others were taken, as Loki does. */
export class LokiEntriesRefusedProblem extends HttpProblem {
  readonly code = 'loki:entries-refused';
  readonly statusCode = 400;
  constructor(lines: readonly string[], refused: number, total: number) {
    super(`${lines.join('\n')}\ntotal ignored: ${refused} out of ${total}`, { refused, total });
  }
}
