// MessagePack bodies and answers on a real Fastify over loopback, beside JSON.
import fc from 'fast-check';
import Fastify, { FastifyInstance } from 'fastify';
import { Packr } from 'msgpackr';
import { MSGPACK_TYPE, packMsgpack, registerMsgpackBody, unpackMsgpack } from './msgpack-body';
import { toErrorAnswer } from './to-error-body';

describe('MessagePack bodies', () => {
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    app = Fastify({ bodyLimit: 64 * 1024 });
    registerMsgpackBody(app);
    app.setErrorHandler((err, _req, reply) => {
      const a = toErrorAnswer(err);
      void reply.code(a.statusCode).send(a.body);
    });
    app.post('/echo', async (req) => ({ got: req.body, proto: Object.getPrototypeOf(req.body) === Object.prototype }));
    app.post('/fail', async (_req, reply) => reply.code(422).send({ code: 'x', message: 'refused' }));
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => app.close());

  const post = (path: string, body: Buffer | string, headers: Record<string, string>) => fetch(`${base}${path}`, { method: 'POST', body, headers });

  it('reads a MessagePack body as the plain values JSON would give, and answers in MessagePack when asked', async () => {
    const value = { events: [{ message: 'héllo', level: 'INFO', n: 3, f: 0.1 + 0.2, big: 2 ** 53 - 1, none: null, flags: [true, false] }] };
    const res = await post('/echo', packMsgpack(value), { 'content-type': MSGPACK_TYPE, accept: `${MSGPACK_TYPE}, application/json` });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(MSGPACK_TYPE);
    expect(unpackMsgpack(Buffer.from(await res.arrayBuffer()))).toEqual({ got: value, proto: true });
    // The same body as JSON, answered in JSON: the same values.
    const json = await post('/echo', JSON.stringify(value), { 'content-type': 'application/json' });
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await json.json()).toEqual({ got: value, proto: true });
  });

  it('answers errors in JSON whatever was asked, and a body that is not one MessagePack value with 400 http:malformed-msgpack', async () => {
    const failed = await post('/fail', packMsgpack({}), { 'content-type': MSGPACK_TYPE, accept: MSGPACK_TYPE });
    expect(failed.status).toBe(422);
    expect(await failed.json()).toEqual({ code: 'x', message: 'refused' });
    const bad: Buffer[] = [
      Buffer.from([0xc1]), // never used
      Buffer.from([0xdb, 0xff, 0xff, 0xff, 0xff]), // a string longer than the body
      Buffer.from([0x81, 0xa1]), // truncated map
      Buffer.concat([packMsgpack({ a: 1 }), packMsgpack({ b: 2 })]), // two values
      Buffer.alloc(0),
      new Packr().pack({ when: new Date(0) }), // an extension JSON has no form for
      new Packr().pack({ bytes: Buffer.from('abc') }),
      new Packr().pack({ n: NaN }),
      new Packr().pack(JSON.parse('['.repeat(80) + ']'.repeat(80))),
    ];
    for (const body of bad) {
      const res = await post('/echo', body, { 'content-type': MSGPACK_TYPE });
      expect({ hex: body.toString('hex'), status: res.status }).toEqual({ hex: body.toString('hex'), status: 400 });
      expect(((await res.json()) as { code: string }).code).toMatch(/^http:(malformed-msgpack|bad-request)$/);
    }
  });

  it('answers random and mutated bodies with 200 or 400, never a 5xx', async () => {
    const valid = packMsgpack({ events: [{ message: 'a', level: 'INFO', attributes: { k: [1, 2.5, null, true] } }] });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 64 }),
          fc
            .record({ at: fc.nat({ max: valid.length - 1 }), byte: fc.integer({ min: 0, max: 255 }), cut: fc.nat({ max: valid.length }) })
            .map(({ at, byte, cut }) => {
              const b = Buffer.from(valid);
              b[at] = byte;
              return b.subarray(0, Math.max(at + 1, cut));
            }),
        ),
        async (bytes) => {
          const res = await post('/echo', Buffer.from(bytes), { 'content-type': MSGPACK_TYPE });
          await res.arrayBuffer();
          return res.status === 200 || res.status === 400;
        },
      ),
      { numRuns: 300, seed: 42 },
    );
  });

  it('keeps prototype keys from becoming prototypes, and the body limit applies', async () => {
    const hostile = new Packr({ useRecords: false }).pack(JSON.parse('{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}}}'));
    const res = await post('/echo', hostile, { 'content-type': MSGPACK_TYPE });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { proto: boolean };
    expect(body.proto).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const big = await post('/echo', packMsgpack({ s: 'x'.repeat(70 * 1024) }), { 'content-type': MSGPACK_TYPE });
    expect(big.status).toBe(413);
  });
});
