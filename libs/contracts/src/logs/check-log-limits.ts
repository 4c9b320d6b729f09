import { FieldError } from './field-error';
import { LogInput } from './log-input';
import { LogLimits } from './log-limits';

/** Appends an error for each size limit that a structurally valid log breaks. */
export function checkLogLimits(log: LogInput, prefix: string, limits: LogLimits, errors: FieldError[]): void {
  if (messageTooLarge(log.message, limits)) {
    errors.push({ field: `${prefix}message`, message: `message must be at most ${limits.maxMessageBytes} bytes (UTF-8)` });
  }
  if (typeof log.source === 'string' && log.source.length > limits.maxSourceLength) {
    errors.push({ field: `${prefix}source`, message: `source must be at most ${limits.maxSourceLength} characters` });
  }
  if (log.attributes != null) {
    const problem = attributesProblem(log.attributes, limits);
    if (problem !== null) errors.push({ field: `${prefix}attributes`, message: problem });
  }
  if (typeof log.id === 'string' && log.id.length > limits.maxIdLength) {
    errors.push({ field: `${prefix}id`, message: `id must be at most ${limits.maxIdLength} characters` });
  }
}

/** Whether a message is over `maxMessageBytes` in UTF-8. */
export function messageTooLarge(m: string, limits: LogLimits): boolean {
  // Cheap bounds first: UTF-8 needs 1 to 3 bytes per UTF-16 unit.
  return m.length * 3 > limits.maxMessageBytes && (m.length > limits.maxMessageBytes || Buffer.byteLength(m, 'utf8') > limits.maxMessageBytes);
}

// The last attributes object checked and its verdict: a decoder that gives every record of a
// stream the same object (Loki's labels) pays for the depth walk and the JSON once.
let lastAttributes: object | null = null;
let lastLimits: LogLimits | null = null;
let lastProblem: string | null = null;

/** What is wrong with a plain `attributes` object under `limits` (depth, then JSON size), or null. */
export function attributesProblem(attributes: object, limits: LogLimits): string | null {
  if (attributes === lastAttributes && limits === lastLimits) return lastProblem;
  let problem: string | null = null;
  const depth = depthOf(attributes, limits.maxAttributesDepth + 1);
  if (depth > limits.maxAttributesDepth) problem = `attributes must be at most ${limits.maxAttributesDepth} levels deep`;
  else if (Buffer.byteLength(JSON.stringify(attributes), 'utf8') > limits.maxAttributesBytes) problem = `attributes must be at most ${limits.maxAttributesBytes} bytes as JSON`;
  lastAttributes = attributes;
  lastLimits = limits;
  lastProblem = problem;
  return problem;
}

/** Nesting depth of a JSON value, counting stops at `cap` (so a hostile depth costs little). */
function depthOf(v: unknown, cap: number): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[v, 1]];
  while (stack.length > 0) {
    const [node, d] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (d > max) max = d;
    if (max >= cap) return max;
    for (const child of Object.values(node)) stack.push([child, d + 1]);
  }
  return max;
}
