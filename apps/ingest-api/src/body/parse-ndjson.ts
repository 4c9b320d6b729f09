import { InvalidNdjsonProblem } from './invalid-ndjson.problem';
import { parseJsonText } from './parse-json-text';

/** One JSON value per line; blank lines (and a trailing newline) are allowed. Lines are numbered from 1. */
export function parseNdjson(body: string): unknown[] {
  const out: unknown[] = [];
  let line = 0;
  let start = 0;
  while (start <= body.length) {
    let end = body.indexOf('\n', start);
    if (end < 0) end = body.length;
    line++;
    const text = body.slice(start, end).trim();
    if (text) out.push(parseJsonText(text, `NDJSON line ${line}`, (reason) => new InvalidNdjsonProblem(line, reason)));
    start = end + 1;
  }
  return out;
}
