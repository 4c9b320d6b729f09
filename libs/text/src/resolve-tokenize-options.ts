import { DEFAULT_MASK_RULES } from './default-mask-rules';
import { defaultMasker } from './default-masker';
import { InvalidOptionError } from './errors';
import type { Masker } from './masker';
import type { MaskRule } from './mask-rule';
import { sharedMasker } from './shared-masker';
import type { TokenizeOptions } from './tokenize-options';

/** TokenizeOptions with every default filled in, every value checked and the rules compiled. */
export interface ResolvedTokenizeOptions {
  readonly lowercase: boolean;
  readonly mask: boolean;
  readonly maskRules: readonly MaskRule[];
  readonly masker: Masker;
  readonly minTokenLength: number;
}

const KEYS = new Set(['lowercase', 'mask', 'maskRules', 'minTokenLength']);
let defaults: ResolvedTokenizeOptions | null = null;

export function resolveTokenizeOptions(options: TokenizeOptions | undefined, caller: string): ResolvedTokenizeOptions {
  if (options === undefined) {
    defaults ??= { lowercase: true, mask: true, maskRules: DEFAULT_MASK_RULES, masker: defaultMasker(), minTokenLength: 1 };
    return defaults;
  }
  if (options === null || typeof options !== 'object') throw new InvalidOptionError(`${caller} requires tokenize options to be an object`);
  for (const key of Object.keys(options)) {
    if (!KEYS.has(key)) throw new InvalidOptionError(`${caller} got an unknown tokenize option '${key}'`);
  }
  const { lowercase = true, mask = true, maskRules = DEFAULT_MASK_RULES, minTokenLength = 1 } = options;
  if (typeof lowercase !== 'boolean') throw new InvalidOptionError(`${caller} requires lowercase to be a boolean`);
  if (typeof mask !== 'boolean') throw new InvalidOptionError(`${caller} requires mask to be a boolean`);
  if (!Number.isInteger(minTokenLength) || minTokenLength < 1) throw new InvalidOptionError(`${caller} requires minTokenLength to be an integer >= 1`);
  const masker = sharedMasker(maskRules, caller);
  return { lowercase, mask, maskRules: masker.rules, masker, minTokenLength };
}
