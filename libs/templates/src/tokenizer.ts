import { InvalidOptionError } from './errors/invalid-option.error';
import type { MaskRule } from './mask-rule';
import { WILDCARD } from './wildcard';

const PLACEHOLDER = /^<[^<>\s]+>$/;

/** True for ASCII letters and digits and any non-ASCII character (letters of other scripts). */
function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code > 127;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A run of joined placeholders becomes one: their placeholder when they agree, else `<*>`. */
function joinRun(run: string): string {
  const found = run.match(/<[^<>\s]+>/g) ?? [WILDCARD];
  return found.every((p) => p === found[0]) ? found[0] : WILDCARD;
}

/** Group references would be renumbered or duplicated by combining sources into one alternation. */
const GROUP_REFERENCE = /\\[1-9]|\\k<|\(\?<(?![=!])/;

/**
 * One global regular expression per run of consecutive rules that share replacement and flags: a single
 * scan of the line instead of one per rule (about twice as fast for the defaults). At each position the
 * first listed rule that matches wins, which equals applying the rules one after another unless a later
 * rule would match text starting before, and overlapping, an earlier rule's match.
 */
function combinePasses(rules: readonly MaskRule[]): Array<{ pattern: RegExp; replacement: string }> {
  const passes: Array<{ sources: string[]; flags: string; replacement: string; combinable: boolean }> = [];
  for (const rule of rules) {
    const flags = rule.pattern.flags.replace('g', '');
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
 * Turns message content into template tokens: applies the mask rules in order, turns the extra delimiters into
 * spaces, splits on whitespace, then normalises variables. A token made only of placeholders and punctuation
 * ("(<*>)", "<*>:<*>", "/<*>") becomes one placeholder, and a run of consecutive variable tokens becomes one,
 * so a variable that spans a varying number of tokens ("1.1 KB", "14 0 4") yields one template.
 */
export class Tokenizer {
  /** Tokens that are variables: `<*>` plus the typed placeholders the rules produce. */
  readonly placeholders: ReadonlySet<string>;
  private readonly passes: ReadonlyArray<{ readonly pattern: RegExp; readonly replacement: string }>;
  private readonly delimiters: readonly string[];
  private readonly placeholderList: readonly string[];
  private readonly placeholderStart: ReadonlySet<number>;
  /** Two or more placeholders joined by short punctuation runs. */
  private readonly placeholderRun: RegExp;

  constructor(rules: readonly MaskRule[], delimiters: readonly string[]) {
    if (!Array.isArray(rules)) throw new InvalidOptionError('TemplateMiner requires maskRules to be an array');
    const placeholders = new Set<string>([WILDCARD]);
    for (const rule of rules) {
      if (rule === null || typeof rule !== 'object' || typeof rule.name !== 'string' || !(rule.pattern instanceof RegExp) || typeof rule.replacement !== 'string') {
        throw new InvalidOptionError('TemplateMiner requires each mask rule to be { name: string, pattern: RegExp, replacement: string }');
      }
      if (PLACEHOLDER.test(rule.replacement)) placeholders.add(rule.replacement);
    }
    this.passes = combinePasses(rules);
    if (!Array.isArray(delimiters) || delimiters.some((d) => typeof d !== 'string' || d.length === 0 || /\s/.test(d))) {
      throw new InvalidOptionError('TemplateMiner requires extraDelimiters to be non-empty strings without whitespace');
    }
    this.delimiters = [...delimiters];
    this.placeholders = placeholders;
    this.placeholderList = [...placeholders];
    this.placeholderStart = new Set(this.placeholderList.map((p) => p.charCodeAt(0)));
    const any = `(?:${this.placeholderList.map(escapeRegExp).join('|')})`;
    this.placeholderRun = new RegExp(`${any}(?:[^A-Za-z0-9\\s<>]{1,3}${any})+`, 'g');
  }

  /** The content after masking and delimiter replacement, before splitting. */
  mask(content: string): string {
    let s = content;
    for (const p of this.passes) s = s.replace(p.pattern, p.replacement);
    for (const d of this.delimiters) if (s.includes(d)) s = s.split(d).join(' ');
    return s;
  }

  tokenize(content: string): string[] {
    const s = this.mask(content);
    const out: string[] = [];
    let prevVariable = false;
    const n = s.length;
    let i = 0;
    while (i < n) {
      if (s.charCodeAt(i) <= 32) {
        i++;
        continue;
      }
      let j = i + 1;
      while (j < n && s.charCodeAt(j) > 32) j++;
      const token = this.normalise(s.slice(i, j));
      i = j;
      const variable = this.placeholders.has(token);
      if (variable && prevVariable) {
        if (out[out.length - 1] !== token) out[out.length - 1] = WILDCARD;
        continue;
      }
      out.push(token);
      prevVariable = variable;
    }
    return out;
  }

  isVariable(token: string): boolean {
    return this.placeholders.has(token);
  }

  /**
   * A token of placeholders and punctuation only becomes its placeholder (`<*>` when they differ); inside a
   * token with other text, placeholders joined by punctuation merge ("rhost=<*>.<*>.<*>.<*>" -> "rhost=<*>").
   */
  private normalise(token: string): string {
    if (this.placeholders.has(token)) return token;
    let found: string | null = null;
    let k = 0;
    const n = token.length;
    while (k < n) {
      const code = token.charCodeAt(k);
      if (this.placeholderStart.has(code)) {
        const ph = this.placeholderAt(token, k);
        if (ph !== null) {
          found = found === null || found === ph ? ph : WILDCARD;
          k += ph.length;
          continue;
        }
      }
      if (isWordChar(code)) return found === null && !this.holdsPlaceholder(token, k) ? token : token.replace(this.placeholderRun, joinRun);
      k++;
    }
    return found ?? token;
  }

  private holdsPlaceholder(token: string, from: number): boolean {
    for (const ph of this.placeholderList) if (token.includes(ph, from)) return true;
    return false;
  }

  private placeholderAt(token: string, at: number): string | null {
    for (const ph of this.placeholderList) if (token.startsWith(ph, at)) return ph;
    return null;
  }
}
