import { compareCodePoints } from './compare-code-points';
import { InvalidStateError } from './errors/invalid-state.error';
import { maskRulesFromJSON, type MaskRule } from '@logad/text';
import type { TfidfState } from './tfidf-state';

/** A state that passed every check, with mask rules rebuilt as RegExps. */
export interface ParsedTfidfState {
  readonly state: TfidfState;
  readonly maskRules: readonly MaskRule[] | null;
  readonly idf: Float64Array | null;
}

const C = 'TfidfVectorizer.fromJSON';

function fail(what: string): never {
  throw new InvalidStateError(`${C} requires ${what}`);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function checkDf(name: string, v: unknown): void {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (v > 1 && !Number.isInteger(v))) {
    fail(`options.${name} to be a proportion in [0, 1] or an integer count`);
  }
}

/** Validates an untrusted state; every defect throws InvalidStateError naming the field. */
export function parseTfidfState(raw: unknown): ParsedTfidfState {
  if (!isObject(raw)) fail('an object state');
  if (raw.format !== 'logad-tfidf') fail(`format 'logad-tfidf', got ${String(raw.format)}`);
  if (raw.version !== 1) fail(`version 1, got ${String(raw.version)}`);
  const o = raw.options;
  if (!isObject(o)) fail('an options object');
  if (o.tokenizer !== 'log' && o.tokenizer !== 'sklearn' && o.tokenizer !== 'custom') {
    fail("options.tokenizer to be 'log', 'sklearn' or 'custom'");
  }
  let maskRules: MaskRule[] | null = null;
  if (o.tokenizer === 'log') {
    const t = o.tokenizeOptions;
    if (!isObject(t)) fail('options.tokenizeOptions for the log tokenizer');
    if (typeof t.lowercase !== 'boolean' || typeof t.mask !== 'boolean') fail('boolean lowercase and mask');
    if (!Number.isInteger(t.minTokenLength) || (t.minTokenLength as number) < 1) fail('an integer minTokenLength >= 1');
    try {
      maskRules = maskRulesFromJSON(t.maskRules, 'options.tokenizeOptions');
    } catch (e) {
      fail(`valid mask rules: ${(e as Error).message}`);
    }
  } else if (o.tokenizeOptions !== null) {
    fail('options.tokenizeOptions to be null unless the tokenizer is log');
  }
  checkDf('minDf', o.minDf);
  checkDf('maxDf', o.maxDf);
  if (o.maxFeatures !== null && (!Number.isInteger(o.maxFeatures) || (o.maxFeatures as number) < 1)) {
    fail('options.maxFeatures to be null or an integer >= 1');
  }
  for (const key of ['sublinearTf', 'smoothIdf', 'useIdf'] as const) {
    if (typeof o[key] !== 'boolean') fail(`options.${key} to be a boolean`);
  }
  if (o.norm !== 'l2' && o.norm !== 'l1' && o.norm !== null) fail("options.norm to be 'l2', 'l1' or null");
  if (!Number.isInteger(raw.nDocs) || (raw.nDocs as number) < 1) fail('nDocs to be a positive integer');

  const vocab = raw.vocabulary;
  if (!Array.isArray(vocab) || vocab.length === 0) fail('a non-empty vocabulary array');
  for (let i = 0; i < vocab.length; i++) {
    if (typeof vocab[i] !== 'string') fail(`vocabulary[${i}] to be a string`);
    if (i > 0 && compareCodePoints(vocab[i - 1], vocab[i]) >= 0) fail(`vocabulary to be strictly sorted (at index ${i})`);
  }
  let idf: Float64Array | null = null;
  if (o.useIdf === true) {
    const rawIdf = raw.idf;
    if (!Array.isArray(rawIdf) || rawIdf.length !== vocab.length) fail('idf to be an array as long as the vocabulary');
    idf = new Float64Array(rawIdf.length);
    for (let i = 0; i < rawIdf.length; i++) {
      const v = rawIdf[i];
      if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) fail(`idf[${i}] to be a finite positive number`);
      idf[i] = v;
    }
  } else if (raw.idf !== null) {
    fail('idf to be null when useIdf is false');
  }
  return { state: raw as unknown as TfidfState, maskRules, idf };
}
