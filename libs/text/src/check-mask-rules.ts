import { InvalidMaskRuleError } from './errors';
import type { MaskRule } from './mask-rule';

/**
 * The one validation of mask rules: an array of `{ name: string, pattern: RegExp, replacement: string }` whose
 * patterns do not match the empty string (such a rule would write its replacement between every two characters).
 * A pattern without the `g` flag is accepted: a mask rule always replaces every match.
 */
export function checkMaskRules(rules: unknown, caller: string): readonly MaskRule[] {
  if (!Array.isArray(rules)) throw new InvalidMaskRuleError(`${caller} requires maskRules to be an array`);
  rules.forEach((rule: unknown, i: number) => {
    if (rule === null || typeof rule !== 'object') throw new InvalidMaskRuleError(`${caller} requires mask rule ${i} to be an object`);
    const r = rule as Record<string, unknown>;
    if (typeof r.name !== 'string') throw new InvalidMaskRuleError(`${caller} requires mask rule ${i} to have a string name`);
    if (!(r.pattern instanceof RegExp)) throw new InvalidMaskRuleError(`${caller} requires mask rule '${r.name}' to have a RegExp pattern`);
    if (typeof r.replacement !== 'string') throw new InvalidMaskRuleError(`${caller} requires mask rule '${r.name}' to have a string replacement`);
    if (new RegExp(r.pattern.source, r.pattern.flags.replace(/[gy]/g, '')).test('')) {
      throw new InvalidMaskRuleError(`${caller} requires mask rule '${r.name}' not to match the empty string`);
    }
  });
  return rules as readonly MaskRule[];
}
