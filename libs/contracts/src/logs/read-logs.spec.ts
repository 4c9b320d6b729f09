import fc from 'fast-check';
import { DEFAULT_LOG_LIMITS, LogLimits } from './log-limits';
import { normalizeLogFields } from './normalize-log-fields';
import { MAX_REPORTED_ERRORS, parseLogs } from './parse-logs';
import { readLogs } from './read-logs';

const ids = () => {
  let n = 0;
  return () => `gen-${++n}`;
};

/** The reference: normalise every log, then validate and normalise the batch. */
const reference = (items: unknown[], limits: LogLimits, requestId?: string) => parseLogs(items.map(normalizeLogFields), limits, 1_700_000_000_000, ids(), requestId);
const fast = (items: unknown[], limits: LogLimits, requestId?: string) => readLogs(items, limits, 1_700_000_000_000, ids(), requestId);

describe('readLogs', () => {
  it('reads our own fields straight, and pino-style fields through normalizeLogFields', () => {
    const r = fast(
      [
        { timestamp: '2025-11-26T08:00:00.000Z', source: 'auth', level: 'INFO', message: 'a' },
        { message: 'b', level: 'warning', timestamp: '2025-11-26T09:00:00+01:00', id: 'c-1', attributes: { k: 1 } },
        { msg: 'c', level: 30, time: 1_700_000_000, pid: 7, attributes: { pid: 8 } },
      ],
      DEFAULT_LOG_LIMITS,
      'req-1',
    );
    expect(r).toStrictEqual({
      ok: true,
      logs: [
        { id: 'gen-1', timestamp: '2025-11-26T08:00:00.000Z', receivedAt: 1_700_000_000_000, source: 'auth', level: 'INFO', message: 'a', requestId: 'req-1' },
        { id: 'c-1', timestamp: '2025-11-26T08:00:00.000Z', receivedAt: 1_700_000_000_000, source: null, level: 'WARN', message: 'b', attributes: { k: 1 }, requestId: 'req-1' },
        { id: 'gen-2', timestamp: '2023-11-14T22:13:20.000Z', receivedAt: 1_700_000_000_000, source: null, level: 'INFO', message: 'c', attributes: { pid: 8 }, requestId: 'req-1' },
      ],
    });
  });

  it('words its errors as parseLogs does, in the same order, up to the same cap', () => {
    const bad = [{ message: '' }, 'text', { message: 'm', level: 8, timestamp: '2025-02-30', source: 'a\nb' }, { message: 'ok' }];
    expect(fast(bad, DEFAULT_LOG_LIMITS)).toStrictEqual(reference(bad, DEFAULT_LOG_LIMITS));
    const many = Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? { message: 'ok' } : { message: '', level: 'LOUD' }));
    const r = fast(many, DEFAULT_LOG_LIMITS);
    expect(r.ok ? 0 : r.errors.length).toBe(MAX_REPORTED_ERRORS);
    expect(r).toStrictEqual(reference(many, DEFAULT_LOG_LIMITS));
    expect(fast([], DEFAULT_LOG_LIMITS)).toStrictEqual(reference([], DEFAULT_LOG_LIMITS));
  });

  describe('agrees with the reference on generated batches', () => {
    const small: LogLimits = { maxMessageBytes: 8, maxSourceLength: 3, maxIdLength: 4, maxBatchSize: 4, maxAttributesBytes: 30, maxAttributesDepth: 2 };
    const value = fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.constantFrom('', 'a', 'é'.repeat(3), 'é'.repeat(5), 'nul\u0000', 'tab\t', 'del\u007f', 'x'.repeat(12), 'abc-1.2:3', 'a b', 'k1'),
      fc.constantFrom('info', 'WARN', 'Error', 'warning', 'silly', 'LOUD'),
      fc.constantFrom('2025-11-26T08:00:00.000Z', '2024-02-29T23:59:59.999Z', '2025-02-30T00:00:00.000Z', '2025-01-01T24:00:00.000Z', '2025-11-26T08:00:00Z'),
      fc.constantFrom('2025-11-26 08:00:00,5+0100', '2025-11-26', '2025-13-01T00:00:00.000Z', '0000-01-01T00:00:00.000Z', 'yesterday'),
      fc.constantFrom(0, 3, 8, 30, 35, 99, -1, 1.5, 1_700_000_000, 1_700_000_000_123, 1_700_000_000_123_456, 8.64e15, 8.64e15 + 1, NaN),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      fc.array(fc.integer(), { maxLength: 2 }),
      fc.constantFrom({}, { a: 1 }, { a: { b: { c: 1 } } }, { msg: 'inner', app: 'mine' }, { long: 'y'.repeat(40) }),
      fc.object({ maxDepth: 2, maxKeys: 3 }),
    );
    const keys = ['message', 'source', 'level', 'timestamp', 'id', 'attributes', 'msg', 'service', 'app', 'time', 'pid', 'hostname'] as const;
    const log = fc.oneof(
      { weight: 8, arbitrary: fc.record(Object.fromEntries(keys.map((k) => [k, value])) as Record<(typeof keys)[number], fc.Arbitrary<unknown>>, { requiredKeys: [] }) },
      { weight: 3, arbitrary: fc.record({ message: fc.constantFrom('m', 'hello'), level: value, timestamp: value, source: value }, { requiredKeys: ['message'] }) },
      { weight: 1, arbitrary: value },
    );
    const batch = fc.array(log, { minLength: 0, maxLength: 6 });
    const agree = (limits: LogLimits) =>
      fc.property(batch, fc.option(fc.constant('req-9'), { nil: undefined }), (items, requestId) => {
        const a = fast(items, limits, requestId);
        const b = reference(items, limits, requestId);
        expect(a).toStrictEqual(b);
        // the same keys in the same order: what goes on the queue is serialised as it is built
        expect(JSON.stringify(a)).toBe(JSON.stringify(b));
      });

    it('with small limits (5,000 batches)', () => fc.assert(agree(small), { numRuns: 5000, seed: 7 }));
    it('with the default limits (5,000 batches)', () => fc.assert(agree(DEFAULT_LOG_LIMITS), { numRuns: 5000, seed: 8 }));
  });
});
