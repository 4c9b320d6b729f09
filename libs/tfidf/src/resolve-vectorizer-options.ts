import { InvalidOptionError } from './errors/invalid-option.error';
import { resolveTokenizeOptions, type ResolvedTokenizeOptions } from '@logad/text';
import type { TfidfVectorizerOptions } from './tfidf-vectorizer-options';

/** Validated options with defaults filled in. */
export interface ResolvedVectorizerOptions {
  readonly tokenizer: 'log' | 'sklearn' | 'custom';
  readonly customTokenizer: ((doc: string) => string[]) | null;
  readonly tokenizeOptions: ResolvedTokenizeOptions;
  readonly minDf: number;
  readonly maxDf: number;
  readonly maxFeatures: number | null;
  readonly sublinearTf: boolean;
  readonly smoothIdf: boolean;
  readonly useIdf: boolean;
  readonly norm: 'l2' | 'l1' | null;
}

const KEYS = new Set(['tokenizer', 'tokenizeOptions', 'minDf', 'maxDf', 'maxFeatures', 'sublinearTf', 'smoothIdf', 'useIdf', 'norm']);
const C = 'TfidfVectorizer';

function checkDf(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (value > 1 && !Number.isInteger(value))) {
    throw new InvalidOptionError(`${C} requires ${name} to be a proportion in [0, 1] or an integer document count, got ${String(value)}`);
  }
  return value;
}

function checkBoolean(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new InvalidOptionError(`${C} requires ${name} to be a boolean, got ${String(value)}`);
  return value;
}

export function resolveVectorizerOptions(options: TfidfVectorizerOptions | undefined): ResolvedVectorizerOptions {
  const o: TfidfVectorizerOptions = options ?? {};
  if (o === null || typeof o !== 'object') throw new InvalidOptionError(`${C} requires options to be an object`);
  for (const key of Object.keys(o)) {
    if (!KEYS.has(key)) throw new InvalidOptionError(`${C} got an unknown option '${key}'`);
  }
  // undefined means "default"; null is only meaningful for norm and maxFeatures
  const tk = o.tokenizer === undefined ? 'log' : o.tokenizer;
  if (tk !== 'log' && tk !== 'sklearn' && typeof tk !== 'function') {
    throw new InvalidOptionError(`${C} requires tokenizer to be 'log', 'sklearn' or a function, got ${String(tk)}`);
  }
  if (tk !== 'log' && o.tokenizeOptions !== undefined) {
    throw new InvalidOptionError(`${C} accepts tokenizeOptions only with the 'log' tokenizer`);
  }
  const maxFeatures = o.maxFeatures ?? null;
  if (maxFeatures !== null && (!Number.isInteger(maxFeatures) || maxFeatures < 1)) {
    throw new InvalidOptionError(`${C} requires maxFeatures to be an integer >= 1, got ${String(maxFeatures)}`);
  }
  const norm = o.norm === undefined ? 'l2' : o.norm;
  if (norm !== 'l2' && norm !== 'l1' && norm !== null) {
    throw new InvalidOptionError(`${C} requires norm to be 'l2', 'l1' or null, got ${String(norm)}`);
  }
  return {
    tokenizer: typeof tk === 'function' ? 'custom' : tk,
    customTokenizer: typeof tk === 'function' ? tk : null,
    tokenizeOptions: resolveTokenizeOptions(o.tokenizeOptions, C),
    minDf: checkDf('minDf', o.minDf === undefined ? 1 : o.minDf),
    maxDf: checkDf('maxDf', o.maxDf === undefined ? 1 : o.maxDf),
    maxFeatures,
    sublinearTf: checkBoolean('sublinearTf', o.sublinearTf === undefined ? false : o.sublinearTf),
    smoothIdf: checkBoolean('smoothIdf', o.smoothIdf === undefined ? true : o.smoothIdf),
    useIdf: checkBoolean('useIdf', o.useIdf === undefined ? true : o.useIdf),
    norm,
  };
}
