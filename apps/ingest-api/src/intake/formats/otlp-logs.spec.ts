import { DEFAULT_LOG_LIMITS } from '@logad/contracts';
import { IngestValidationProblem } from '../ingest-validation.problem';
import { DecodeContext } from './decode-context';
import { decodeOtlpLogs, levelOf } from './otlp-logs';
import { OtlpInvalidRequestProblem } from './otlp.problems';
import { otlpSchema } from './otlp-schema';

let n = 0;
const ctx: DecodeContext = { limits: DEFAULT_LOG_LIMITS, receivedAt: Date.parse('2026-12-07T00:00:00Z'), requestId: 'req-1', newId: () => `id-${n++}` };
const str = (s: string) => ({ stringValue: s });

/** An OTLP/JSON request of one resource and scope, as the spec's example (hex ids, int64 as strings, enum ints). */
const jsonRequest = (records: unknown[], resourceAttrs: unknown[] = [{ key: 'service.name', value: str('checkout') }]) => ({
  resourceLogs: [
    {
      resource: { attributes: [...resourceAttrs, { key: 'host.name', value: str('web-1') }] },
      scopeLogs: [{ scope: { name: 'my.lib', version: '1.2.0', attributes: [{ key: 'lib.kind', value: str('http') }] }, logRecords: records }],
    },
  ],
});

