import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/**
 * Reads a JSON Lines file record by record, skipping blank and unparsable lines
 * (a torn line left by a crash). A missing file reads as empty.
 */
export async function* readJsonLines<T = unknown>(path: string): AsyncGenerator<T> {
  const stream = createReadStream(path, { encoding: 'utf8' });
  const done = new Promise<boolean>((resolve) => {
    stream.once('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'ENOENT'));
    stream.once('open', () => resolve(false));
  });
  if (await done) return;
  for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
    if (!line) continue;
    try {
      yield JSON.parse(line) as T;
    } catch {
      // torn or foreign line: skipped
    }
  }
}
