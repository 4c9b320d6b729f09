import 'reflect-metadata';
import fc from 'fast-check';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CreateLogDto } from './create-log.dto';
import { DEFAULT_LOG_LIMITS } from './log-limits';
import { parseLogs } from './parse-logs';
import { validateLogShape } from './validate-log-shape';
import { FieldError } from './field-error';
import { LOG_RULES } from './log-rules';

const ids = () => {
  let n = 0;
  return () => `gen-${++n}`;
};

describe('parseLogs', () => {
  it('normalises a valid batch: level upper-cased, timestamp to ISO, ids assigned or kept', () => {
    const r = parseLogs(
      [
        { message: 'User login successful', source: 'auth', level: 'warn' },
        { message: 'x', timestamp: 0, id: 'client-1' },
        { message: 'y', timestamp: '2024-01-02T03:04:05+02:00', level: null },
      ],
      DEFAULT_LOG_LIMITS,
      1_700_000_000_000,
      ids(),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.logs[0]).toEqual({
      id: 'gen-1', timestamp: new Date(1_700_000_000_000).toISOString(), receivedAt: 1_700_000_000_000,
      source: 'auth', level: 'WARN', message: 'User login successful',
    });
    expect(r.logs[1]).toMatchObject({ id: 'client-1', timestamp: '1970-01-01T00:00:00.000Z', source: null, level: null });
    expect(r.logs[2].timestamp).toBe('2024-01-02T01:04:05.000Z');
  });

  it('rejects the whole batch and names each bad field by index', () => {
    const r = parseLogs([{ message: 'ok' }, { message: '' }, { message: 'm', level: 'LOUD', source: 3 }], DEFAULT_LOG_LIMITS, 0, ids());
    expect(r).toEqual({
      ok: false,
      errors: [
        { field: '[1].message', message: 'message must be a non-empty string without NUL characters' },
        { field: '[2].source', message: 'source must be a string without control characters' },
        { field: '[2].level', message: `level ${LOG_RULES.level}` },
      ],
    });
  });

  it('applies the size limits, counting message bytes in UTF-8', () => {
    const limits = { ...DEFAULT_LOG_LIMITS, maxMessageBytes: 8, maxSourceLength: 3, maxBatchSize: 2 };
    expect(parseLogs([{ message: 'é'.repeat(4) }], limits, 0, ids()).ok).toBe(true); // 8 bytes
    const r = parseLogs([{ message: 'é'.repeat(5), source: 'abcd' }], limits, 0, ids());
    expect(r.ok ? [] : r.errors.map((e) => e.field)).toEqual(['[0].message', '[0].source']);
    const big = parseLogs([{ message: 'a' }, { message: 'b' }, { message: 'c' }], limits, 0, ids());
    expect(big.ok ? '' : big.errors[0].message).toBe('a batch holds at most 2 logs; got 3');
    expect(parseLogs([], limits, 0, ids()).ok).toBe(false);
  });

  it('keeps attributes, and bounds their depth and size', () => {
    const limits = { ...DEFAULT_LOG_LIMITS, maxAttributesDepth: 2, maxAttributesBytes: 40 };
    const ok = parseLogs([{ message: 'm', attributes: { trace_id: 'abc', http: { status: 500 } } }], limits, 0, ids());
    expect(ok.ok && ok.logs[0].attributes).toEqual({ trace_id: 'abc', http: { status: 500 } });
    let deep: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 10_000; i++) deep = { d: deep };
    const tooDeep = parseLogs([{ message: 'm', attributes: deep }], limits, 0, ids());
    expect(tooDeep.ok ? '' : tooDeep.errors[0].message).toBe('attributes must be at most 2 levels deep');
    const tooBig = parseLogs([{ message: 'm', attributes: { a: 'x'.repeat(50) } }], limits, 0, ids());
    expect(tooBig.ok ? '' : tooBig.errors[0].message).toBe('attributes must be at most 40 bytes as JSON');
    const notObject = parseLogs([{ message: 'm', attributes: [1] }], limits, 0, ids());
    expect(notObject.ok ? '' : notObject.errors[0].field).toBe('[0].attributes');
  });

  it('refuses NUL in a message and control characters in a source, and keeps other control characters in a message', () => {
    const r = parseLogs([{ message: 'a\u0000b' }, { message: 'ok', source: 'svc\n' }], DEFAULT_LOG_LIMITS, 0, ids());
    expect(r.ok ? [] : r.errors.map((e) => e.field)).toEqual(['[0].message', '[1].source']);
    const kept = parseLogs([{ message: 'line1\nline2\t\u001b[31mred\u001b[0m "q"' }], DEFAULT_LOG_LIMITS, 0, ids());
    expect(kept.ok && kept.logs[0].message).toBe('line1\nline2\t\u001b[31mred\u001b[0m "q"');
  });

  it('rejects non-objects and bad timestamps and ids', () => {
    const r = parseLogs(['text', { message: 'a', timestamp: 'yesterday' }, { message: 'a', timestamp: 1.5 }, { message: 'a', id: 'has space' }], DEFAULT_LOG_LIMITS, 0, ids());
    expect(r.ok ? [] : r.errors.map((e) => e.field)).toEqual(['[0]', '[1].timestamp', '[2].timestamp', '[3].id']);
  });
});

describe('compiled validator agrees with the class-validator DTO', () => {
  const anyValue = fc.oneof(
    fc.string(), fc.constant(''), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined),
    fc.constantFrom('info', 'WARN', 'Error', 'fatal', 'verbose', '2024-01-02T03:04:05Z', '2024-13-45', 'abc-1.2:3', 'a b', 'nul\u0000in', 'tab\there', 'esc\u001b[31m'),
    fc.constantFrom(0, 1_700_000_000_000, -1, 8.64e15 + 1), fc.array(fc.string(), { maxLength: 2 }), fc.object({ maxDepth: 1 }),
  );
  const candidate = fc.record(
    { message: anyValue, source: anyValue, level: anyValue, timestamp: anyValue, id: anyValue, attributes: anyValue },
    { requiredKeys: [] },
  );

  it('on 5,000 generated logs, both accept or both reject, with the same fields named', () => {
    fc.assert(
      fc.property(candidate, (log) => {
        const fast: FieldError[] = [];
        validateLogShape(log, '', fast);
        const dto = validateSync(plainToInstance(CreateLogDto, log));
        const slowFields = dto.map((e) => e.property).sort();
        expect(fast.map((e) => e.field).sort()).toEqual(slowFields);
      }),
      { numRuns: 5000, seed: 42 },
    );
  });
});
