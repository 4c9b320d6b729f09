import { MalformedJsonProblem } from './body.problems';
import { parseJsonText } from './parse-json-text';
import { parseNdjson } from './parse-ndjson';

/**
 * An `application/json` body: one JSON value, or else, when its first line is a JSON object or
 * array on its own, NDJSON. Fluent Bit's `http` output sends `format json_lines` (one record per
 * line) as `application/json` in releases before fluent/fluent-bit#8715 (2024); a body that is
 * one value is never read as NDJSON, and one that is neither keeps its malformed-JSON answer.
 */
export function parseJsonBody(text: string): unknown {
  try {
    return parseJsonText(text, 'the body');
  } catch (err) {
    if (!(err instanceof MalformedJsonProblem) || !firstLineIsValue(text)) throw err;
    return parseNdjson(text);
  }
}

function firstLineIsValue(text: string): boolean {
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).trim();
    if (line) {
      // Only the failure path gets here; the lines are parsed again, securely, by parseNdjson.
      if (end === text.length) return false;
      try {
        const v: unknown = JSON.parse(line);
        return typeof v === 'object' && v !== null;
      } catch {
        return false;
      }
    }
    start = end + 1;
  }
  return false;
}
