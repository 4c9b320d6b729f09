import { applyMaskRules } from './apply-mask-rules';
import type { ResolvedTokenizeOptions } from './resolve-tokenize-options';

// A mask token, or a run of letters/digits/marks where '_' only joins two such runs:
// "max_retries" stays one token while "blk_<NUM>" splits into "blk" and "<NUM>".
const TOKEN_RE = /<[A-Z][A-Z0-9_]*>|[\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:_[\p{L}\p{N}][\p{L}\p{N}\p{M}]*)*/gu;

/** The `'log'` tokenizer with options already validated (hot path of the vectorizer). */
export function logTokens(message: string, opts: ResolvedTokenizeOptions): string[] {
  const text = opts.mask ? applyMaskRules(message, opts.compiledRules) : message;
  const out: string[] = [];
  const re = TOKEN_RE;
  re.lastIndex = 0;
  const { lowercase, minTokenLength } = opts;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const tok = m[0];
    if (tok.charCodeAt(0) === 60 /* '<' */) {
      out.push(tok);
    } else if (tok.length >= minTokenLength) {
      out.push(lowercase ? tok.toLowerCase() : tok);
    }
  }
  return out;
}
