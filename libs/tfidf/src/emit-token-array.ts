import { InvalidInputError } from './errors/invalid-input.error';
import type { TokenSink } from './token-sink';

/** Feeds pre-computed tokens to `sink`, rejecting non-strings. */
export function emitTokenArray(tokens: ReadonlyArray<string>, sink: TokenSink, caller: string): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (typeof t !== 'string') throw new InvalidInputError(`${caller} requires every token to be a string (token ${i} is ${typeof t})`);
    sink.push(t);
  }
}
