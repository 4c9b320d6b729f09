import { InvalidArgumentError } from './errors/invalid-argument.error';
import type { HeaderFormat } from './header-format';

/**
 * Splits a raw log line into its header fields and message content. The line is trimmed first, as logparser does.
 * Returns null when the line does not match the format. Optional fields that did not take part in the match are ''.
 */
export function stripHeader(line: string, format: HeaderFormat): { content: string; fields: Record<string, string> } | null {
  if (typeof line !== 'string') throw new InvalidArgumentError('stripHeader requires a string line');
  const m = format.regex.exec(line.trim());
  if (m === null || m.groups === undefined) return null;
  const fields: Record<string, string> = {};
  for (const name of format.fields) if (name !== 'Content') fields[name] = m.groups[name] ?? '';
  return { content: m.groups.Content ?? '', fields };
}
