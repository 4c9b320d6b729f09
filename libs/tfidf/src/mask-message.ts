import { applyMaskRules } from './apply-mask-rules';
import { assertValidMaskRules } from './assert-valid-mask-rules';
import { compileMaskRules } from './compile-mask-rules';
import { DEFAULT_MASK_RULES } from './default-mask-rules';
import { InvalidInputError } from './errors/invalid-input.error';
import type { MaskRule } from './mask-rule';

/**
 * Applies the rules in order, each to the output of the previous one, so earlier (more
 * specific) rules win: with the defaults, "10.0.0.1:80" becomes "<IP>", never "<NUM>.<NUM>…".
 */
export function maskMessage(message: string, rules: readonly MaskRule[] = DEFAULT_MASK_RULES): string {
  if (typeof message !== 'string') throw new InvalidInputError('maskMessage requires message to be a string');
  if (rules !== DEFAULT_MASK_RULES) assertValidMaskRules(rules, 'maskMessage');
  return applyMaskRules(message, compileMaskRules(rules));
}
