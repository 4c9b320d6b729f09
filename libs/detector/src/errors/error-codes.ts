/** Every error code @logad/detector throws, with what it means. */
export const ERROR_CODES = {
  'detector:invalid-model': 'fromJSON() was given a corrupt, truncated, foreign or incompatible model state.',
  'detector:invalid-option': 'A training or session option has a bad type or is out of range.',
  'detector:invalid-input': 'An event, session or metric input is malformed, or a training set is too small.',
} as const;

export type DetectorErrorCode = keyof typeof ERROR_CODES;
