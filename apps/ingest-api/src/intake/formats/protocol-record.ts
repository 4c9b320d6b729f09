import { FieldError, LogInput, QueuedLog, checkLogLimits, normalizeLevel, toQueuedLog, validateLogShape } from '@logad/contracts';
import { DecodeContext } from './decode-context';

/** One record of a foreign protocol (a Loki entry, a bulk document): taken, or refused with reasons. */
export type RecordOutcome = { readonly ok: true; readonly log: QueuedLog } | { readonly ok: false; readonly errors: FieldError[] };

/**
 * Checks one record mapped from a foreign protocol against logad's rules and limits, on its own:
 * Loki and Elasticsearch keep a request's good records when some are bad, and so do we. A level
 * the protocol carries that is not one of ours is dropped (the record keeps it in `attributes`)
 * rather than failing the record: it came from a label or a field, not from the user's choice.
 */
export function checkProtocolRecord(input: LogInput, ctx: DecodeContext, receivedIso: string): RecordOutcome {
  const log =
    input.level != null && (typeof input.level !== 'string' || normalizeLevel(input.level) === undefined)
      ? { ...input, level: undefined, attributes: { level: input.level, ...input.attributes } }
      : input;
  const errors: FieldError[] = [];
  if (validateLogShape(log, '', errors)) checkLogLimits(log, '', ctx.limits, errors);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, log: toQueuedLog(log, ctx.receivedAt, ctx.newId, ctx.requestId, receivedIso) };
}

/** `field: message; …` for an answer to the client. */
export const describeErrors = (errors: readonly FieldError[]): string => errors.map((e) => `${e.field}: ${e.message}`).join('; ');
