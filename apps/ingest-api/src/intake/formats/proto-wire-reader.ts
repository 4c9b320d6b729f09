import { isUtf8 } from 'node:buffer';

/** A protobuf body that does not follow the wire format: a bad varint, a length past the end, a wrong wire type. */
export class ProtoWireError extends Error {
  override readonly name = this.constructor.name;
}

/** Wire types (protobuf encoding guide). */
export const VARINT = 0;
export const I64 = 1;
export const LEN = 2;
export const SGROUP = 3;
export const EGROUP = 4;
export const I32 = 5;

/**
 * A cursor over protobuf wire format in a Buffer, for decoders written per message (Loki's push):
 * no object per field and strings decoded straight from the body. Every read is bounded by the
 * buffer; a message's end is checked by {@link endOf} and {@link close}. Throws {@link ProtoWireError}.
 */
export class ProtoWireReader {
  pos = 0;
  /** Start and end of the last {@link string}, for a caller that must check its bytes. */
  lastStart = 0;
  lastEnd = 0;

  constructor(readonly buf: Buffer) {}

  get len(): number {
    return this.buf.length;
  }

  /** A varint's low 32 bits as an unsigned number (what tags, lengths and int32 fields use); up to 10 bytes. */
  uint32(): number {
    const buf = this.buf;
    let pos = this.pos;
    if (pos < buf.length && buf[pos] < 0x80) {
      this.pos = pos + 1;
      return buf[pos];
    }
    let v = 0;
    for (let shift = 0; shift < 70; shift += 7) {
      if (pos >= buf.length) throw new ProtoWireError(`a varint runs past the end at offset ${pos}`);
      const b = buf[pos++];
      // bits 32 and up do not fit: read and dropped, as protobuf does for a 32-bit field
      if (shift < 32) v |= (b & 0x7f) << shift;
      if (b < 0x80) {
        this.pos = pos;
        return v >>> 0;
      }
    }
    throw new ProtoWireError(`a varint is longer than 10 bytes at offset ${this.pos}`);
  }

  /** A varint as a signed 64-bit number (int64), as a double: high word × 2³² + low word, what Long.toNumber gives. */
  int64(): number {
    const buf = this.buf;
    let pos = this.pos;
    let lo = 0;
    let hi = 0;
    for (let shift = 0; shift < 70; shift += 7) {
      if (pos >= buf.length) throw new ProtoWireError(`a varint runs past the end at offset ${pos}`);
      const b = buf[pos++];
      const bits = b & 0x7f;
      if (shift < 28) lo |= bits << shift;
      else if (shift === 28) {
        lo |= bits << 28;
        hi |= bits >>> 4;
      } else hi |= bits << (shift - 32);
      if (b < 0x80) {
        this.pos = pos;
        return (hi | 0) * 4294967296 + (lo >>> 0);
      }
    }
    throw new ProtoWireError(`a varint is longer than 10 bytes at offset ${this.pos}`);
  }

  /** The end offset of a length-delimited field whose length comes next; it must lie within `limit`. */
  endOf(limit: number): number {
    const length = this.uint32();
    const end = this.pos + length;
    if (end > limit) throw new ProtoWireError(`a length of ${length} at offset ${this.pos} runs ${end - limit} bytes past the end of its message`);
    return end;
  }

  /** A length-delimited field as UTF-8 text, within `limit`; its bytes are left at lastStart…lastEnd. */
  string(limit: number): string {
    const end = this.endOf(limit);
    const start = this.pos;
    this.pos = end;
    this.lastStart = start;
    this.lastEnd = end;
    return start === end ? '' : this.buf.toString('utf8', start, end);
  }

  /** A length-delimited field as a view into the buffer (no copy), within `limit`. */
  bytes(limit: number): Uint8Array {
    const end = this.endOf(limit);
    const b = this.buf.subarray(this.pos, end);
    this.pos = end;
    return b;
  }

  /** A fixed64 field as its two 32-bit words, little end first (exact: no float, no BigInt), within `limit`. */
  fixed64Words(limit: number): { low: number; high: number } {
    const at = this.pos;
    this.advance(8, limit);
    return { low: this.buf.readUInt32LE(at), high: this.buf.readUInt32LE(at + 4) };
  }

  /** A double field, within `limit`. */
  double(limit: number): number {
    const at = this.pos;
    this.advance(8, limit);
    return this.buf.readDoubleLE(at);
  }

  /**
   * Whether the last {@link string} (`s`, what it returned) was valid UTF-8, as proto3 strings must be.
   * Its bytes are checked only when `s` holds U+FFFD, which is what invalid bytes decode to.
   */
  lastStringWasUtf8(s: string): boolean {
    return !s.includes('\ufffd') || isUtf8(this.buf.subarray(this.lastStart, this.lastEnd));
  }

  /** Skips the value of a field of unknown number with wire type `wire`, within `limit`; groups are skipped whole. */
  skip(wire: number, limit: number): void {
    let depth = 0;
    for (;;) {
      switch (wire) {
        case VARINT:
          this.uint32();
          break;
        case I64:
          this.advance(8, limit);
          break;
        case LEN:
          this.pos = this.endOf(limit);
          break;
        case SGROUP:
          depth++;
          break;
        case EGROUP:
          if (depth === 0) throw new ProtoWireError(`an end-group with no start at offset ${this.pos}`);
          depth--;
          break;
        case I32:
          this.advance(4, limit);
          break;
        default:
          throw new ProtoWireError(`invalid wire type ${wire} at offset ${this.pos}`);
      }
      if (this.pos > limit) throw new ProtoWireError(`a field runs past the end of its message at offset ${limit}`);
      if (depth === 0) return;
      if (this.pos >= limit) throw new ProtoWireError(`a group is not closed before offset ${limit}`);
      wire = this.uint32() & 7;
    }
  }

  /**
   * The next field's tag (field number × 8 + wire type); a field number of 0 is not one. Callers
   * loop while `pos < end` and then {@link close} the message.
   */
  tag(): number {
    const t = this.uint32();
    if (t >>> 3 === 0) throw new ProtoWireError(`a field number of 0 at offset ${this.pos}`);
    return t;
  }

  /** Checks that the fields of a message ended exactly at its end. */
  close(end: number): void {
    if (this.pos !== end) throw new ProtoWireError(`a field runs past the end of its message at offset ${end}`);
  }

  private advance(n: number, limit: number): void {
    if (this.pos + n > limit) throw new ProtoWireError(`a fixed-size field runs past the end of its message at offset ${this.pos}`);
    this.pos += n;
  }
}

/** "field N has wire type W, not E": a known field sent as something else (Go's decoder refuses those too). */
export function wrongWireType(field: string, tag: number, expected: number): ProtoWireError {
  return new ProtoWireError(`${field} (field ${tag >>> 3}) has wire type ${tag & 7}, not ${expected}`);
}
