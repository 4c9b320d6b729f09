/**
 * Replaces every match of `pattern` (which must carry the `g` flag) with `replacement`.
 * Replacements should look like `<UPPER_CASE>` so that {@link tokenize} keeps them whole.
 */
export interface MaskRule {
  readonly name: string;
  readonly pattern: RegExp;
  readonly replacement: string;
}
