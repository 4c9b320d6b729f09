import { uncompressSync } from 'snappy';
import { LokiBadBodyProblem } from './loki.problems';

/**
 * Decodes a snappy *block* (not the framed stream format): what Loki's clients send. The block
 * opens with its uncompressed length as a varint; that is checked against `maxBytes` before
 * anything is decoded, so a small body declaring gigabytes is refused without allocating them.
 */
export function uncompressSnappyBlock(body: Buffer, maxBytes: number): Buffer {
  const declared = snappyDeclaredLength(body);
  if (declared === undefined) throw new LokiBadBodyProblem('the body is not a snappy block (its length header is malformed)');
  if (declared > maxBytes) {
    throw new LokiBadBodyProblem(`the snappy body declares ${declared} bytes uncompressed, over the limit of ${maxBytes} bytes (MAX_BODY_BYTES)`, 413);
  }
  try {
    const out = uncompressSync(body) as Buffer;
    if (out.length !== declared) throw new Error('length mismatch');
    return out;
  } catch (err) {
    throw new LokiBadBodyProblem(`the snappy body does not decode: ${(err as Error).message}`);
  }
}

/** The varint at the start of a snappy block (at most 5 bytes, a uint32), or undefined. */
export function snappyDeclaredLength(body: Buffer): number | undefined {
  let n = 0;
  for (let i = 0; i < 5 && i < body.length; i++) {
    const b = body[i];
    n += (b & 0x7f) * 2 ** (7 * i);
    if ((b & 0x80) === 0) return n <= 0xffffffff ? n : undefined;
  }
  return undefined;
}
