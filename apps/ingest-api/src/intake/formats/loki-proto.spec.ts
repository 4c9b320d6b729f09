import { decodeLokiProto, LokiStream } from './loki-proto';
import { LokiBadBodyProblem } from './loki.problems';

interface WinstonLokiProto {
  PushRequest: { create(o: unknown): unknown; encode(m: unknown): { finish(): Uint8Array } };
}
// winston-loki's generated encoder of Loki's push.proto: what a real client writes
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { logproto } = require('winston-loki/src/proto') as { logproto: WinstonLokiProto };
const encode = (streams: unknown[]) => Buffer.from(logproto.PushRequest.encode(logproto.PushRequest.create({ streams })).finish());

// Wire-format pieces for bodies no client writes (grafana/loki push.proto field numbers).
const varint = (n: number): number[] => {
  const out: number[] = [];
  for (; n > 0x7f; n = Math.floor(n / 128)) out.push((n % 128) | 0x80);
  return [...out, n];
};
const ld = (field: number, body: Buffer | string) => {
  const b = typeof body === 'string' ? Buffer.from(body) : body;
  return Buffer.concat([Buffer.from([(field << 3) | 2, ...varint(b.length)]), b]);
};
const vf = (field: number, n: number) => Buffer.from([field << 3, ...varint(n)]);
const cat = (...parts: Buffer[]) => Buffer.concat(parts);

const plain = (streams: LokiStream[]) =>
  streams.map((s) => ({ labels: s.labels, entries: s.entries.map((e) => ({ ...e, metadata: e.metadata && { ...e.metadata } })) }));
const refusal = (body: Buffer): string => {
  try {
    decodeLokiProto(body);
  } catch (err) {
    expect(err).toBeInstanceOf(LokiBadBodyProblem);
    expect((err as LokiBadBodyProblem).statusCode).toBe(400);
    return (err as Error).message;
  }
  throw new Error('decoded');
};

