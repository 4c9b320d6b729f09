import { TfidfError } from './tfidf-error';

/** A mask rule is malformed (e.g. its pattern is not a global RegExp). */
export class InvalidMaskRuleError extends TfidfError {
  readonly code = 'tfidf:invalid-mask-rule' as const;
}
