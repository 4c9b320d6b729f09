import fc from 'fast-check';
import { DEFAULT_MASK_RULES } from './default-mask-rules';
import { InvalidInputError, InvalidMaskRuleError, InvalidOptionError } from './errors';
import { tokenize } from './tokenize';

const hex = (min: number, max: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${min},${max}}$`));
const octet = fc.integer({ min: 0, max: 255 });
const VALUES = {
  ip: fc.tuple(octet, octet, octet, octet).map((o) => o.join('.')),
  ipPort: fc.tuple(octet, octet, octet, octet, fc.integer({ min: 1, max: 65535 })).map(([a, b, c, d, p]) => `${a}.${b}.${c}.${d}:${p}`),
  ip6: fc.tuple(hex(1, 4), hex(1, 4), hex(1, 4)).map(([a, b, c]) => `2001:db8:${a}::${b}:${c}`),
  int: fc.nat({ max: 10_000_000 }).map(String),
  float: fc.tuple(fc.nat(99999), fc.nat(999)).map(([a, b]) => `${a}.${b}`),
  duration: fc.tuple(fc.nat(5000), fc.constantFrom('ms', 's', 'us', 'ns', 'KB', 'MB', 'GiB', '%')).map(([v, u]) => `${v}${u}`),
  uuid: fc.uuid(),
  // a hex id of 8+ characters: the digits rule takes it when it holds a digit, hex-letters when it does not
  hexId: fc.tuple(hex(4, 20), fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), hex(3, 20)).map(([a, l, b]) => a + l + b),
  ptr: hex(1, 16).map((h) => `0x${h}`),
  path: fc.array(fc.stringMatching(/^[a-z0-9_.-]{1,8}$/), { minLength: 2, maxLength: 5 }).map((segs) => `/${segs.join('/')}`),
  // the url rule ends a URL at a quote or bracket, since logs quote URLs ('http://x/y'): none inside here
  url: fc.webUrl({ withQueryParameters: true }).filter((u) => !/['"()[\]{}<>,;]/.test(u)),
  email: fc.tuple(fc.stringMatching(/^[a-z][a-z0-9.]{0,8}$/), fc.stringMatching(/^[a-z]{2,10}$/)).map(([u, d]) => `${u}@${d}.com`),
  date: fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString()),
  time: fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }))
    .map((t) => t.map((x) => String(x).padStart(2, '0')).join(':')),
};
type Kind = keyof typeof VALUES;

// Templates with typed holes: lines of one template must share one token list.
const TEMPLATES: Array<[string, Kind[]]> = [
  ['Connection from {} port {} after {}', ['ip', 'int', 'duration']],
  ['sshd[{}]: Accepted publickey for root from {} ssh2', ['int', 'ipPort']],
  ['request {} took {} and returned {} bytes', ['uuid', 'duration', 'int']],
  ['GET {} -> {} in {}', ['url', 'int', 'float']],
  ['user {} uploaded {} ({})', ['email', 'path', 'duration']],
  ['{} segfault at {} in block {}', ['date', 'ptr', 'hexId']],
  ['peer {} reset at {} count={}', ['ip6', 'time', 'int']],
];

describe('tokenize', () => {
  it('tokenises the two lines of the brief identically', () => {
    const a = tokenize('Connection from 10.0.0.1 port 5432 after 12ms');
    expect(a).toEqual(['connection', 'from', '<*>', 'port', '<*>', 'after', '<*>']);
    expect(tokenize('Connection from 192.168.3.7 port 80 after 7ms')).toEqual(a);
  });

  it.each(TEMPLATES.map(([t, kinds]) => [t, kinds] as const))('one template, one token list: %s', (template, kinds) => {
    const fill = (values: string[]): string => {
      let i = 0;
      return template.replace(/\{\}/g, () => values[i++]);
    };
    const arb = fc.tuple(...kinds.map((k) => VALUES[k]));
    fc.assert(
      fc.property(arb, arb, (a, b) => {
        expect(tokenize(fill(b as string[]))).toEqual(tokenize(fill(a as string[])));
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it('distinguishes different templates', () => {
    expect(tokenize('Connection from 10.0.0.1 closed')).not.toEqual(tokenize('Connection to 10.0.0.1 closed'));
  });

  it('keeps placeholders whole while lowercasing words, and older typed placeholders too', () => {
    expect(tokenize('ERROR at 10.0.0.1:80 (0xFF) Disk /dev/sda1 FULL')).toEqual(['error', 'at', '<*>', '<*>', 'disk', '<*>', 'full']);
    // rules saved by TF-IDF models before the one text stage wrote typed placeholders such as <IP>
    const typed = [{ name: 'ip', pattern: /\d+\.\d+\.\d+\.\d+/g, replacement: '<IP>' }];
    expect(tokenize('From 10.0.0.1 <FOO>', { maskRules: typed })).toEqual(['from', '<IP>', '<FOO>']);
  });

  it('splits on punctuation and on underscores that do not join two words', () => {
    expect(tokenize('max_retries=3; blk_-42 __init__ a-b.c', { mask: true })).toEqual(['max_retries', '<*>', '<*>', 'init', 'a', 'b', 'c']);
  });

  it('keeps Unicode letters and digits together', () => {
    expect(tokenize('Ошибка: café 東京 x²', { mask: false })).toEqual(['ошибка', 'café', '東京', 'x²']);
  });

  it('honours lowercase, mask, minTokenLength and maskRules', () => {
    expect(tokenize('Job A took 12ms', { lowercase: false })).toEqual(['Job', 'A', 'took', '<*>']);
    expect(tokenize('Job A took 12ms', { mask: false })).toEqual(['job', 'a', 'took', '12ms']);
    expect(tokenize('Job A took 12ms', { minTokenLength: 2 })).toEqual(['job', 'took', '<*>']);
    const rules = [{ name: 'job', pattern: /\bJob \w+/g, replacement: '<JOB>' }, ...DEFAULT_MASK_RULES];
    expect(tokenize('Job A took 12ms', { maskRules: rules })).toEqual(['<JOB>', 'took', '<*>']);
  });

  it('returns no tokens for empty or punctuation-only input', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize(' -- !! ')).toEqual([]);
  });

  it('masks digits in other scripts only when they are ASCII, and takes a very long line in linear time', () => {
    expect(tokenize('Ошибка ٣ at 東京 x42')).toEqual(['ошибка', '٣', 'at', '東京', '<*>']);
    const long = `${'alpha beta '.repeat(50000)}id=7`;
    const t0 = Date.now();
    const terms = tokenize(long);
    expect(terms).toHaveLength(100002);
    expect(terms.slice(-2)).toEqual(['id', '<*>']);
    expect(Date.now() - t0).toBeLessThan(1500);
  });

  it('rejects bad input and options with typed errors', () => {
    expect(() => tokenize(null as unknown as string)).toThrow(InvalidInputError);
    expect(() => tokenize('a', { minTokenLength: 0 })).toThrow(InvalidOptionError);
    expect(() => tokenize('a', { lowercase: 'yes' as unknown as boolean })).toThrow(InvalidOptionError);
    expect(() => tokenize('a', { foo: 1 } as unknown as object)).toThrow(InvalidOptionError);
    expect(() => tokenize('a', { maskRules: [{ name: 'x', pattern: /x?/, replacement: '<X>' }] })).toThrow(InvalidMaskRuleError);
    expect(() => tokenize('a', null as unknown as object)).toThrow(InvalidOptionError);
    expect(() => tokenize('a', { mask: 1 as unknown as boolean })).toThrow(InvalidOptionError);
  });
});
