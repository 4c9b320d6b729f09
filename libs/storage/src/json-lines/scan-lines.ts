import { createReadStream } from 'node:fs';

/**
 * Streams the lines of a file to `visit` (without their newline), in chunks of 1 MiB, so memory
 * stays flat whatever the file size. `visit` returns `false` to stop early. A missing file (moved
 * aside or never written) has no lines. A last line without a newline is passed too: it may be a
 * line another process is still writing, so callers must tolerate lines that do not parse.
 */
export async function scanLines(path: string, visit: (line: string) => boolean | void): Promise<void> {
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  let carry = '';
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      const text = carry + chunk;
      let start = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
        if (nl > start && visit(text.slice(start, nl)) === false) return;
        start = nl + 1;
      }
      carry = text.slice(start);
    }
    if (carry) visit(carry);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  } finally {
    stream.destroy();
  }
}
