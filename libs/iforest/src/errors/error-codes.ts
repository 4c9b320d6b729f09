/** Every error code @logad/iforest throws, with what it means. */
export const ERROR_CODES = {
  'iforest:not-fitted': 'A method that needs a fitted model was called before fit() or fromJSON().',
  'iforest:too-few-samples': 'fit() needs at least 2 rows, and options must leave at least 2 rows per tree.',
  'iforest:invalid-option': 'An option value is out of range or of the wrong type.',
  'iforest:dimension-mismatch': 'A row width differs from the number of features the model was fitted on.',
  'iforest:non-finite-input': 'The input holds NaN or +/-Infinity.',
  'iforest:invalid-matrix': 'The input is not a well-formed dense, CSR or array-of-rows matrix.',
  'iforest:invalid-state': 'fromJSON() was given a corrupt, truncated or unsupported state.',
  'iforest:invalid-argument': 'A non-matrix argument (row index, topK, sparse row arrays) is out of range.',
} as const;

export type IforestErrorCode = keyof typeof ERROR_CODES;
