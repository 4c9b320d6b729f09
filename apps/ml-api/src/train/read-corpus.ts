import { LogEvent } from '@logad/detector';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/**
 * Reads a training corpus: plain text (one message per line) or JSON Lines whose objects have a
 * `message` (and optionally `level`, `source`) — the format logad's own stores are written in.
 */
export async function readCorpus(path: string): Promise<LogEvent[]> {
  const events: LogEvent[] = [];
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    if (line.startsWith('{')) {
      try {
        const o = JSON.parse(line) as { message?: unknown; level?: unknown; source?: unknown };
        if (typeof o.message === 'string' && o.message) {
          events.push({ message: o.message, level: typeof o.level === 'string' ? o.level : null, source: typeof o.source === 'string' ? o.source : null });
          continue;
        }
      } catch {
        // not JSON after all: a plain line that starts with a brace
      }
    }
    events.push({ message: line });
  }
  return events;
}
