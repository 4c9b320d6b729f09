import { DEFAULT_MASK_RULES } from './default-mask-rules';
import type { MaskRule } from './mask-rule';

/** A mask rule plus an optional cheap test that is false only when the pattern cannot match. */
export interface CompiledMaskRule {
  readonly pattern: RegExp;
  readonly replacement: string;
  readonly guard: ((text: string) => boolean) | null;
}

function colonCount(s: string): number {
  let n = 0;
  for (let i = s.indexOf(':'); i >= 0; i = s.indexOf(':', i + 1)) n++;
  return n;
}

// Necessary conditions of the default patterns: skipping a regex scan is the main saving of
// masking, since most lines hold no URL, e-mail, UUID, IPv6 or path. Keyed by rule name.
const GUARDS: Record<string, (s: string) => boolean> = {
  url: (s) => s.includes('://'),
  email: (s) => s.includes('@'),
  host: (s) => s.includes('.'),
  uuid: (s) => s.includes('-'),
  datetime: (s) => s.includes(':'),
  time: (s) => s.includes(':'),
  mac: (s) => s.includes(':') || s.includes('-'),
  // every IPv6 text form holds "::" or seven colons
  ipv6: (s) => s.includes('::') || colonCount(s) >= 7,
  ipv4: (s) => s.includes('.'),
  path: (s) => s.includes('/') || s.includes('\\'),
};

const compiledDefaults = compile(DEFAULT_MASK_RULES, true);

function compile(rules: readonly MaskRule[], withGuards: boolean): CompiledMaskRule[] {
  return rules.map((r) => ({ pattern: r.pattern, replacement: r.replacement, guard: withGuards ? (GUARDS[r.name] ?? null) : null }));
}

/** Guards apply only to the library's own default rule objects; other rules run unguarded. */
export function compileMaskRules(rules: readonly MaskRule[]): readonly CompiledMaskRule[] {
  if (rules === DEFAULT_MASK_RULES) return compiledDefaults;
  const defaults = new Set<MaskRule>(DEFAULT_MASK_RULES);
  return rules.map((r) => ({
    pattern: r.pattern,
    replacement: r.replacement,
    guard: defaults.has(r) ? (GUARDS[r.name] ?? null) : null,
  }));
}
