import type { MaskedText } from './masked-text';
import type { ResolvedTokenizeOptions } from './resolve-tokenize-options';

// A placeholder (`<*>`, or a typed `<IP>` of custom or older rules), or a run of letters/digits/marks where '_'
// only joins two such runs: "max_retries" stays one token while "blk_<*>" splits into "blk" and "<*>".
const TOKEN_RE = /<\*>|<[A-Z][A-Z0-9_]*>|[\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:_[\p{L}\p{N}][\p{L}\p{N}\p{M}]*)*/gu;

/**
 * The terms of a message for TF-IDF (the `'log'` tokenizer) with options already resolved: masked, then split on
 * anything that is not a letter, digit or joining underscore; placeholders kept whole, words lowercased.
 * `masked`, when the same rules made it, saves masking the message again.
 */
export function termTokens(message: string, opts: ResolvedTokenizeOptions, masked?: MaskedText | null): string[] {
  const text = opts.mask ? opts.masker.reuse(message, masked) : message;
  const out: string[] = [];
  const re = TOKEN_RE;
  re.lastIndex = 0;
  const { lowercase, minTokenLength } = opts;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const tok = m[0];
    if (tok.charCodeAt(0) === 60 /* '<' */) out.push(tok);
    else if (tok.length >= minTokenLength) out.push(lowercase ? tok.toLowerCase() : tok);
  }
  return out;
}
