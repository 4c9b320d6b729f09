import { InvalidMaskRuleError } from './errors/invalid-mask-rule.error';
import type { MaskRule } from './mask-rule';

/** Throws unless every rule can be applied with `String.prototype.replace` to all matches. */
export function assertValidMaskRules(rules: readonly MaskRule[], caller: string): void {
  if (!Array.isArray(rules)) throw new InvalidMaskRuleError(`${caller} requires maskRules to be an array`);
  rules.forEach((rule: MaskRule, i: number) => {
    if (rule === null || typeof rule !== 'object') {
      throw new InvalidMaskRuleError(`${caller} requires mask rule ${i} to be an object`);
    }
    if (typeof rule.name !== 'string') {
      throw new InvalidMaskRuleError(`${caller} requires mask rule ${i} to have a string name`);
    }
    if (!(rule.pattern instanceof RegExp) || !rule.pattern.global) {
      throw new InvalidMaskRuleError(`${caller} requires mask rule '${rule.name}' to have a global (g) RegExp pattern`);
    }
    if (typeof rule.replacement !== 'string') {
      throw new InvalidMaskRuleError(`${caller} requires mask rule '${rule.name}' to have a string replacement`);
    }
  });
}
