/**
 * A masking rule, applied to the message content before tokenisation and tree search.
 * Every match of `pattern` is replaced by `replacement`. A replacement of the form `<NAME>` (normally `<*>`,
 * or a typed token such as `<IP>`) marks a variable: a token made only of such placeholders and punctuation is a
 * parameter slot of the template. Any other replacement text is treated as constant text.
 */
export interface MaskRule {
  readonly name: string;
  readonly pattern: RegExp;
  readonly replacement: string;
}
