import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CsrMatrix } from './csr-matrix';
import { TfidfVectorizer } from './tfidf-vectorizer';
import type { TfidfVectorizerOptions } from './tfidf-vectorizer-options';

// Produced by fixtures/make-fixtures.py with scikit-learn 1.2 (see that script).
interface FixtureCsr {
  readonly data: number[];
  readonly indptr?: number[];
  readonly indices?: number[];
  readonly structureOf?: string;
}
interface FixtureConfig {
  readonly name: string;
  readonly options: Record<string, unknown>;
  readonly vocabulary: Array<number | string>;
  readonly idf?: number[] | null;
  readonly transform?: FixtureCsr;
  readonly fitTransformRows?: number[];
  readonly fitTransform?: FixtureCsr;
}
interface Fixtures {
  readonly sklearn: string;
  readonly corpus: string[];
  readonly heldout: string[];
  readonly allTerms: string[];
  readonly configs: FixtureConfig[];
}

const fx = JSON.parse(readFileSync(join(__dirname, '../fixtures/sklearn-fixtures.json'), 'utf8')) as Fixtures;
const structures = new Map<string, FixtureCsr>();
for (const c of fx.configs) {
  if (c.transform?.indptr) structures.set(`${c.name}.transform`, c.transform);
  if (c.fitTransform?.indptr) structures.set(`${c.name}.fitTransform`, c.fitTransform);
}
const TOL = 1e-9;
const whitespace = (d: string): string[] => d.split(/\s+/).filter((t) => t.length > 0);

function optionsOf(c: FixtureConfig): TfidfVectorizerOptions {
  const { tokenizer, ...rest } = c.options;
  return { ...rest, tokenizer: tokenizer === 'whitespace' ? whitespace : 'sklearn' } as TfidfVectorizerOptions;
}

function vocabularyOf(c: FixtureConfig): string[] {
  return c.vocabulary.map((t) => (typeof t === 'number' ? fx.allTerms[t] : t));
}

/** Rows of a fixture CSR as [indices, values] pairs. */
function fixtureRows(f: FixtureCsr): Array<[number[], number[]]> {
  const s = f.structureOf === undefined ? f : (structures.get(f.structureOf) as FixtureCsr);
  const indptr = s.indptr as number[];
  const indices = s.indices as number[];
  return indptr.slice(0, -1).map((start, r) => [indices.slice(start, indptr[r + 1]), f.data.slice(start, indptr[r + 1])]);
}

function expectRowsClose(actual: CsrMatrix, rows: number[], expected: FixtureCsr): void {
  const want = fixtureRows(expected);
  expect(want).toHaveLength(rows.length);
  rows.forEach((r, k) => {
    const start = actual.indptr[r];
    const end = actual.indptr[r + 1];
    expect({ row: r, indices: Array.from(actual.indices.subarray(start, end)) }).toEqual({ row: r, indices: want[k][0] });
    const got = actual.data.subarray(start, end);
    want[k][1].forEach((v, i) => expect(Math.abs(got[i] - v)).toBeLessThanOrEqual(TOL));
  });
}

describe(`parity with scikit-learn ${fx.sklearn} TfidfVectorizer`, () => {
  it('uses a fixture with a ~200-line corpus and at least the six required option sets', () => {
    expect(fx.corpus.length).toBeGreaterThanOrEqual(180);
    const names = fx.configs.map((c) => c.name);
    for (const n of ['default', 'sublinear_tf', 'min_df_2', 'max_df_0.5', 'max_features_20', 'norm_none']) {
      expect(names).toContain(n);
    }
  });

  describe.each(fx.configs.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const v = new TfidfVectorizer(optionsOf(c));
    const X = v.fitTransform(fx.corpus);

    it('learns the same vocabulary, in the same (code point) order', () => {
      expect(v.featureNames()).toEqual(vocabularyOf(c));
      expect(X.nCols).toBe(c.vocabulary.length);
      expect(X.nRows).toBe(fx.corpus.length);
    });

    if (c.idf !== undefined) {
      it('learns the same idf (all ones when useIdf is false)', () => {
        const idf = v.idf();
        const want = c.idf ?? new Array<number>(c.vocabulary.length).fill(1);
        expect(idf).toHaveLength(want.length);
        want.forEach((w, j) => expect(Math.abs(idf[j] - w)).toBeLessThanOrEqual(TOL));
      });
    }

    if (c.fitTransform !== undefined) {
      it('fitTransform rows equal sklearn fit_transform within 1e-9', () => {
        expectRowsClose(X, c.fitTransformRows as number[], c.fitTransform as FixtureCsr);
      });
    }

    if (c.transform !== undefined) {
      it('transform of unseen documents equals sklearn transform within 1e-9', () => {
        const T = v.transform(fx.heldout);
        expectRowsClose(T, fx.heldout.map((_d, i) => i), c.transform as FixtureCsr);
      });

      it('fit then transform gives the same matrix as fitTransform', () => {
        const w = new TfidfVectorizer(optionsOf(c)).fit(fx.corpus);
        const Y = w.transform(fx.corpus);
        expect(Array.from(Y.indptr)).toEqual(Array.from(X.indptr));
        expect(Array.from(Y.indices)).toEqual(Array.from(X.indices));
        Y.data.forEach((y, k) => expect(Math.abs(y - X.data[k])).toBeLessThanOrEqual(1e-15));
      });
    }
  });
});
