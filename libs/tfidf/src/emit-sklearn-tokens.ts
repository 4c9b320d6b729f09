import { TermTable } from './term-table';
import type { TokenSink } from './token-sink';

const WORD_CHAR = /^[\p{L}\p{N}_]$/u;
// 0 = not yet classified, 1 = word char, 2 = other; filled lazily for the BMP.
const bmpClass = new Uint8Array(65536);
const SEED = TermTable.HASH_SEED;
const PRIME = TermTable.FNV_PRIME;

function isWordCodePoint(cp: number): boolean {
  if (cp < 65536) {
    let c = bmpClass[cp];
    if (c === 0) {
      c = WORD_CHAR.test(String.fromCharCode(cp)) ? 1 : 2;
      bmpClass[cp] = c;
    }
    return c === 1;
  }
  return WORD_CHAR.test(String.fromCodePoint(cp));
}

/**
 * sklearn's default analyzer (`lowercase` then `(?u)\b\w\w+\b`) as a single pass over char
 * codes: the same tokens as SKLEARN_TOKEN_PATTERN without the regex engine, each handed over
 * as a range with its TermTable hash. Token length counts code points, as Python does.
 */
export function emitSklearnTokens(doc: string, sink: TokenSink): void {
  const d = doc.toLowerCase();
  const n = d.length;
  let start = -1; // start of the current word run, -1 when outside one
  let cps = 0; // code points in the current run
  let h = SEED;
  let i = 0;
  while (i < n) {
    const c = d.charCodeAt(i);
    let word: boolean;
    let width = 1;
    if (c < 128) {
      // [0-9A-Z_a-z]; uppercase cannot occur after toLowerCase but costs nothing to accept
      word = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || (c >= 65 && c <= 90);
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const cp = d.codePointAt(i) as number;
      width = cp > 0xffff ? 2 : 1;
      word = isWordCodePoint(cp);
    } else {
      word = isWordCodePoint(c);
    }
    if (word) {
      if (start < 0) {
        start = i;
        cps = 0;
        h = SEED;
      }
      cps++;
      h = Math.imul(h ^ c, PRIME);
      if (width === 2) h = Math.imul(h ^ d.charCodeAt(i + 1), PRIME);
    } else if (start >= 0) {
      if (cps >= 2) sink.pushRange(d, start, i, TermTable.finishHash(h));
      start = -1;
    }
    i += width;
  }
  if (start >= 0 && cps >= 2) sink.pushRange(d, start, n, TermTable.finishHash(h));
}
