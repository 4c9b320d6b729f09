import { QueuedLog } from '@logad/contracts';

/**
 * The 202 body, `IngestAccepted` (`{"accepted":n,"ids":[…]}`), written directly: ids are UUIDs or
 * client ids restricted to `[A-Za-z0-9._:-]` (ID_PATTERN), which need no JSON escaping, and a
 * 1000-id answer through JSON.stringify was a tenth of ingest's CPU.
 */
export function acceptedBody(logs: readonly QueuedLog[]): string {
  let ids = '';
  for (let i = 0; i < logs.length; i++) ids += i === 0 ? `"${logs[i].id}"` : `,"${logs[i].id}"`;
  return `{"accepted":${logs.length},"ids":[${ids}]}`;
}
