import { compressSync } from 'snappy';
import { snappyDeclaredLength, uncompressSnappyBlock } from './snappy-block';

describe('uncompressSnappyBlock', () => {
  it('decodes a block and reads its declared length', () => {
    const block = compressSync(Buffer.from('hello hello hello')) as Buffer;
    expect(snappyDeclaredLength(block)).toBe(17);
    expect(uncompressSnappyBlock(block, 100).toString()).toBe('hello hello hello');
  });
  it('refuses, before decoding, a block declaring more than the limit; and a malformed header', () => {
    expect(() => uncompressSnappyBlock(compressSync(Buffer.alloc(1000)) as Buffer, 999)).toThrow(/declares 1000 bytes/);
    expect(snappyDeclaredLength(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0x01]))).toBeUndefined();
    expect(() => uncompressSnappyBlock(Buffer.from([0x05, 0x00]), 100)).toThrow(/does not decode/);
  });
});
