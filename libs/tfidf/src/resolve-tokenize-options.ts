import { assertValidMaskRules } from './assert-valid-mask-rules';
import { compileMaskRules, type CompiledMaskRule } from './compile-mask-rules';
import { DEFAULT_MASK_RULES } from './default-mask-rules';
import { InvalidOptionError } from './errors/invalid-option.error';
import type { MaskRule } from './mask-rule';
import type { TokenizeOptions } from './tokenize-options';

/** TokenizeOptions with every default filled in and every value checked. */
export interface ResolvedTokenizeOptions {
  readonly lowercase: boolean;
  readonly mask: boolean;
  readonly maskRules: readonly MaskRule[];
  readonly compiledRules: readonly CompiledMaskRule[];
  readonly minTokenLength: number;
}

const DEFAULTS: ResolvedTokenizeOptions = {
  lowercase: true,
  mask: true,
  maskRules: DEFAULT_MASK_RULES,
  compiledRules: compileMaskRules(DEFAULT_MASK_RULES),
  minTokenLength: 1,
};
const KEYS = new Set(['lowercase', 'mask', 'maskRules', 'minTokenLength']);

export function resolveTokenizeOptions(options: TokenizeOptions | undefined, caller: string): ResolvedTokenizeOptions {
  if (options === undefined) return DEFAULTS;
  if (options === null || typeof options !== 'object') {
    throw new InvalidOptionError(`${caller} requires tokenize options to be an object`);
  }
  for (const key of Object.keys(options)) {
    if (!KEYS.has(key)) throw new InvalidOptionError(`${caller} got an unknown tokenize option '${key}'`);
  }
  const { lowercase = true, mask = true, maskRules = DEFAULT_MASK_RULES, minTokenLength = 1 } = options;
  if (typeof lowercase !== 'boolean') throw new InvalidOptionError(`${caller} requires lowercase to be a boolean`);
  if (typeof mask !== 'boolean') throw new InvalidOptionError(`${caller} requires mask to be a boolean`);
  if (!Number.isInteger(minTokenLength) || minTokenLength < 1) {
    throw new InvalidOptionError(`${caller} requires minTokenLength to be an integer >= 1`);
  }
  if (maskRules !== DEFAULT_MASK_RULES) assertValidMaskRules(maskRules, caller);
  return { lowercase, mask, maskRules, compiledRules: compileMaskRules(maskRules), minTokenLength };
}
