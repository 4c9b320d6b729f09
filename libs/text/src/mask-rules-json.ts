import { checkMaskRules } from './check-mask-rules';
import { InvalidMaskRuleError } from './errors';
import type { MaskRule, SerializedMaskRule } from './mask-rule';

/** Rules in JSON form, written out in full so that a saved model never silently changes how it reads text. */
export function maskRulesToJSON(rules: readonly MaskRule[]): SerializedMaskRule[] {
  return rules.map((r) => ({ name: r.name, source: r.pattern.source, flags: r.pattern.flags, replacement: r.replacement }));
}

/** Rebuilds and checks rules saved by {@link maskRulesToJSON}; any defect throws InvalidMaskRuleError naming the rule. */
export function maskRulesFromJSON(raw: unknown, caller: string): MaskRule[] {
  if (!Array.isArray(raw)) throw new InvalidMaskRuleError(`${caller} requires maskRules to be an array`);
  const rules = raw.map((r: unknown, i: number) => {
    const o = r as Record<string, unknown> | null;
    if (
      o === null ||
      typeof o !== 'object' ||
      typeof o.name !== 'string' ||
      typeof o.source !== 'string' ||
      typeof o.flags !== 'string' ||
      typeof o.replacement !== 'string'
    ) {
      throw new InvalidMaskRuleError(`${caller} requires mask rule ${i} to be { name, source, flags, replacement } strings`);
    }
    let pattern: RegExp;
    try {
      pattern = new RegExp(o.source, o.flags);
    } catch {
      throw new InvalidMaskRuleError(`${caller} requires mask rule ${i} ('${o.name}') to hold a valid regular expression`);
    }
    return { name: o.name, pattern, replacement: o.replacement };
  });
  checkMaskRules(rules, caller);
  return rules;
}
