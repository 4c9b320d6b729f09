/** Every error code @logad/templates throws, with what it means. */
export const ERROR_CODES = {
  'templates:invalid-option':
    'A TemplateMinerOptions value is out of range or of the wrong type (mask rules and delimiters are checked by @logad/text: text:invalid-mask-rule, text:invalid-option).',
  'templates:invalid-header-format': 'A header format string lacks <Content>, repeats or misnames a field, or is not a valid regular expression.',
  'templates:invalid-state': 'TemplateMiner.fromJSON() was given a corrupt, truncated or unsupported state.',
  'templates:invalid-argument': 'A method argument has the wrong type or shape (non-string message, label arrays of different lengths).',
} as const;

export type TemplatesErrorCode = keyof typeof ERROR_CODES;
