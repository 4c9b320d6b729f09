import { Rng, encode, lengthFields, ld, mutate, varint, vf } from './mutate';

describe('the mutation fuzzer', () => {
  it('is deterministic: the same seed gives the same cases', () => {
    const run = (seed: number) => {
      const rng = new Rng(seed);
      return Array.from({ length: 50 }, () => {
        const m = mutate(rng, Buffer.from('{"message":"hello","level":"INFO"}'), 'json', 4096);
        return `${m.name}:${encode(rng, m.body, 4096, false).body.toString('base64')}`;
      });
    };
    expect(run(3)).toEqual(run(3));
    expect(run(3)).not.toEqual(run(4));
  });

  it('writes varints as protobuf does, a negative length as 10 bytes', () => {
    expect(varint(300)).toEqual(Buffer.from([0xac, 0x02]));
    expect(varint(-1)).toEqual(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]));
  });

  it('finds the length of every nested message, so that it can lie about one', () => {
    const msg = ld(1, Buffer.concat([ld(1, 'ab'), vf(2, 5), ld(3, ld(1, 'x'))]));
    expect(lengthFields(msg)?.map((f) => f.length)).toEqual([msg.length - 2, 2, 3, 1]);
    expect(lengthFields(Buffer.from([0x0a, 0x05, 0x01]))).toBeUndefined();
  });
});
