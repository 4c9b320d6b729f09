import fc from 'fast-check';
import { emitSklearnTokens } from './emit-sklearn-tokens';
import { SKLEARN_TOKEN_PATTERN } from './sklearn-token-pattern';
import { TermTable } from './term-table';

function scan(doc: string): { tokens: string[]; hashOk: boolean } {
  const tokens: string[] = [];
  let hashOk = true;
  emitSklearnTokens(doc, {
    push: (t) => tokens.push(t),
    pushRange: (d, s, e, h) => {
      const t = d.slice(s, e);
      tokens.push(t);
      if (h !== TermTable.hashString(t)) hashOk = false;
    },
  });
  return { tokens, hashOk };
}

const viaRegex = (doc: string): string[] => Array.from(doc.toLowerCase().matchAll(SKLEARN_TOKEN_PATTERN), (m) => m[0]);

describe('emitSklearnTokens', () => {
  it("follows sklearn's default analyzer on log text", () => {
    expect(scan('Jan 5 sshd[123]: Failed password for ROOT from 10.0.0.1 port 22 a_b x').tokens).toEqual([
      'jan', 'sshd', '123', 'failed', 'password', 'for', 'root', 'from', '10', 'port', '22', 'a_b',
    ]);
  });

  it('counts code points, not UTF-16 units, for the two-character minimum', () => {
    expect(scan('𝒜 𝒜b é 東京').tokens).toEqual(['𝒜b', '東京']);
  });

  it('equals SKLEARN_TOKEN_PATTERN on arbitrary Unicode text, and hands over the TermTable hash', () => {
    const chars = fc.oneof(
      fc.constantFrom(...' _-.:/\t\nabcXYZ019'.split('')),
      fc.constantFrom('é', 'É', 'ß', '東', 'İ', 'Σ', '²', '½', '\u0301', '\u00a0', '𝒜', '😀', 'ｆ', '\ud800'),
      fc.integer({ min: 0, max: 0x10ffff }).filter((c) => c < 0xd800 || c > 0xdfff).map((c) => String.fromCodePoint(c)),
    );
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 30 }), (parts) => {
        const doc = parts.join('');
        const { tokens, hashOk } = scan(doc);
        expect(tokens).toEqual(viaRegex(doc));
        expect(hashOk).toBe(true);
      }),
      { numRuns: 3000, seed: 5 },
    );
  });
});
