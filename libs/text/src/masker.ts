import { checkMaskRules } from './check-mask-rules';
import type { MaskedText } from './masked-text';
import type { MaskRule } from './mask-rule';
import { WILDCARD } from './wildcard';

const PLACEHOLDER = /^<[^<>\s]+>$/;

/** Group references would be renumbered or duplicated by combining sources into one alternation. */
const GROUP_REFERENCE = /\\[1-9]|\\k<|\(\?<(?![=!])/;

interface Pass {
  readonly pattern: RegExp;
  readonly replacement: string;
}

/**
 * One global regular expression per run of consecutive rules that share replacement and flags: a single
 * scan of the line instead of one per rule (about twice as fast for the defaults, which are one run).
 */
function combinePasses(rules: readonly MaskRule[]): Pass[] {
  const passes: Array<{ sources: string[]; flags: string; replacement: string; combinable: boolean }> = [];
  for (const rule of rules) {
    const flags = rule.pattern.flags.replace(/[gy]/g, '');
    const last = passes[passes.length - 1];
    // "$1"-style replacements and back-references would point at other groups inside an alternation
    const combinable = !GROUP_REFERENCE.test(rule.pattern.source) && !rule.replacement.includes('$');
    if (last !== undefined && combinable && last.combinable && last.replacement === rule.replacement && last.flags === flags) {
      last.sources.push(rule.pattern.source);
    } else passes.push({ sources: [rule.pattern.source], flags, replacement: rule.replacement, combinable });
  }
  // private global copies: String#replace then replaces every match and never sees a caller's lastIndex
  return passes.map((p) => ({
    pattern: new RegExp(p.sources.length === 1 ? p.sources[0] : p.sources.map((src) => `(?:${src})`).join('|'), `${p.flags}g`),
    replacement: p.replacement,
  }));
}

/**
 * Mask rules checked and compiled once. Rules apply in order, every match of each replaced. Consecutive rules
 * with the same replacement and flags form one pass, scanned once: within a pass the leftmost match wins and,
 * at one position, the first listed rule; so a later rule of a pass takes text an earlier one would have
 * matched only if its match starts first. Passes apply one after another, each to the previous one's output.
 * A pattern's `g` and `y` flags are ignored: a mask rule replaces every match, wherever it is.
 */
export class Masker {
  /** Tokens that are variables: `<*>` plus the `<NAME>` replacements of the rules. */
  readonly placeholders: ReadonlySet<string>;
  readonly rules: readonly MaskRule[];
  private readonly passes: readonly Pass[];

  constructor(rules: readonly MaskRule[], caller = 'Masker') {
    this.rules = [...checkMaskRules(rules, caller)];
    const placeholders = new Set<string>([WILDCARD]);
    for (const rule of this.rules) if (PLACEHOLDER.test(rule.replacement)) placeholders.add(rule.replacement);
    this.placeholders = placeholders;
    this.passes = combinePasses(this.rules);
  }

  mask(text: string): string {
    let s = text;
    for (let i = 0; i < this.passes.length; i++) s = s.replace(this.passes[i].pattern, this.passes[i].replacement);
    return s;
  }

  /** The message masked, as a {@link MaskedText} later stages can reuse. */
  maskText(message: string): MaskedText {
    return { masker: this, text: this.mask(message) };
  }

  /**
   * `mask(message)`, taken from `given` when this Masker made it (`given` must be of `message`): rule sets
   * are shared ({@link sharedMasker}), so equal rules mean the same instance and the same text.
   */
  reuse(message: string, given: MaskedText | null | undefined): string {
    return given != null && given.masker === this ? given.text : this.mask(message);
  }

  isPlaceholder(token: string): boolean {
    return this.placeholders.has(token);
  }
}
