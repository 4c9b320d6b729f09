const LITERAL = 0;
const GAP = 1;
const SLOT = 2;

interface Piece {
  readonly kind: typeof LITERAL | typeof GAP | typeof SLOT;
  readonly text: string;
}

/**
 * Reads a template's parameters back from a message's original (unmasked) content, so a masked "1.1 KB"
 * comes back whole. The template becomes literal pieces, gaps (whitespace or extra delimiters between
 * tokens) and slots; matching is wildcard matching with a single backtracking point (the last slot), as in
 * classic glob matching: no recursion and no regular expression, so thousands of slots cannot overflow a
 * stack, and a slot takes the shortest text that lets the rest match.
 */
export class TemplateExtractor {
  private readonly pieces: Piece[] = [];
  readonly slots: number;

  constructor(
    tokens: readonly string[],
    placeholders: readonly string[],
    private readonly delimiters: readonly string[],
  ) {
    let slots = 0;
    tokens.forEach((token, t) => {
      if (t > 0) this.pieces.push({ kind: GAP, text: '' });
      let literal = '';
      for (let i = 0; i < token.length; ) {
        const ph = placeholders.find((p) => token.startsWith(p, i));
        if (ph === undefined) {
          literal += token[i++];
          continue;
        }
        if (literal !== '') this.pieces.push({ kind: LITERAL, text: literal });
        literal = '';
        this.pieces.push({ kind: SLOT, text: '' });
        slots++;
        i += ph.length;
      }
      if (literal !== '') this.pieces.push({ kind: LITERAL, text: literal });
    });
    this.slots = slots;
  }

  /** The text of each slot, in order; null when the content does not fit the template. */
  extract(content: string): string[] | null {
    const pieces = this.pieces;
    const n = content.length;
    const start = new Array<number>(this.slots);
    const end = new Array<number>(this.slots);
    let p = this.skipGap(content, 0);
    let i = 0;
    let slot = 0;
    let starPiece = -1;
    let starSlot = -1;
    let starEnd = -1;
    for (;;) {
      let ok = true;
      if (i === pieces.length) {
        if (this.skipGap(content, p) === n) break;
        ok = false;
      } else {
        const piece = pieces[i];
        if (piece.kind === SLOT) {
          start[slot] = p;
          end[slot] = p;
          starPiece = i;
          starSlot = slot;
          starEnd = p;
          slot++;
          i++;
          continue;
        }
        if (piece.kind === LITERAL) {
          ok = content.startsWith(piece.text, p);
          if (ok) p += piece.text.length;
        } else {
          const q = this.skipGap(content, p);
          ok = q > p;
          p = q;
        }
        if (ok) {
          i++;
          continue;
        }
      }
      // let the last slot take more text: up to the next place where the piece after it can match
      if (starPiece < 0 || starEnd >= n) return null;
      starEnd = this.nextCandidate(content, starPiece + 1, starEnd + 1);
      if (starEnd < 0) return null;
      end[starSlot] = starEnd;
      p = starEnd;
      i = starPiece + 1;
      slot = starSlot + 1;
    }
    return start.map((s, k) => content.slice(s, end[k]));
  }

  /** First position >= from where piece `i` could start matching; -1 if none. */
  private nextCandidate(s: string, i: number, from: number): number {
    const piece = this.pieces[i];
    if (piece === undefined) {
      // a trailing slot ends where the trailing whitespace starts
      let e = s.length;
      while (e > from && s.charCodeAt(e - 1) <= 32) e--;
      return e;
    }
    if (piece.kind === SLOT) return from;
    if (piece.kind === LITERAL) return s.indexOf(piece.text, from);
    for (let p = from; p < s.length; p++) if (this.skipGap(s, p) > p) return p;
    return -1;
  }

  /** Position after any run of whitespace and extra delimiters starting at `p`. */
  private skipGap(s: string, p: number): number {
    const n = s.length;
    outer: while (p < n) {
      if (s.charCodeAt(p) <= 32) {
        p++;
        continue;
      }
      for (const d of this.delimiters) {
        if (s.startsWith(d, p)) {
          p += d.length;
          continue outer;
        }
      }
      break;
    }
    return p;
  }
}