describe('decodeOtlpLogs', () => {
  it('maps an OTLP/JSON record: source, level, message, timestamp, ids and dotted attributes', () => {
    const d = decodeOtlpLogs(
      jsonRequest([
        {
          timeUnixNano: '1765065600123456789',
          observedTimeUnixNano: '1765065601000000000',
          severityNumber: 13,
          severityText: 'Warning',
          body: str('payment provider timeout'),
          traceId: '5B8EFFF798038103D269B633813FC60C',
          spanId: 'EEE19B7EC3C1B174',
          attributes: [
            { key: 'http.status', value: { intValue: '504' } },
            { key: 'big', value: { intValue: '9223372036854775807' } },
            { key: 'ratio', value: { doubleValue: 0.5 } },
            { key: 'ok', value: { boolValue: false } },
            { key: 'tags', value: { arrayValue: { values: [str('a'), { intValue: 1 }] } } },
            { key: 'http', value: { kvlistValue: { values: [{ key: 'method', value: str('GET') }] } } },
            { key: 'lib.kind', value: str('record wins') },
          ],
        },
      ]),
      {},
      ctx,
    );
    expect(d.rejected).toBe(0);
    expect(d.logs).toEqual([
      {
        id: expect.stringMatching(/^id-/),
        timestamp: '2025-12-07T00:00:00.123Z',
        receivedAt: ctx.receivedAt,
        source: 'checkout',
        level: 'WARN',
        message: 'payment provider timeout',
        requestId: 'req-1',
        attributes: {
          'host.name': 'web-1',
          'otel.scope.name': 'my.lib',
          'otel.scope.version': '1.2.0',
          'lib.kind': 'record wins',
          'http.status': 504,
          big: '9223372036854775807',
          ratio: 0.5,
          ok: false,
          tags: ['a', 1],
          'http.method': 'GET',
          trace_id: '5b8efff798038103d269b633813fc60c',
          span_id: 'eee19b7ec3c1b174',
        },
      },
    ]);
  });

  it('takes the protobuf encoding the same way (Long times, byte ids), observed time when there is no time', () => {
    const { request } = otlpSchema();
    const msg = request.fromObject({
      resourceLogs: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'api' } }] },
          scopeLogs: [
            {
              logRecords: [
                { observedTimeUnixNano: '1765065600000000000', severityNumber: 17, body: { kvlistValue: { values: [{ key: 'event', value: { stringValue: 'login' } }] } }, traceId: Buffer.alloc(16, 0xab), spanId: Buffer.alloc(8, 1) },
              ],
            },
          ],
        },
      ],
    });
    const d = decodeOtlpLogs(Buffer.from(request.encode(msg).finish()), {}, ctx);
    expect(d.logs[0]).toMatchObject({ source: 'api', level: 'ERROR', message: '{"event":"login"}', timestamp: '2025-12-07T00:00:00.000Z' });
    expect(d.logs[0].attributes).toEqual({ trace_id: 'ab'.repeat(16), span_id: '01'.repeat(8) });
  });

  it('refuses records it cannot hold and keeps the others (partial success); all refused is a 400', () => {
    const d = decodeOtlpLogs(jsonRequest([{ body: str('kept') }, {}, { body: str('x'.repeat(70_000)) }, { body: str('nul\u0000') }]), {}, ctx);
    expect(d.logs.map((l) => l.message)).toEqual(['kept']);
    expect(d.logs[0].timestamp).toBe('2026-12-07T00:00:00.000Z'); // no time: when it was received
    expect(d.rejected).toBe(3);
    expect(d.reasons[0]).toBe('resourceLogs[0].scopeLogs[0].logRecords[1]: the record has no body (logad needs a message)');
    expect(d.reasons[1]).toContain('at most 65536 bytes');
    expect(Object.fromEntries(d.refused)).toEqual({ invalid_message: 2, message_too_long: 1 });
    expect(() => decodeOtlpLogs(jsonRequest([{}]), {}, ctx)).toThrow(IngestValidationProblem);
  });

  it('bounds nesting, refuses __proto__ keys, and refuses bodies that are not OTLP', () => {
    let deep: unknown = str('leaf');
    for (let i = 0; i < 10; i++) deep = { kvlistValue: { values: [{ key: 'k', value: deep }] } };
    const d = decodeOtlpLogs(jsonRequest([{ body: str('ok') }, { body: str('deep'), attributes: [{ key: 'a', value: deep }] }, { body: deep }, { body: str('p'), attributes: [{ key: '__proto__', value: str('x') }] }]), {}, ctx);
    expect(d.logs).toHaveLength(1);
    expect(d.rejected).toBe(3);
    expect(d.reasons.join()).toContain('nested too deep');
    expect(d.reasons.join()).toContain('__proto__');
    expect(Object.fromEntries(d.refused)).toEqual({ attributes_too_deep: 2, invalid_attributes: 1 });
    expect(() => decodeOtlpLogs([], {}, ctx)).toThrow(OtlpInvalidRequestProblem);
    expect(() => decodeOtlpLogs({ resourceLogs: {} }, {}, ctx)).toThrow(OtlpInvalidRequestProblem);
    expect(() => decodeOtlpLogs(Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]), {}, ctx)).toThrow(OtlpInvalidRequestProblem);
    expect(decodeOtlpLogs({}, {}, ctx)).toEqual({ logs: [], rejected: 0, reasons: [], refused: new Map() });
  });

  it('counts records from the wire format and refuses more than maxBatchSize before decoding', () => {
    const { request } = otlpSchema();
    const records = Array.from({ length: 30 }, () => ({}));
    const buf = Buffer.from(request.encode(request.fromObject({ resourceLogs: [{ scopeLogs: [{ logRecords: records }, { logRecords: records }] }] })).finish());
    expect(() => decodeOtlpLogs(buf, {}, { ...ctx, limits: { ...ctx.limits, maxBatchSize: 60 } })).toThrow(/no body/); // 60 counted: not too many
    expect(() => decodeOtlpLogs(buf, {}, { ...ctx, limits: { ...ctx.limits, maxBatchSize: 50 } })).toThrow(/at most 50 log records/);
  });

  it('refuses strings that are not UTF-8 in protobuf', () => {
    // resource_logs { scope_logs { log_records { body { string_value: C3 28 } } } }
    const rec = Buffer.from([0x2a, 0x04, 0x0a, 0x02, 0xc3, 0x28]);
    const sl = Buffer.concat([Buffer.from([0x12, rec.length]), rec]);
    const rl = Buffer.concat([Buffer.from([0x12, sl.length]), sl]);
    const req = Buffer.concat([Buffer.from([0x0a, rl.length]), rl]);
    expect(() => decodeOtlpLogs(req, {}, ctx)).toThrow(/not valid UTF-8/);
  });

  it('keeps a real U+FFFD, and a string cut short by the body is a bad protobuf', () => {
    const { request } = otlpSchema();
    const ok = Buffer.from(request.encode(request.fromObject(jsonRequest([{ body: str('a \ufffd b') }]))).finish());
    expect(decodeOtlpLogs(ok, {}, ctx).logs[0].message).toBe('a \ufffd b');
    const rec = Buffer.from([0x2a, 0x04, 0x0a, 0x7f, 0x61, 0x61]); // string_value says 127 bytes, 2 follow
    const sl = Buffer.concat([Buffer.from([0x12, rec.length]), rec]);
    const rl = Buffer.concat([Buffer.from([0x12, sl.length]), sl]);
    expect(() => decodeOtlpLogs(Buffer.concat([Buffer.from([0x0a, rl.length]), rl]), {}, ctx)).toThrow(OtlpInvalidRequestProblem);
  });

  it('a scopeLogs per record of one scope maps as one scopeLogs does; a scope with attributes between is its own', () => {
    const rec = (m: string) => ({ body: str(m), severityNumber: 9 });
    const scoped = (scope: unknown, m: string) => ({ scope, logRecords: [rec(m)] });
    const plain = { name: 'lib', version: '1' };
    const withAttrs = { name: 'lib', version: '1', attributes: [{ key: 'k', value: str('v') }] };
    const body = {
      resourceLogs: [
        {
          resource: { attributes: [{ key: 'service.name', value: str('svc') }] },
          scopeLogs: [scoped(plain, 'a'), scoped({ ...plain }, 'b'), scoped(withAttrs, 'c'), scoped({ ...plain }, 'd'), scoped({ name: 'other' }, 'e')],
        },
      ],
    };
    const d = decodeOtlpLogs(body, {}, ctx);
    expect(d.logs.map((l) => [l.message, l.source, l.attributes])).toEqual([
      ['a', 'svc', { 'otel.scope.name': 'lib', 'otel.scope.version': '1' }],
      ['b', 'svc', { 'otel.scope.name': 'lib', 'otel.scope.version': '1' }],
      ['c', 'svc', { 'otel.scope.name': 'lib', 'otel.scope.version': '1', k: 'v' }],
      ['d', 'svc', { 'otel.scope.name': 'lib', 'otel.scope.version': '1' }],
      ['e', 'svc', { 'otel.scope.name': 'other' }],
    ]);
  });

  it('levels: severity numbers in fours, else the text', () => {
    expect([1, 4, 5, 9, 12, 13, 17, 21, 24].map((s) => levelOf(s, ''))).toEqual(['TRACE', 'TRACE', 'DEBUG', 'INFO', 'INFO', 'WARN', 'ERROR', 'FATAL', 'FATAL']);
    expect(levelOf(0, 'warn')).toBe('WARN');
    expect(levelOf(0, 'INFO2')).toBe('INFO');
    expect(levelOf(25, 'nonsense')).toBeNull();
    expect(levelOf(undefined, undefined)).toBeNull();
  });
});
