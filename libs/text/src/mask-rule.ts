/**
 * A masking rule of the text stage: every match of `pattern` (with or without the `g` flag) is replaced by
 * `replacement`. A replacement of the form `<NAME>` (the defaults use `<*>`; custom rules may use typed
 * placeholders such as `<IP>`) marks a variable: the template miner treats a token made of placeholders and
 * punctuation as a parameter slot, and the term tokenizer keeps it as one term. Any other replacement text is
 * constant text.
 */
export interface MaskRule {
  readonly name: string;
  readonly pattern: RegExp;
  readonly replacement: string;
}

/** A mask rule in JSON form, as model states store it: the RegExp as source and flags. */
export interface SerializedMaskRule {
  readonly name: string;
  readonly source: string;
  readonly flags: string;
  readonly replacement: string;
}
