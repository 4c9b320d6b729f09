import { ConfigError } from '../errors/config.error';
import { EnvReader } from './env-reader';

describe('EnvReader', () => {
  it('reads typed values with defaults and records what it read', () => {
    const r = new EnvReader({ PORT: '8081', RATIO: '0.25', MODE: 'b', URL: 'redis://h:1' });
    expect(r.int('PORT', 80, 0, 65535)).toBe(8081);
    expect(r.number('RATIO', 1, 0, 1)).toBe(0.25);
    expect(r.int('MISSING', 7)).toBe(7);
    expect(r.oneOf('MODE', ['a', 'b'] as const, 'a')).toBe('b');
    expect(r.url('URL', 'redis://x', ['redis:'])).toBe('redis://h:1');
    r.done();
    expect(r.described.map((d) => `${d.name}=${d.default}`)).toEqual(['PORT=80', 'RATIO=1', 'MISSING=7', 'MODE=a', 'URL=redis://x']);
  });

  it('fails once, naming every bad variable and what it must be', () => {
    const r = new EnvReader({ PORT: '80.5', RATIO: 'lots', BIG: '99', MODE: 'c', URL: 'http://x' });
    r.int('PORT', 80);
    r.number('RATIO', 1);
    r.int('BIG', 1, 0, 10);
    r.oneOf('MODE', ['a', 'b'] as const, 'a');
    r.url('URL', 'redis://x', ['redis:']);
    let err: ConfigError | undefined;
    try {
      r.done();
    } catch (e) {
      err = e as ConfigError;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect(err!.problems).toEqual([
      'PORT="80.5" must be an integer',
      'RATIO="lots" must be a number',
      'BIG="99" must be an integer from 0 to 10',
      'MODE="c" must be one of a, b',
      'URL must be a redis: URL; got http:',
    ]);
  });
});
