import type { CompiledMaskRule } from './compile-mask-rules';

/** Applies compiled rules in order, skipping those whose guard rules a match out. */
export function applyMaskRules(message: string, rules: readonly CompiledMaskRule[]): string {
  let out = message;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    if (rule.guard === null || rule.guard(out)) out = out.replace(rule.pattern, rule.replacement);
  }
  return out;
}
