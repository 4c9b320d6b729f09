import { FEEDBACK_VERDICTS, FeedbackVerdict, HAS_NUL, MAX_MUTE_NOTE_LENGTH, MAX_MUTE_TEMPLATE_LENGTH } from '@logad/contracts';
import { StorageInvalidQueryError } from '../errors/storage-invalid-query.error';

/** Checked arguments of `muteTemplate` / `confirmTemplate`. */
export interface MuteParams {
  readonly templateId: number;
  readonly template: string;
  readonly note: string | null;
}

/** A template id: a 32-bit integer, as PostgreSQL's `integer` column and the miner's ids. */
export function templateIdParam(value: unknown, fn: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || Math.abs(value) > 2 ** 31 - 1) {
    throw new StorageInvalidQueryError(`${fn}: templateId must be a 32-bit integer, got ${String(value)}`);
  }
  return value;
}

/**
 * Checks the arguments of `muteTemplate` (or `fn`, another verdict's): a 32-bit template id, a non-empty template of at most
 * MAX_MUTE_TEMPLATE_LENGTH characters, an optional note of at most MAX_MUTE_NOTE_LENGTH; no NUL
 * (PostgreSQL text cannot hold one). A blank note counts as none.
 */
export function muteParams(templateId: unknown, template: unknown, note: unknown, fn = 'muteTemplate'): MuteParams {
  const id = templateIdParam(templateId, fn);
  if (typeof template !== 'string' || template.length === 0 || template.length > MAX_MUTE_TEMPLATE_LENGTH || HAS_NUL.test(template)) {
    throw new StorageInvalidQueryError(`${fn}: template must be a non-empty string of at most ${MAX_MUTE_TEMPLATE_LENGTH} characters without NUL`);
  }
  if (note != null && (typeof note !== 'string' || note.length > MAX_MUTE_NOTE_LENGTH || HAS_NUL.test(note))) {
    throw new StorageInvalidQueryError(`${fn}: note must be a string of at most ${MAX_MUTE_NOTE_LENGTH} characters without NUL`);
  }
  const trimmed = typeof note === 'string' ? note.trim() : '';
  return { templateId: id, template, note: trimmed === '' ? null : trimmed };
}

/** A verdict, `mute` or `confirm`. */
export function verdictParam(value: unknown, fn: string): FeedbackVerdict {
  if (!(FEEDBACK_VERDICTS as readonly unknown[]).includes(value)) {
    throw new StorageInvalidQueryError(`${fn}: verdict must be one of ${FEEDBACK_VERDICTS.join(', ')}, got ${String(value)}`);
  }
  return value as FeedbackVerdict;
}

/** The name a verdict's change is reported under (`muteTemplate`, `unconfirmTemplate`…), as callers know it. */
export const feedbackFn = (verdict: FeedbackVerdict, withdraw = false) => (withdraw ? `un${verdict}Template` : `${verdict}Template`);
