import { SyslogBadOctetCountError, SyslogFrameTooLargeError, SyslogTruncatedFrameError } from './syslog.errors';

const LF = 0x0a;
const CR = 0x0d;
const SP = 0x20;
const ZERO = 0x30;
const NINE = 0x39;

type State = 'start' | 'count' | 'octets' | 'line';

/**
 * Cuts a syslog TCP stream into frames (RFC 6587), the framing told apart per frame: one that
 * starts with a digit is octet-counted (`MSG-LEN SP SYSLOG-MSG`, §3.4.1, what rsyslog's
 * `TCP_Framing="octet-counted"` and syslog-ng's `syslog()` driver send), any other is ended by LF
 * (non-transparent framing, §3.4.2: rsyslog's `omfwd` and syslog-ng's `network()` by default).
 * A syslog message itself always starts with `<`, so the two cannot be mistaken. Bytes are kept
 * as the chunks they came in (no copying per chunk), so a sender trickling a byte at a time costs
 * no more than one sending the frame whole. A frame over `maxFrameBytes` throws before it is
 * buffered whole; so does a bad count, and `end()` inside a frame: the stream cannot be trusted
 * past either, and the connection is to be closed.
 */
export class SyslogFramer {
  private state: State = 'start';
  private parts: Buffer[] = [];
  private buffered = 0;
  /** octets: bytes still to come; count: the MSG-LEN read so far. */
  private n = 0;
  private digits = '';

  constructor(private readonly maxFrameBytes: number) {}

  /**
   * Hands `onFrame` each frame `chunk` completes, in order (without its framing), before throwing
   * for a broken one: what came whole before it is kept.
   */
  push(chunk: Buffer, onFrame: (frame: Buffer) => void): void {
    let i = 0;
    while (i < chunk.length) {
      const b = chunk[i];
      switch (this.state) {
        case 'start':
          // Blank lines between frames (a sender ending octet-counted frames with LF too) are no frames.
          if (b === LF || b === CR) i++;
          else if (b > ZERO && b <= NINE) this.state = 'count';
          else if (b === ZERO) throw new SyslogBadOctetCountError('0');
          else this.state = 'line';
          break;
        case 'count':
          if (b >= ZERO && b <= NINE) {
            this.n = this.n * 10 + (b - ZERO);
            this.digits += String.fromCharCode(b);
            if (this.n > this.maxFrameBytes) throw new SyslogFrameTooLargeError(this.maxFrameBytes, `a count of ${this.digits}…`);
            i++;
          } else if (b === SP) {
            this.state = 'octets';
            this.buffered = 0;
            i++;
          } else {
            throw new SyslogBadOctetCountError(this.digits + chunk.subarray(i, i + 8).toString('latin1'));
          }
          break;
        case 'octets': {
          const take = Math.min(this.n - this.buffered, chunk.length - i);
          this.parts.push(chunk.subarray(i, i + take));
          this.buffered += take;
          i += take;
          if (this.buffered === this.n) onFrame(this.take());
          break;
        }
        case 'line': {
          const lf = chunk.indexOf(LF, i);
          const end = lf < 0 ? chunk.length : lf;
          if (this.buffered + (end - i) > this.maxFrameBytes) {
            throw new SyslogFrameTooLargeError(this.maxFrameBytes, `a line of more than ${this.maxFrameBytes} bytes without LF`);
          }
          this.parts.push(chunk.subarray(i, end));
          this.buffered += end - i;
          i = end;
          if (lf >= 0) {
            i++;
            const line = this.take();
            onFrame(line.length > 0 && line[line.length - 1] === CR ? line.subarray(0, -1) : line);
          }
          break;
        }
      }
    }
  }

  /** Bytes of a frame begun and not yet complete are held (a slow sender's frame has a deadline). */
  get inFrame(): boolean {
    return this.state !== 'start';
  }

  /** The sender closed the stream: throws if it did so inside a frame. */
  end(): void {
    if (this.inFrame) {
      throw new SyslogTruncatedFrameError(this.buffered + this.digits.length);
    }
  }

  private take(): Buffer {
    const frame = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.buffered);
    this.parts = [];
    this.buffered = 0;
    this.n = 0;
    this.digits = '';
    this.state = 'start';
    return frame;
  }
}
