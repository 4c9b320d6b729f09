/**
 * Why a syslog TCP connection was closed by us: its framing cannot be trusted any more, so nothing
 * after the broken frame can be read (RFC 6587 §3.4.1 has no way to resynchronise a stream).
 */
export abstract class SyslogFrameError extends Error {
  abstract readonly code: string;
  constructor(message: string) {
    super(message);
    this.name = this.constructor.name;
  }
}

/** A frame announces (octet counting) or reaches (newline framing) more than the size limit. */
export class SyslogFrameTooLargeError extends SyslogFrameError {
  readonly code = 'syslog:frame-too-large';
  constructor(limit: number, got: string) {
    super(`a syslog frame is limited to ${limit} bytes (SYSLOG_MAX_MESSAGE_BYTES); got ${got}`);
  }
}

/** An octet-counting frame whose MSG-LEN is not `NONZERO-DIGIT *DIGIT` followed by a space. */
export class SyslogBadOctetCountError extends SyslogFrameError {
  readonly code = 'syslog:bad-octet-count';
  constructor(seen: string) {
    super(`an octet-counted frame must start "MSG-LEN SP" (RFC 6587 §3.4.1); got ${JSON.stringify(seen.slice(0, 20))}`);
  }
}

/** The connection ended inside a frame: the partial frame is dropped. */
export class SyslogTruncatedFrameError extends SyslogFrameError {
  readonly code = 'syslog:truncated-frame';
  constructor(buffered: number) {
    super(`the connection ended inside a frame (${buffered} bytes buffered); the partial frame was dropped`);
  }
}
