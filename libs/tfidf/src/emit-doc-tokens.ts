import { termTokens } from '@logad/text';
import { emitSklearnTokens } from './emit-sklearn-tokens';
import { emitTokenArray } from './emit-token-array';
import { InvalidInputError } from './errors/invalid-input.error';
import type { ResolvedVectorizerOptions } from './resolve-vectorizer-options';
import type { TokenSink } from './token-sink';

/** Feeds a document's tokens, per the configured tokenizer, to `sink`. */
export function emitDocTokens(doc: string, opts: ResolvedVectorizerOptions, sink: TokenSink, caller: string): void {
  if (opts.tokenizer === 'sklearn') {
    emitSklearnTokens(doc, sink);
    return;
  }
  const tokens = opts.tokenizer === 'log' ? termTokens(doc, opts.tokenizeOptions) : (opts.customTokenizer as (d: string) => string[])(doc);
  if (opts.tokenizer === 'custom' && !Array.isArray(tokens)) {
    throw new InvalidInputError(`${caller} requires the custom tokenizer to return an array of strings`);
  }
  emitTokenArray(tokens, sink, caller);
}
