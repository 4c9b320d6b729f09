import { InvalidInputError } from './errors';
import { resolveTokenizeOptions } from './resolve-tokenize-options';
import { termTokens } from './term-tokens';
import type { TokenizeOptions } from './tokenize-options';

/**
 * Log terms: masks variable parts first (IPs, numbers, ids, paths, … → `<*>`), then splits on anything that is
 * not a letter, digit or joining underscore, keeping placeholders whole and lowercasing words. Lines of one
 * template therefore share one term list: "Connection from 10.0.0.1 port 5432 after 12ms" →
 * `['connection', 'from', '<*>', 'port', '<*>', 'after', '<*>']`.
 */
export function tokenize(message: string, options?: TokenizeOptions): string[] {
  if (typeof message !== 'string') throw new InvalidInputError('tokenize requires message to be a string');
  return termTokens(message, resolveTokenizeOptions(options, 'tokenize'));
}
