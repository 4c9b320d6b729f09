import { InvalidInputError } from './errors/invalid-input.error';
import { logTokens } from './log-tokens';
import { resolveTokenizeOptions } from './resolve-tokenize-options';
import type { TokenizeOptions } from './tokenize-options';

/**
 * Log tokenizer: masks variable parts first (IPs, numbers, ids, paths, … → `<IP>`, `<NUM>`, …),
 * then splits on anything that is not a letter, digit or joining underscore, keeping mask
 * tokens whole and lowercasing words. Lines of one template therefore share one token list:
 * "Connection from 10.0.0.1 port 5432 after 12ms" →
 * `['connection', 'from', '<IP>', 'port', '<NUM>', 'after', '<NUM>']`.
 */
export function tokenize(message: string, options?: TokenizeOptions): string[] {
  if (typeof message !== 'string') throw new InvalidInputError('tokenize requires message to be a string');
  return logTokens(message, resolveTokenizeOptions(options, 'tokenize'));
}