describe('decodeLokiProto', () => {
  it('decodes what winston-loki sends: labels, lines, times to the ms, no metadata object', () => {
    const body = encode([
      {
        labels: '{job="api", level="info"}',
        entries: [
          { timestamp: { seconds: 1796677000, nanos: 123456789 }, line: 'GET /cart 200 ünï' },
          { timestamp: { seconds: 0, nanos: 0 }, line: 'no time' },
          { timestamp: { seconds: -2, nanos: 500000000 }, line: 'before 1970' },
          { timestamp: { seconds: 1796677001, nanos: 0 }, line: '' },
        ],
      },
      { labels: '{app="z"}', entries: [] },
    ]);
    expect(plain(decodeLokiProto(body))).toEqual([
      {
        labels: '{job="api", level="info"}',
        entries: [
          { ms: 1796677000123, line: 'GET /cart 200 ünï', metadata: undefined },
          { ms: undefined, line: 'no time', metadata: undefined },
          { ms: -1500, line: 'before 1970', metadata: undefined },
          { ms: 1796677001000, line: '', metadata: undefined },
        ],
      },
      { labels: '{app="z"}', entries: [] },
    ]);
    expect(decodeLokiProto(Buffer.alloc(0))).toEqual([]);
  });

  it("reads structured metadata (Loki 3's field 3 of an entry; winston-loki's proto predates it)", () => {
    const entry = cat(ld(2, 'with metadata'), ld(3, cat(ld(1, 'trace_id'), ld(2, 'abc'))), ld(3, ld(1, 'empty')));
    expect(plain(decodeLokiProto(ld(1, cat(ld(1, '{a="b"}'), ld(2, entry)))))).toEqual([
      { labels: '{a="b"}', entries: [{ ms: undefined, line: 'with metadata', metadata: { trace_id: 'abc', empty: '' } }] },
    ]);
  });

  it('skips unknown fields of every wire type at every level (the stream hash, newer fields)', () => {
    const unknowns = cat(
      vf(9, 300),
      Buffer.from([(10 << 3) | 1, 1, 2, 3, 4, 5, 6, 7, 8]),
      ld(11, 'x'),
      Buffer.from([(12 << 3) | 5, 1, 2, 3, 4]),
      Buffer.from([(13 << 3) | 3, 8, 1, (13 << 3) | 4]),
    );
    const ts = cat(vf(1, 1796677000), unknowns, vf(2, 7_000_000));
    const entry = cat(unknowns, ld(1, ts), ld(2, 'line'), ld(3, cat(ld(1, 'k'), unknowns, ld(2, 'v'))), unknowns);
    const stream = cat(ld(1, '{job="a"}'), vf(3, 12345), unknowns, ld(2, entry));
    expect(plain(decodeLokiProto(cat(unknowns, ld(1, stream), unknowns)))).toEqual([
      { labels: '{job="a"}', entries: [{ ms: 1796677000007, line: 'line', metadata: { k: 'v' } }] },
    ]);
  });

  it('refuses known fields of the wrong wire type, as Loki does', () => {
    expect(refusal(vf(1, 5))).toMatch(/streams \(field 1\) has wire type 0, not 2/);
    expect(refusal(ld(1, vf(1, 5)))).toMatch(/labels \(field 1\) has wire type 0/);
    expect(refusal(ld(1, vf(2, 5)))).toMatch(/entries \(field 2\) has wire type 0/);
    expect(refusal(ld(1, ld(2, vf(2, 5))))).toMatch(/line \(field 2\) has wire type 0/);
    expect(refusal(ld(1, ld(2, ld(1, ld(1, 'x')))))).toMatch(/timestamp seconds \(field 1\) has wire type 2, not 0/);
    expect(refusal(ld(1, ld(2, ld(3, vf(2, 1)))))).toMatch(/metadata value \(field 2\) has wire type 0/);
  });

  it('refuses malformed varints, truncated lengths and fields that overrun their message', () => {
    expect(refusal(Buffer.from([0x0a, 0x80]))).toMatch(/not a Loki PushRequest: a varint runs past the end/);
    expect(refusal(Buffer.from([0x0a, 0x10, 0x0a]))).toMatch(/runs \d+ bytes past the end/);
    expect(refusal(Buffer.from([0x0a, ...Array<number>(10).fill(0xff), 0x01]))).toMatch(/longer than 10 bytes/);
    // the stream says 3 bytes; its labels field says 5 and runs past it (though not past the body)
    expect(refusal(cat(Buffer.from([0x0a, 0x03, 0x0a, 0x05]), Buffer.from('abcdefgh')))).toMatch(/past the end of its message/);
    expect(refusal(encode([{ labels: '{a="b"}', entries: [{ line: 'x' }] }]).subarray(0, 10))).toMatch(/past the end/);
    expect(refusal(Buffer.from([0x00, 0x00]))).toMatch(/field number of 0/);
    expect(refusal(Buffer.from([(5 << 3) | 6]))).toMatch(/invalid wire type 6/);
  });

  it('refuses invalid UTF-8 in labels, lines and metadata, naming where; takes a real U+FFFD', () => {
    const bad = Buffer.from([0x61, 0xff, 0x62]);
    expect(refusal(ld(1, ld(1, bad)))).toMatch(/streams\[0\]\.labels is not valid UTF-8/);
    expect(refusal(cat(ld(1, ld(1, '{}')), ld(1, cat(ld(2, ld(2, 'ok')), ld(2, ld(2, bad))))))).toMatch(/streams\[1\]\.entries\[1\]\.line is not valid UTF-8/);
    expect(refusal(ld(1, ld(2, ld(3, ld(1, bad)))))).toMatch(/streams\[0\]\.entries\[0\] metadata name is not valid UTF-8/);
    expect(refusal(ld(1, ld(2, ld(3, ld(2, Buffer.from([0xc3]))))))).toMatch(/metadata value is not valid UTF-8/);
    expect(decodeLokiProto(encode([{ labels: '{a="\ufffd"}', entries: [{ line: 'replacement \ufffd kept' }] }]))[0]).toMatchObject({
      labels: '{a="\ufffd"}',
      entries: [{ line: 'replacement \ufffd kept' }],
    });
  });

  it('lets a later timestamp or string replace an earlier one, and a later metadata name win', () => {
    const entry = cat(
      ld(1, vf(1, 5)),
      ld(1, vf(2, 2_000_000)),
      ld(2, 'first'),
      ld(2, 'second'),
      ld(3, cat(ld(1, 'k'), ld(2, '1'))),
      ld(3, cat(ld(1, 'k'), ld(2, '2'))),
    );
    expect(plain(decodeLokiProto(ld(1, cat(ld(1, '{x="1"}'), ld(1, '{x="2"}'), ld(2, entry)))))).toEqual([
      { labels: '{x="2"}', entries: [{ ms: 2, line: 'second', metadata: { k: '2' } }] },
    ]);
  });
});
