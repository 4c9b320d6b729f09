import { FileHandle, open, rename, stat } from 'node:fs/promises';
import { LineBuffer } from './line-buffer';

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

  /**
   * @param ino the inode of `handle`, to tell whether `path` still names it (rotation) with one stat.
   * @param end the file's size as last learnt (a stat, or our own append), or -1 when unknown. It is
   *   the true size while the caller holds the directory's write lock or owns the file alone, which
   *   spares a stat before and after every append.
   */
  private constructor(
    readonly path: string,
    private handle: FileHandle,
    private ino: number,
    private end: number,
  ) {}

  /** Opens for appending; a torn last line (crash mid-write) is closed with a newline so it stands alone and is skipped by readers. */
  static async open(path: string): Promise<{ file: JsonLinesFile; repairedTornLine: boolean }> {
    const handle = await open(path, 'a+');
    const { size, ino } = await handle.stat();
    let repairedTornLine = false;
    if (size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last[0] !== NEWLINE) {
        await handle.write('\n');
        repairedTornLine = true;
      }
    }
    return { file: new JsonLinesFile(path, handle, ino, size + Number(repairedTornLine)), repairedTornLine };
  }

  /**
   * Reads the ids of lines appended since the last call (by anyone), starting no earlier than
   * `tailBytes` from the end. `knownSize` is the size a caller just read with a stat of the path.
   */
  async readNewIds(onId: (id: string) => void, tailBytes = Infinity, knownSize?: number): Promise<void> {
    const size = knownSize ?? (await this.handle.stat()).size;
    this.end = size;
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
   * Reads what other processes appended, following a rotation one of them made (its last lines
   * first, then the new file): one stat of the path when nothing was rotated.
   * @returns whether the file had been rotated
   */
  async readNewIdsFollowing(onId: (id: string) => void, tailBytes = Infinity): Promise<boolean> {
    const current = await stat(this.path).catch(() => null);
    if (current && current.ino === this.ino) {
      await this.readNewIds(onId, tailBytes, current.size);
      return false;
    }
    await this.readNewIds(onId, tailBytes);
    await this.reopen();
    await this.readNewIds(onId, tailBytes);
    return true;
  }

  /**
   * Appends whole lines (a string, or a {@link LineBuffer}'s bytes) in one write. Callers hold the
   * directory's write lock (or own the file alone) since the size was last learnt, so a last byte
   * that is not a newline can only be a torn line of a killed writer: it is closed first, so that
   * our first line never glues onto it. When everything up to the end was read as whole lines, the
   * last byte is known to be a newline and nothing is checked.
   */
  async append(lines: string | LineBuffer): Promise<void> {
    if (this.end < 0) this.end = (await this.handle.stat()).size;
    const sizeBefore = this.end;
    let closeTorn = false;
    if (sizeBefore > 0 && sizeBefore !== this.indexedTo) {
      const last = Buffer.alloc(1);
      await this.handle.read(last, 0, 1, sizeBefore - 1);
      closeTorn = last[0] !== NEWLINE;
    }
    const buf = typeof lines === 'string' ? Buffer.from(closeTorn ? '\n' + lines : lines, 'utf8') : lines.bytes(closeTorn);
    // Until the write is whole, the size is unknown (ENOSPC may leave part of it): stat next time.
    this.end = -1;
    let off = 0;
    while (off < buf.length) {
      const { bytesWritten } = await this.handle.write(buf, off, buf.length - off);
      off += bytesWritten;
    }
    this.end = sizeBefore + buf.length;
    // Our own lines need not be read back when nothing else was appended around them.
    if (sizeBefore === this.indexedTo) this.indexedTo = this.end;
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

  /** Bytes in the file now (as last learnt, under the caller's lock). */
  async size(): Promise<number> {
    if (this.end < 0) this.end = (await this.handle.stat()).size;
    return this.end;
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

  private async reopen(): Promise<void> {
    const old = this.handle;
    this.handle = await open(this.path, 'a+');
    const { ino, size } = await this.handle.stat();
    this.ino = ino;
    this.end = size;
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
