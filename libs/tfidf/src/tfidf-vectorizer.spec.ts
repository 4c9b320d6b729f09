import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidMaskRuleError, InvalidOptionError as TextInvalidOptionError, tokenize } from '@logad/text';
import { generateLogLines } from '../bench/synthetic-logs';
import type { CsrMatrix } from './csr-matrix';
import { EmptyCorpusError } from './errors/empty-corpus.error';
import { EmptyVocabularyError } from './errors/empty-vocabulary.error';
import { InvalidInputError } from './errors/invalid-input.error';
import { InvalidOptionError } from './errors/invalid-option.error';
import { InvalidStateError } from './errors/invalid-state.error';
import { NotFittedError } from './errors/not-fitted.error';
import { UnserializableTokenizerError } from './errors/unserializable-tokenizer.error';
import { TfidfVectorizer } from './tfidf-vectorizer';
import type { TfidfVectorizerOptions } from './tfidf-vectorizer-options';

const LINES = generateLogLines(1500, 1);
const TRAIN = LINES.slice(0, 1000);
const TEST = LINES.slice(1000);

function row(X: CsrMatrix, r: number): { indices: number[]; values: number[] } {
  const s = X.indptr[r];
  const e = X.indptr[r + 1];
  return { indices: Array.from(X.indices.subarray(s, e)), values: Array.from(X.data.subarray(s, e)) };
}

function expectCsrEqual(a: CsrMatrix, b: CsrMatrix): void {
  expect([a.nRows, a.nCols]).toEqual([b.nRows, b.nCols]);
  expect(Array.from(a.indptr)).toEqual(Array.from(b.indptr));
  expect(Array.from(a.indices)).toEqual(Array.from(b.indices));
  expect(Array.from(a.data)).toEqual(Array.from(b.data));
}

