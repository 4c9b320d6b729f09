import { ScoredRecord } from '@logad/contracts';

const ID_FIRST = '{"id":';

/**
 * One record as one JSON line, `id` first (readers find ids without a full parse).
 * JSON.stringify escapes newlines, quotes and control characters, so a message can never break a line.
 * Records are normally built with `id` first; only the others pay for a reordering copy.
 */
export function serializeRecord(r: ScoredRecord): string {
  const line = JSON.stringify(r);
  if (line.startsWith(ID_FIRST)) return line;
  const { id, ...rest } = r;
  return JSON.stringify({ id, ...rest });
}
