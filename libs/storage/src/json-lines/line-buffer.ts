const NEWLINE = 0x0a;

/**
 * Lines encoded as UTF-8 straight into one reusable buffer, for one `write(2)`: building a string
 * of a batch's lines and converting it at the end flattens and copies it twice more. Byte 0 is
 * kept free for the newline that closes a torn last line of the file ({@link bytes}).
 */
export class LineBuffer {
  private buf: Buffer;
  private end = 1;

  constructor(initialBytes = 256 * 1024) {
    this.buf = Buffer.allocUnsafe(initialBytes);
  }

  get isEmpty(): boolean {
    return this.end === 1;
  }

  /** Where the next line goes: {@link truncate} back to it drops what was pushed since. */
  get length(): number {
    return this.end;
  }

  /** Appends `line` (holding no newline, as JSON.stringify output never does) and a newline. */
  push(line: string): void {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    const need = this.end + line.length * 3 + 1;
    if (need > this.buf.length) {
      const grown = Buffer.allocUnsafe(Math.max(need, this.buf.length * 2));
      this.buf.copy(grown, 0, 0, this.end);
      this.buf = grown;
    }
    this.end += this.buf.write(line, this.end);
    this.buf[this.end++] = NEWLINE;
  }

  truncate(length: number): void {
    this.end = Math.max(1, Math.min(length, this.end));
  }

  clear(): void {
    this.end = 1;
  }

  /** The lines pushed, after a newline when `newlineFirst`; valid until the next push or clear. */
  bytes(newlineFirst: boolean): Buffer {
    if (!newlineFirst) return this.buf.subarray(1, this.end);
    this.buf[0] = NEWLINE;
    return this.buf.subarray(0, this.end);
  }
}
