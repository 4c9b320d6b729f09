import type { TokenPattern } from './token-pattern';

/** How a same-length message lines up with a template. */
export interface Comparison {
  /** Fraction of positions that agree: equal tokens, template variables, template patterns the token fits. */
  readonly score: number;
  /** Positions where the template must widen to take the message (message variable, or pattern over it). */
  readonly soft: number;
}

/**
 * Compares message tokens with template tokens of the same length; null when they cannot be one event: a
 * constant of the template differs from a constant of the message (Drain would let st decide; in the LogHub
 * ground truth a differing word nearly always means another event, so words become variables only through
 * the family evidence rule), or the template shares no constant with a message that has some.
 */
export function compareTemplate(
  template: readonly string[],
  tokens: readonly string[],
  isVariable: (token: string) => boolean,
  patterns: TokenPattern,
): Comparison | null {
  const n = tokens.length;
  let agree = 0;
  let constantsEqual = 0;
  let soft = 0;
  let absorbsConstant = false;
  for (let i = 0; i < n; i++) {
    const a = template[i];
    const b = tokens[i];
    if (a === b) {
      agree++;
      if (!isVariable(a)) constantsEqual++;
    } else if (isVariable(a)) {
      agree++;
      if (!isVariable(b)) absorbsConstant = true;
      else soft++; // two different typed placeholders: the slot becomes <*>
    } else if (isVariable(b)) {
      soft++;
    } else if (a.includes('<') && patterns.covers(a, b)) {
      agree++; // "chdir(<*>)" takes "chdir(pwd)"
    } else if (b.includes('<') && patterns.covers(b, a)) {
      soft++; // the template's "chdir(pwd)" becomes "chdir(<*>)"
    } else {
      return null;
    }
  }
  if (constantsEqual === 0 && absorbsConstant) return null;
  return { score: n === 0 ? 1 : agree / n, soft };
}
