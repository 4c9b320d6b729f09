import { InvalidOptionError } from './errors';
import type { MaskedText } from './masked-text';
import { Masker } from './masker';
import { WILDCARD } from './wildcard';

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

/**
 * Turns message content into template tokens: applies the mask rules in order, turns the extra delimiters into
 * spaces, splits on whitespace, then normalises variables. A token made only of placeholders and punctuation
 * ("(<*>)", "<*>:<*>", "/<*>") becomes one placeholder, and a run of consecutive variable tokens becomes one,
 * so a variable that spans a varying number of tokens ("1.1 KB", "14 0 4") yields one template.
 */
export class TemplateTokenizer {
  /** Tokens that are variables: `<*>` plus the typed placeholders the rules produce. */
  readonly placeholders: ReadonlySet<string>;
  private readonly delimiters: readonly string[];
  private readonly placeholderList: readonly string[];
  private readonly placeholderStart: ReadonlySet<number>;
  /** Two or more placeholders joined by short punctuation runs. */
  private readonly placeholderRun: RegExp;

  constructor(
    readonly masker: Masker,
    delimiters: readonly string[],
  ) {
    if (!Array.isArray(delimiters) || delimiters.some((d) => typeof d !== 'string' || d.length === 0 || /\s/.test(d))) {
      throw new InvalidOptionError('TemplateTokenizer requires extraDelimiters to be non-empty strings without whitespace');
    }
    this.delimiters = [...delimiters];
    this.placeholders = masker.placeholders;
    this.placeholderList = [...masker.placeholders];
    this.placeholderStart = new Set(this.placeholderList.map((p) => p.charCodeAt(0)));
    const any = `(?:${this.placeholderList.map(escapeRegExp).join('|')})`;
    this.placeholderRun = new RegExp(`${any}(?:[^A-Za-z0-9\\s<>]{1,3}${any})+`, 'g');
  }

  /** The content after masking and delimiter replacement, before splitting; `masked` (of `content`) saves the masking when this tokenizer's Masker made it. */
  mask(content: string, masked?: MaskedText | null): string {
    let s = this.masker.reuse(content, masked);
    for (const d of this.delimiters) if (s.includes(d)) s = s.split(d).join(' ');
    return s;
  }

  tokenize(content: string, masked?: MaskedText | null): string[] {
    const s = this.mask(content, masked);
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
