import { FileHandle, open, rename, stat } from 'node:fs/promises';

const NEWLINE = 0x0a;
// Records are written with `id` first, so the id can be read without parsing the whole line.
const ID_PREFIX = '{"id":';

/**
 * One append-only JSON Lines file that may be shared with other processes. Appends are single
 * `write(2)` calls on an O_APPEND descriptor, so concurrent writers never interleave inside a line.
 * It remembers how far it has read so that it can pick up lines that other processes appended.
 */
export class JsonLinesFile {
  private static lastRotationMs = 0;
  private indexedTo = 0;

  private constructor(
    readonly path: string,
    private handle: FileHandle,
  ) {}

  /** Opens for appending; a torn last line (crash mid-write) is closed with a newline so it stands alone and is skipped by readers. */
  static async open(path: string): Promise<{ file: JsonLinesFile; repairedTornLine: boolean }> {
    const handle = await open(path, 'a+');
    const file = new JsonLinesFile(path, handle);
    const { size } = await handle.stat();
    let repairedTornLine = false;
    if (size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last[0] !== NEWLINE) {
        await handle.write('\n');
        repairedTornLine = true;
      }
    }
    return { file, repairedTornLine };
  }

  /** Reads the ids of lines appended since the last call (by anyone), starting no earlier than `tailBytes` from the end. */
  async readNewIds(onId: (id: string) => void, tailBytes = Infinity): Promise<void> {
    const { size } = await this.handle.stat();
    let from = Math.max(this.indexedTo, size - tailBytes);
    if (from >= size) return;
    if (from > this.indexedTo) {
      // Skipped ahead: start at the next line boundary.
      from = await this.nextLineStart(from, size);
    }
    const chunk = 4 << 20;
    let carry = '';
    for (let pos = from; pos < size; pos += chunk) {
      const len = Math.min(chunk, size - pos);
      const buf = Buffer.allocUnsafe(len);
      const { bytesRead } = await this.handle.read(buf, 0, len, pos);
      const text = carry + buf.toString('utf8', 0, bytesRead);
      const lines = text.split('\n');
      carry = lines.pop() ?? '';
      for (const line of lines) {
        const id = idOfLine(line);
        if (id !== undefined) onId(id);
      }
    }
    // A line still being written by another process is read again next time.
    this.indexedTo = size - Buffer.byteLength(carry, 'utf8');
  }

  /**
   * Appends `text` (whole lines) in one write. Callers hold the directory's write lock, so a last
   * byte that is not a newline can only be a torn line of a killed writer: it is closed first, so
   * that our first line never glues onto it.
   */
  async append(text: string): Promise<void> {
    let sizeBefore = (await this.handle.stat()).size;
    if (sizeBefore > 0) {
      const last = Buffer.alloc(1);
      await this.handle.read(last, 0, 1, sizeBefore - 1);
      if (last[0] !== NEWLINE) text = '\n' + text;
    }
    const buf = Buffer.from(text, 'utf8');
    sizeBefore = (await this.handle.stat()).size;
    let off = 0;
    while (off < buf.length) {
      const { bytesWritten } = await this.handle.write(buf, off, buf.length - off);
      off += bytesWritten;
    }
    // Our own lines need not be read back when nothing else was appended around them.
    if (sizeBefore === this.indexedTo && (await this.handle.stat()).size === sizeBefore + buf.length) {
      this.indexedTo = sizeBefore + buf.length;
    }
  }

  /** Reads the ids in the last `tailBytes` of a file (read-only), e.g. one moved aside by rotation. */
  static async readTailIds(path: string, tailBytes: number, onId: (id: string) => void): Promise<void> {
    let h: FileHandle;
    try {
      h = await open(path, 'r');
    } catch {
      return;
    }
    try {
      const { size } = await h.stat();
      const from = Math.max(0, size - tailBytes);
      const buf = Buffer.allocUnsafe(size - from);
      const { bytesRead } = await h.read(buf, 0, buf.length, from);
      const lines = buf.toString('utf8', 0, bytesRead).split('\n');
      if (from > 0) lines.shift(); // started mid-line
      for (const line of lines) {
        const id = idOfLine(line);
        if (id !== undefined) onId(id);
      }
    } finally {
      await h.close();
    }
  }

  /** Bytes in the file now. */
  async size(): Promise<number> {
    return (await this.handle.stat()).size;
  }

  /**
   * Moves the file aside as `<name>.<time>.<pid>.jsonl` and starts a new one. Other processes
   * still appending to the old file keep writing whole lines there (nothing is lost) until
   * {@link followRotation} moves them to the new file.
   */
  async rotate(): Promise<string> {
    // Strictly increasing per process: two rotations in one millisecond would otherwise get the
    // same name, and the second rename would replace (lose) the first moved-aside file.
    JsonLinesFile.lastRotationMs = Math.max(Date.now(), JsonLinesFile.lastRotationMs + 1);
    const stamp = new Date(JsonLinesFile.lastRotationMs).toISOString().replace(/[:.]/g, '-');
    const aside = this.path.replace(/\.jsonl$/, '') + `.${stamp}.${process.pid}.jsonl`;
    await rename(this.path, aside);
    await this.reopen();
    return aside;
  }

  /** When another process rotated the file, switch to the new one. */
  async followRotation(): Promise<boolean> {
    const [mine, current] = await Promise.all([this.handle.stat(), stat(this.path).catch(() => null)]);
    if (current && current.ino === mine.ino) return false;
    await this.reopen();
    return true;
  }

  private async reopen(): Promise<void> {
    const old = this.handle;
    this.handle = await open(this.path, 'a+');
    this.indexedTo = 0;
    await old.close();
  }

  async sync(): Promise<void> {
    await this.handle.datasync();
  }

  async close(): Promise<void> {
    await this.handle.close();
  }

  private async nextLineStart(from: number, size: number): Promise<number> {
    const buf = Buffer.allocUnsafe(64 * 1024);
    for (let pos = from - 1; pos < size; pos += buf.length) {
      const { bytesRead } = await this.handle.read(buf, 0, buf.length, pos);
      const i = buf.subarray(0, bytesRead).indexOf(NEWLINE);
      if (i >= 0) return pos + i + 1;
    }
    return size;
  }
}

/** Lines logad writes end with `"stored_at":<ms>}`; anything else must parse to count as whole. */
const COMPLETE_LINE = /"stored_at":\d+\}$/;

function isWhole(line: string): boolean {
  if (COMPLETE_LINE.test(line)) return true;
  try {
    return typeof JSON.parse(line) === 'object';
  } catch {
    return false;
  }
}

/**
 * The `id` of a stored line, or undefined for a torn or foreign line. A torn line (a writer killed
 * mid-write) must not count: its record was not stored, and the job that comes back rewrites it.
 */
export function idOfLine(line: string): string | undefined {
  if (!line.startsWith(ID_PREFIX) || !isWhole(line)) return undefined;
  const end = line.indexOf('",', ID_PREFIX.length + 1);
  if (end < 0) return undefined;
  try {
    const id: unknown = JSON.parse(line.slice(ID_PREFIX.length, end + 1));
    if (typeof id === 'string') return id;
  } catch {
    // An id holding an escaped quote: fall back to parsing the whole line.
  }
  try {
    const rec: unknown = JSON.parse(line);
    const id = (rec as { id?: unknown } | null)?.id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}
