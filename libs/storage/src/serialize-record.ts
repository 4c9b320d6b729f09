import { ScoredRecord } from '@logad/contracts';

/**
 * One record as one JSON line, `id` first (readers find ids without a full parse).
 * JSON.stringify escapes newlines, quotes and control characters, so a message can never break a line.
 */
export function serializeRecord(r: ScoredRecord): string {
  const { id, ...rest } = r;
  return JSON.stringify({ id, ...rest });
}
