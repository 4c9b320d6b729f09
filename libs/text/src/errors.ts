/** Every error code @logad/text throws, with what it means. */
export const ERROR_CODES = {
  'text:invalid-mask-rule':
    'A mask rule is not { name, pattern: RegExp, replacement } strings, its saved source does not compile, or its pattern matches the empty string.',
  'text:invalid-option': 'A text-stage option is out of range or of the wrong type (tokenize options, extra delimiters).',
  'text:invalid-input': 'A message to mask or tokenise is not a string.',
} as const;

export type TextErrorCode = keyof typeof ERROR_CODES;

/** Base of every error @logad/text throws, so callers can catch them all with one `instanceof`. */
export abstract class TextError extends Error {
  abstract readonly code: TextErrorCode;
  override readonly name = this.constructor.name;
}

/** A mask rule is malformed, or a saved one does not compile. */
export class InvalidMaskRuleError extends TextError {
  override readonly code = 'text:invalid-mask-rule';
}

/** A text-stage option is out of range or of the wrong type. */
export class InvalidOptionError extends TextError {
  override readonly code = 'text:invalid-option';
}

/** A message is not a string. */
export class InvalidInputError extends TextError {
  override readonly code = 'text:invalid-input';
}
