import { TfidfVectorizer } from '@logad/tfidf';
import { tokenize } from '@logad/text';
import { levelsAboveInfo } from '../../level-severity';
import { normalizeEvent } from '../../log-event';
import { TemplateIndex } from '../../template-index';
import type { LineCorpus, LineView, SparseRow } from './line-feature';
import { lineFeatureKinds } from './line-features';

const TRAINING = ['user 1 logged in', 'user 2 logged in', 'user 3 logged in', 'disk /dev/sda1 full'];

function corpus(): LineCorpus {
  const tfidf = new TfidfVectorizer({ minDf: 1 });
  tfidf.fit(TRAINING);
  return {
    nLines: TRAINING.length,
    templates: TemplateIndex.fit(
      TRAINING,
      TRAINING.map((m) => tokenize(m).join(' ')),
    ),
    tfidf,
  };
}

function view(message: string, level: string | undefined, templateCount: number, self: 0 | 1 = 0): LineView {
  return { event: normalizeEvent({ message, level }, 'spec', 0), tokens: tokenize(message), templateCount, rarestIdf: 2.5, levelsAboveInfo: levelsAboveInfo(level), self };
}

function write(kind: string, line: LineView, offset = 0): SparseRow {
  const c = corpus();
  const f = lineFeatureKinds({ tokenRarity: true, tfidfColumns: true })
    .find((k) => k.name === kind)!
    .fit(c);
  const row: SparseRow = { indices: new Int32Array(64), values: new Float64Array(64), nnz: 0 };
  f.write(line, row, offset);
  return row;
}

describe('line features', () => {
  it('come in column order: template rarity and level always, then the optional ones', () => {
    expect(lineFeatureKinds({ tokenRarity: false, tfidfColumns: false }).map((k) => k.name)).toEqual(['template_rarity', 'level']);
    expect(lineFeatureKinds({ tokenRarity: true, tfidfColumns: true }).map((k) => k.name)).toEqual(['template_rarity', 'level', 'token_rarity', 'tfidf']);
  });

  it('template rarity is log2((n + 1) / (count + 0.5)), leaving a training line out of its own count', () => {
    const seen = write('template_rarity', view('user 4 logged in', 'INFO', 3));
    expect(seen.nnz).toBe(1);
    expect(seen.values[0]).toBeCloseTo(Math.log2(5 / 3.5), 12);
    const unseen = write('template_rarity', view('kernel panic', 'INFO', 0));
    expect(unseen.values[0]).toBeCloseTo(Math.log2(5 / 0.5), 12);
    // A template seen once in training reads as unseen when that one line is scored as training.
    const once = write('template_rarity', view('disk /dev/sda1 full', 'INFO', 1, 1));
    expect(once.values[0]).toBeCloseTo(Math.log2(4 / 0.5), 12);
  });

  it('level is how far above INFO, never below 0', () => {
    const at = (level: string | undefined) => write('level', view('x', level, 1)).values[0];
    expect(at('INFO')).toBe(0);
    expect(at('DEBUG')).toBe(0);
    expect(at(undefined)).toBe(0);
    expect(at('WARN')).toBeGreaterThan(0);
    expect(at('ERROR')).toBeGreaterThan(at('WARN'));
    expect(at('FATAL')).toBeGreaterThan(at('ERROR'));
  });

  it('token rarity writes the rarest token idf at its own offset', () => {
    const row = write('token_rarity', view('x', 'INFO', 1), 2);
    expect([row.indices[0], row.values[0]]).toEqual([2, 2.5]);
  });

  it('TF-IDF columns write the vectorizer row shifted by the offset, and name each column by its term', () => {
    const c = corpus();
    const f = lineFeatureKinds({ tokenRarity: false, tfidfColumns: true })[2].fit(c);
    expect(f.width).toBe(c.tfidf.vocabularySize);
    const line = view('user 9 logged in', 'INFO', 3);
    const row: SparseRow = { indices: new Int32Array(64), values: new Float64Array(64), nnz: 0 };
    f.write(line, row, 3);
    const expected = c.tfidf.transformTokens(line.tokens);
    expect(Array.from(row.indices.subarray(0, row.nnz))).toEqual(Array.from(expected.indices, (i) => i + 3));
    expect(Array.from(row.values.subarray(0, row.nnz))).toEqual(Array.from(expected.values));
    expect(f.columnName(expected.indices[0])).toBe(`token:${c.tfidf.featureNames()[expected.indices[0]]}`);
    expect(f.maxEntries('abc')).toBe(3);
  });
});
