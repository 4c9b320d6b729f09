import type { Masker } from './masker';

/**
 * A message as one Masker's rules left it: the costliest step of the text stage, done once per
 * event and handed on (see {@link Masker.reuse}) to every later stage that masks with the same rules.
 */
export interface MaskedText {
  readonly masker: Masker;
  /** The masked message. */
  readonly text: string;
}
