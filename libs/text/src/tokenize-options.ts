import type { MaskRule } from './mask-rule';

/** Options of {@link tokenize} (and of TF-IDF's `'log'` tokenizer). */
export interface TokenizeOptions {
  /**
   * Lowercase word tokens (placeholders such as `<*>` or `<IP>` keep their case).
   * @defaultValue true
   */
  lowercase?: boolean;
  /**
   * Apply the mask rules before splitting.
   * @defaultValue true
   */
  mask?: boolean;
  /**
   * Rules applied in order when `mask` is true.
   * @defaultValue DEFAULT_MASK_RULES
   */
  maskRules?: readonly MaskRule[];
  /**
   * Word tokens shorter than this (in UTF-16 units) are dropped; placeholders are always kept.
   * @defaultValue 1
   */
  minTokenLength?: number;
}