describe('TfidfVectorizer', () => {
  describe.each([
    ['log', {}],
    ['sklearn', { tokenizer: 'sklearn' }],
    ['log, pruned', { minDf: 2, maxDf: 0.9, maxFeatures: 300, sublinearTf: true, norm: 'l1' }],
  ] as Array<[string, TfidfVectorizerOptions]>)('%s', (_name, options) => {
    const v = new TfidfVectorizer(options);
    const X = v.fitTransform(TRAIN);

    it('produces CSR rows with ascending column indices and unit norm', () => {
      expect(X.indptr[X.nRows]).toBe(X.indices.length);
      for (let r = 0; r < X.nRows; r++) {
        const { indices, values } = row(X, r);
        for (let k = 1; k < indices.length; k++) expect(indices[k]).toBeGreaterThan(indices[k - 1]);
        if (values.length > 0) {
          const norm = options.norm === 'l1' ? values.reduce((s, x) => s + Math.abs(x), 0) : Math.hypot(...values);
          expect(norm).toBeCloseTo(1, 12);
        }
      }
    });

    it('transformOne equals the corresponding row of transform, unseen lines included', () => {
      const T = v.transform(TEST);
      TEST.forEach((line, r) => {
        const one = v.transformOne(line);
        expect({ indices: Array.from(one.indices), values: Array.from(one.values) }).toEqual(row(T, r));
      });
    });

    it('fitTransform equals fit followed by transform', () => {
      expectCsrEqual(new TfidfVectorizer(options).fit(TRAIN).transform(TRAIN), X);
    });

    it('round-trips through JSON text to a vectorizer with identical output', () => {
      const back = TfidfVectorizer.fromJSON(JSON.parse(JSON.stringify(v.toJSON())));
      expect(back.featureNames()).toEqual(v.featureNames());
      expect(Array.from(back.idf())).toEqual(Array.from(v.idf()));
      expectCsrEqual(back.transform(TEST), v.transform(TEST));
    });

    it('maps terms to indices consistently with featureNames', () => {
      const names = v.featureNames();
      expect(v.vocabularySize).toBe(names.length);
      names.forEach((t, i) => expect(v.termIndex(t)).toBe(i));
      expect(v.termIndex('definitely-not-a-term')).toBe(-1);
    });
  });

  it('analyze gives the terms of its own tokenizer, for every tokenizer', () => {
    expect(new TfidfVectorizer().analyze('Job 7 took 12 ms')).toEqual(tokenize('Job 7 took 12 ms'));
    expect(new TfidfVectorizer({ tokenizer: 'sklearn' }).analyze('Café a 東京 x_1!')).toEqual(['café', '東京', 'x_1']);
    expect(new TfidfVectorizer({ tokenizer: (d) => d.split('|') }).analyze('a|b')).toEqual(['a', 'b']);
    expect(() => new TfidfVectorizer().analyze(3 as unknown as string)).toThrow(InvalidInputError);
  });

  it('reads a state saved before the one text stage with the typed mask rules it was fitted with', () => {
    const saved = JSON.parse(readFileSync(join(__dirname, '../fixtures/tfidf-state-v1-before-text-stage.json'), 'utf8'));
    const v = TfidfVectorizer.fromJSON(saved);
    expect(v.toJSON()).toEqual(saved);
    expect(v.analyze('Connection from 10.0.0.7 port 22 after 3ms')).toEqual(['connection', 'from', '<IP>', 'port', '<NUM>', 'after', '<NUM>']);
    expect(v.featureNames()).toContain('r02');
    // a new vectorizer masks with the one default rule set: node names and ids are variables
    expect(new TfidfVectorizer().analyze('node R02-M1-N0 card a3f9c2 failed')).toEqual(['node', '<*>', 'card', '<*>', 'failed']);
  });

  it('transformTokens(tokenize(line)) equals transformOne(line) in log mode', () => {
    const v = new TfidfVectorizer().fit(TRAIN);
    for (const line of TEST.slice(0, 100)) expect(v.transformTokens(tokenize(line))).toEqual(v.transformOne(line));
  });

  it('ignores unknown terms and returns an empty vector when nothing is known', () => {
    const v = new TfidfVectorizer({ tokenizer: 'sklearn' }).fit(['alpha beta', 'beta gamma']);
    expect(v.featureNames()).toEqual(['alpha', 'beta', 'gamma']);
    const x = v.transformOne('beta zeta zeta');
    expect(Array.from(x.indices)).toEqual([1]);
    expect(Array.from(x.values)).toEqual([1]);
    expect(v.transformOne('zeta').indices.length).toBe(0);
    expect(v.transform([]).nRows).toBe(0);
  });

  it('sorts and weights rows with many distinct terms (long-row path)', () => {
    const words = Array.from({ length: 200 }, (_v, i) => `w${(i * 37) % 200}x`);
    const docs = [words.join(' '), words.slice(0, 50).join(' ')];
    const v = new TfidfVectorizer({ tokenizer: 'sklearn', norm: null, smoothIdf: false });
    const X = v.fitTransform(docs);
    const r0 = row(X, 0);
    expect(r0.indices).toEqual(Array.from({ length: 200 }, (_v, i) => i));
    const names = v.featureNames();
    r0.indices.forEach((j, k) => {
      const inBoth = docs[1].split(' ').includes(names[j]);
      expect(r0.values[k]).toBeCloseTo(inBoth ? 1 : Math.log(2) + 1, 14);
    });
  });

  it('refitting replaces the vocabulary', () => {
    const v = new TfidfVectorizer({ tokenizer: 'sklearn' }).fit(['aa bb']);
    v.fit(['cc dd ee']);
    expect(v.featureNames()).toEqual(['cc', 'dd', 'ee']);
  });

  it('returns a copy from idf() and all ones without idf weighting', () => {
    const v = new TfidfVectorizer({ tokenizer: 'sklearn' }).fit(['aa bb', 'aa']);
    v.idf()[0] = 99;
    expect(v.idf()[0]).toBeCloseTo(1, 12);
    expect(Array.from(new TfidfVectorizer({ useIdf: false }).fit(['aa bb']).idf())).toEqual([1, 1]);
  });

  it('keeps its scratch clean when a document fails midway (token 3 is not a string)', () => {
    let fail = false;
    const tk = (d: string): string[] => (fail && d.startsWith('boom') ? (['a', 'b', 42] as unknown as string[]) : d.split(' '));
    const v = new TfidfVectorizer({ tokenizer: tk }).fit(['a b', 'b c', 'boom a']);
    const before = v.transform(['a b c']);
    const one = v.transformOne('a c');
    fail = true;
    expect(() => v.transform(['a a', 'boom b'])).toThrow(InvalidInputError);
    expect(() => v.transformOne('boom')).toThrow(InvalidInputError);
    expectCsrEqual(v.transform(['a b c']), before);
    expect(v.transformOne('a c')).toEqual(one);
  });

  describe('custom tokenizer serialisation', () => {
    const tk = (d: string): string[] => d.split(/\s+/).filter(Boolean);
    const v = new TfidfVectorizer({ tokenizer: tk }).fit(['Foo bar', 'bar Baz']);

    it("stores the marker 'custom' and needs the function back", () => {
      const state = v.toJSON();
      expect(state.options.tokenizer).toBe('custom');
      expect(() => TfidfVectorizer.fromJSON(state)).toThrow(UnserializableTokenizerError);
      const back = TfidfVectorizer.fromJSON(state, { tokenizer: tk });
      expect(back.transformOne('Foo Baz')).toEqual(v.transformOne('Foo Baz'));
    });

    it('refuses a tokenizer function for a state saved with a built-in tokenizer', () => {
      const s = new TfidfVectorizer({ tokenizer: 'sklearn' }).fit(['aa']).toJSON();
      expect(() => TfidfVectorizer.fromJSON(s, { tokenizer: tk })).toThrow(InvalidOptionError);
    });
  });

  it('keeps custom mask rules across a round trip', () => {
    const rules = [{ name: 'ticket', pattern: /TCK-\d+/g, replacement: '<TICKET>' }];
    const v = new TfidfVectorizer({ tokenizeOptions: { maskRules: rules } }).fit(['fix TCK-1', 'see TCK-22 now']);
    expect(v.featureNames()).toContain('<TICKET>');
    const back = TfidfVectorizer.fromJSON(JSON.parse(JSON.stringify(v)));
    expect(back.transformOne('TCK-9 fix')).toEqual(v.transformOne('TCK-9 fix'));
  });

  describe('errors', () => {
    it('throws NotFittedError from every method that needs a fitted model', () => {
      const v = new TfidfVectorizer();
      expect(v.isFitted).toBe(false);
      expect(v.vocabularySize).toBe(0);
      const calls: Array<() => unknown> = [
        () => v.transform(['a']),
        () => v.transformOne('a'),
        () => v.transformTokens(['a']),
        () => v.featureNames(),
        () => v.termIndex('a'),
        () => v.idf(),
        () => v.toJSON(),
      ];
      for (const call of calls) expect(call).toThrow(NotFittedError);
    });

    it('rejects an empty corpus, and corpora without or pruned to no terms', () => {
      expect(() => new TfidfVectorizer().fit([])).toThrow(EmptyCorpusError);
      expect(() => new TfidfVectorizer({ tokenizer: 'sklearn' }).fit(['a', '!', ''])).toThrow(EmptyVocabularyError);
      expect(() => new TfidfVectorizer({ tokenizer: 'sklearn', minDf: 2 }).fit(['aa bb', 'cc dd'])).toThrow(EmptyVocabularyError);
      expect(() => new TfidfVectorizer({ tokenizer: 'sklearn', maxDf: 0.5 }).fit(['aa bb', 'aa bb', 'aa bb', 'aa'])).toThrow(EmptyVocabularyError);
    });

    it.each([
      [{ minDf: -1 }],
      [{ minDf: 1.5 }],
      [{ maxDf: 2.5 }],
      [{ minDf: Number.NaN }],
      [{ maxFeatures: 0 }],
      [{ maxFeatures: 2.5 }],
      [{ norm: 'l3' }],
      [{ tokenizer: 'bert' }],
      [{ sublinearTf: 'yes' }],
      [{ smoothIdf: 1 }],
      [{ useIdf: null }],
      [{ min_df: 2 }],
      [{ tokenizer: 'sklearn', tokenizeOptions: { lowercase: false } }],
    ])('rejects options %j', (options) => {
      expect(() => new TfidfVectorizer(options as unknown as TfidfVectorizerOptions)).toThrow(InvalidOptionError);
    });

    it('leaves the checks of tokenize options and mask rules to the text stage', () => {
      expect(() => new TfidfVectorizer({ tokenizeOptions: { minTokenLength: 0 } })).toThrow(TextInvalidOptionError);
      expect(() => new TfidfVectorizer({ tokenizeOptions: { maskRules: [{ name: 'x', pattern: /y*/g, replacement: '<*>' }] } })).toThrow(InvalidMaskRuleError);
    });

    it('rejects maxDf below minDf for the corpus at fit time, as sklearn does', () => {
      expect(() => new TfidfVectorizer({ minDf: 3, maxDf: 0.5 }).fit(['a', 'b', 'c', 'd'])).toThrow(InvalidOptionError);
      expect(() => new TfidfVectorizer({ minDf: 3 }).fit(['a b', 'b c'])).toThrow(InvalidOptionError);
    });

    it('rejects malformed documents and tokens with InvalidInputError', () => {
      const v = new TfidfVectorizer().fit(['a b']);
      expect(() => new TfidfVectorizer().fit('a b' as unknown as string[])).toThrow(InvalidInputError);
      expect(() => new TfidfVectorizer().fit(['a', 3 as unknown as string])).toThrow(InvalidInputError);
      expect(() => v.transform(['a', null as unknown as string])).toThrow(InvalidInputError);
      expect(() => v.transformOne(1 as unknown as string)).toThrow(InvalidInputError);
      expect(() => v.transformTokens(['a', 2 as unknown as string])).toThrow(InvalidInputError);
      expect(() => new TfidfVectorizer({ tokenizer: () => 'a' as unknown as string[] }).fit(['x'])).toThrow(InvalidInputError);
      expect(v.transformOne('a b')).toEqual(new TfidfVectorizer().fit(['a b']).transformOne('a b'));
    });

    describe('fromJSON of a corrupt state throws InvalidStateError', () => {
      const good = new TfidfVectorizer().fit(['alpha beta 10.0.0.1', 'beta gamma']).toJSON();
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- corrupting arbitrary fields
      type Loose = Record<string, any>;
      const mutate = (f: (s: Loose) => void): unknown => {
        const s = JSON.parse(JSON.stringify(good)) as Loose;
        f(s);
        return s;
      };
      it.each([
        ['not an object', () => 'state'],
        ['null', () => null],
        ['another format', () => mutate((s) => (s.format = 'other'))],
        ['a future version', () => mutate((s) => (s.version = 2))],
        ['unsorted vocabulary', () => mutate((s) => s.vocabulary.reverse())],
        ['duplicate terms', () => mutate((s) => (s.vocabulary[1] = s.vocabulary[0]))],
        ['non-string term', () => mutate((s) => (s.vocabulary[0] = 5))],
        ['idf of another length', () => mutate((s) => s.idf.pop())],
        ['non-finite idf', () => mutate((s) => (s.idf[0] = null))],
        ['missing options', () => mutate((s) => delete s.options)],
        ['bad norm', () => mutate((s) => (s.options.norm = 'l7'))],
        ['bad minDf', () => mutate((s) => (s.options.minDf = -2))],
        ['bad mask rule regex', () => mutate((s) => (s.options.tokenizeOptions.maskRules[0].source = '('))],
        ['a mask rule matching the empty string', () => mutate((s) => (s.options.tokenizeOptions.maskRules[0].source = 'x*'))],
        ['mask rules not an array', () => mutate((s) => (s.options.tokenizeOptions.maskRules = {}))],
        ['zero documents', () => mutate((s) => (s.nDocs = 0))],
        ['idf without useIdf', () => mutate((s) => (s.options.useIdf = false))],
      ])('%s', (_what, make) => {
        expect(() => TfidfVectorizer.fromJSON(make())).toThrow(InvalidStateError);
      });
    });
  });
});
