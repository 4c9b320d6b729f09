import { DEFAULT_LOG_LIMITS } from './log-limits';
import { levelOfNumber, normalizeLevel } from './log-level';
import { epochToMs, normalizeLogFields } from './normalize-log-fields';
import { parseLogs } from './parse-logs';

describe('normalizeLogFields', () => {
  it('reads pino lines: msg, numeric level, time in ms, the rest into attributes', () => {
    expect(normalizeLogFields({ level: 30, time: 1700000000123, pid: 7, hostname: 'web-1', msg: 'hello', service: 'api' })).toEqual({
      message: 'hello',
      level: 'INFO',
      timestamp: 1700000000123,
      source: 'api',
      attributes: { pid: 7, hostname: 'web-1' },
    });
  });

  it('keeps our own fields over the aliases, which then stay in attributes', () => {
    expect(normalizeLogFields({ message: 'a', msg: 'b', source: 's', app: 'x', attributes: { app: 'mine' } })).toEqual({
      message: 'a',
      source: 's',
      attributes: { msg: 'b', app: 'mine' },
    });
  });

  it('leaves what is not an object, and wrong attributes, for validation to refuse', () => {
    expect(normalizeLogFields('text')).toBe('text');
    expect(normalizeLogFields({ message: 'a', attributes: [1], x: 1 })).toEqual({ message: 'a', attributes: [1] });
    const r = parseLogs([normalizeLogFields({ message: 'a', level: 99 }), normalizeLogFields({ message: 'a', level: 8 })], DEFAULT_LOG_LIMITS, 0, () => 'id');
    expect(r.ok).toBe(false);
  });
});

describe('epochToMs', () => {
  it('tells seconds, ms, µs and ns apart by magnitude', () => {
    const ms = Date.UTC(2026, 10, 26, 9, 30, 0, 123);
    expect(epochToMs(ms / 1000)).toBe(ms);
    expect(epochToMs(ms)).toBe(ms);
    expect(epochToMs(ms * 1000 + 456)).toBe(ms);
    expect(epochToMs(ms * 1e6 + 456789)).toBe(ms);
    expect(epochToMs(0)).toBe(0);
    expect(epochToMs(-5)).toBe(-5);
  });
});

describe('levels', () => {
  it('knows syslog, winston and pino names and numbers', () => {
    expect(['warning', 'err', 'crit', 'emerg', 'alert', 'notice', 'http', 'verbose', 'silly'].map(normalizeLevel)).toEqual([
      'WARN',
      'ERROR',
      'FATAL',
      'FATAL',
      'FATAL',
      'INFO',
      'INFO',
      'DEBUG',
      'TRACE',
    ]);
    expect([10, 20, 30, 40, 50, 60, 35].map(levelOfNumber)).toEqual(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL', 'INFO']);
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, -1, 1.5].map(levelOfNumber)).toEqual(['FATAL', 'FATAL', 'FATAL', 'ERROR', 'WARN', 'INFO', 'INFO', 'DEBUG', undefined, undefined, undefined]);
    expect(normalizeLevel('bogus')).toBeUndefined();
  });
});
