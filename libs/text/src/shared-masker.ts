import { checkMaskRules } from './check-mask-rules';
import { DEFAULT_MASK_RULES } from './default-mask-rules';
import { defaultMasker } from './default-masker';
import { Masker } from './masker';
import type { MaskRule } from './mask-rule';
import { maskRulesToJSON } from './mask-rules-json';

/** Rule sets seen so far, by their JSON; a process holds few (the defaults, a model's own), the cap is a guard. */
const byRules = new Map<string, Masker>();
const MAX_SHARED = 64;
let defaultKey: string | null = null;

/**
 * One Masker per rule set: equal rules (names, patterns, flags and replacements) give the same
 * instance, so stages that mask with the same rules can tell, by identity, that a {@link MaskedText}
 * one of them made is what they would have made (a model loaded from JSON has its own copies of the rules).
 */
export function sharedMasker(rules: readonly MaskRule[], caller: string): Masker {
  if (rules === DEFAULT_MASK_RULES) return defaultMasker();
  const key = JSON.stringify(maskRulesToJSON(checkMaskRules(rules, caller)));
  defaultKey ??= JSON.stringify(maskRulesToJSON(DEFAULT_MASK_RULES));
  if (key === defaultKey) return defaultMasker();
  let m = byRules.get(key);
  if (m === undefined) {
    if (byRules.size >= MAX_SHARED) byRules.clear();
    m = new Masker(rules, caller);
    byRules.set(key, m);
  }
  return m;
}
