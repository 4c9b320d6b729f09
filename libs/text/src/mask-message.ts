import { DEFAULT_MASK_RULES } from './default-mask-rules';
import { InvalidInputError } from './errors';
import { sharedMasker } from './shared-masker';
import type { MaskRule } from './mask-rule';

/**
 * The message with `rules` applied in order (see {@link Masker}): with the defaults, "GET http://10.0.0.1:8080/a"
 * becomes "GET <*>", never "GET http://<*>:<*>/a". Callers masking many lines should build one Masker.
 */
export function maskMessage(message: string, rules: readonly MaskRule[] = DEFAULT_MASK_RULES): string {
  if (typeof message !== 'string') throw new InvalidInputError('maskMessage requires message to be a string');
  return sharedMasker(rules, 'maskMessage').mask(message);
}
