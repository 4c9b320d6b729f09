import { EGROUP, I32, I64, LEN, ProtoWireError, ProtoWireReader, SGROUP, VARINT } from './proto-wire-reader';

const reader = (...bytes: number[]) => new ProtoWireReader(Buffer.from(bytes));

describe('ProtoWireReader', () => {
  it('reads varints of 1 to 10 bytes as uint32 (the low 32 bits) and as int64', () => {
    expect(reader(0x05).uint32()).toBe(5);
    expect(reader(0xac, 0x02).uint32()).toBe(300);
    expect(reader(0xff, 0xff, 0xff, 0xff, 0x0f).uint32()).toBe(0xffffffff);
    // -1 as an int32 is written in 10 bytes; its low 32 bits, read as signed, are -1 again
    const minusOne = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01];
    expect(reader(...minusOne).uint32() | 0).toBe(-1);
    expect(reader(...minusOne).int64()).toBe(-1);
    expect(reader(0x80, 0x80, 0x80, 0x80, 0x10).int64()).toBe(2 ** 32);
    expect(reader(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f).int64()).toBe(2 ** 53 - 1);
    const r = reader(0x96, 0x01, 0x07);
    expect([r.uint32(), r.uint32(), r.pos]).toEqual([150, 7, 3]);
  });

  it('reads bytes as a view, fixed64 as two words and doubles, each within its limit', () => {
    const buf = Buffer.alloc(20);
    buf[0] = 3;
    buf.set([7, 8, 9], 1);
    buf.writeUInt32LE(0xdeadbeef, 4);
    buf.writeUInt32LE(0x12345678, 8);
    buf.writeDoubleLE(-2.5, 12);
    const r = new ProtoWireReader(buf);
    const view = r.bytes(20);
    expect([...view]).toEqual([7, 8, 9]);
    expect(view.buffer).toBe(buf.buffer);
    expect(r.fixed64Words(20)).toEqual({ low: 0xdeadbeef, high: 0x12345678 });
    expect(r.double(20)).toBe(-2.5);
    expect(r.pos).toBe(20);
    expect(() => reader(1, 2, 3, 4, 5, 6, 7).fixed64Words(7)).toThrow(/fixed-size field runs past/);
    expect(() => reader(1, 2, 3, 4, 5, 6, 7, 8).double(7)).toThrow(/fixed-size field runs past/);
    expect(() => reader(4, 1, 2).bytes(3)).toThrow(/runs 2 bytes past the end of its message/);
  });

  it('refuses a truncated varint and one of more than 10 bytes', () => {
    expect(() => reader(0x80).uint32()).toThrow(ProtoWireError);
    expect(() => reader().uint32()).toThrow(/past the end/);
    expect(() => reader(0x80, 0x80).int64()).toThrow(/past the end/);
    const eleven = Array<number>(10).fill(0xff).concat(0x01);
    expect(() => reader(...eleven).uint32()).toThrow(/longer than 10 bytes/);
    expect(() => reader(...eleven).int64()).toThrow(/longer than 10 bytes/);
  });

  it('reads strings in place and refuses a length past the end of the body or of its message', () => {
    const r = new ProtoWireReader(Buffer.from([0x03, 0x61, 0xc3, 0xa9, 0x00]));
    expect(r.string(r.len)).toBe('aé');
    expect([r.lastStart, r.lastEnd, r.pos]).toEqual([1, 4, 4]);
    expect(reader(0x00).string(1)).toBe('');
    expect(() => reader(0x05, 0x61).string(2)).toThrow(/runs 4 bytes past the end/);
    expect(() => reader(0x02, 0x61, 0x62).string(2)).toThrow(/past the end of its message/);
  });

  it('skips every wire type, groups whole (nested too), and refuses what is not one', () => {
    const skipped = (wire: number, ...bytes: number[]) => {
      const r = reader(...bytes, 0x2a);
      r.skip(wire, r.len);
      return r.uint32();
    };
    expect(skipped(VARINT, 0xff, 0x01)).toBe(42);
    expect(skipped(I64, 1, 2, 3, 4, 5, 6, 7, 8)).toBe(42);
    expect(skipped(LEN, 0x02, 0xff, 0xff)).toBe(42);
    expect(skipped(I32, 1, 2, 3, 4)).toBe(42);
    // group: a varint field, a nested group holding a LEN field, the end of both
    expect(skipped(SGROUP, (1 << 3) | VARINT, 0x05, (2 << 3) | SGROUP, (3 << 3) | LEN, 0x01, 0x00, (2 << 3) | EGROUP, (1 << 3) | EGROUP)).toBe(42);
    expect(() => reader((1 << 3) | VARINT, 0x05).skip(SGROUP, 2)).toThrow(/group is not closed/);
    expect(() => reader().skip(EGROUP, 0)).toThrow(/end-group with no start/);
    expect(() => reader().skip(6, 0)).toThrow(/invalid wire type 6/);
    expect(() => reader().skip(7, 0)).toThrow(/invalid wire type 7/);
    expect(() => reader(1, 2, 3).skip(I32, 3)).toThrow(/fixed-size field runs past/);
    expect(() => reader(1, 2, 3, 4, 5, 6, 7).skip(I64, 7)).toThrow(/fixed-size field runs past/);
  });

  it('refuses field number 0 and a message whose last field runs past its end', () => {
    expect(() => reader(0x00).tag()).toThrow(/field number of 0/);
    expect(() => reader(0x02).tag()).toThrow(/field number of 0/);
    expect(reader(0x0a).tag()).toBe(0x0a);
    const r = reader(0x01, 0x02, 0x03);
    r.pos = 3;
    expect(() => r.close(2)).toThrow(/past the end of its message/);
    expect(() => r.close(3)).not.toThrow();
  });
});
