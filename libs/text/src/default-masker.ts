import { DEFAULT_MASK_RULES } from './default-mask-rules';
import { Masker } from './masker';

let shared: Masker | null = null;

/** The compiled {@link DEFAULT_MASK_RULES}, built once and shared (a Masker holds no per-call state). */
export function defaultMasker(): Masker {
  shared ??= new Masker(DEFAULT_MASK_RULES, 'defaultMasker');
  return shared;
}
