import fc from 'fast-check';
import { DEFAULT_MASK_RULES } from './default-mask-rules';
import { InvalidInputError, InvalidMaskRuleError } from './errors';
import type { MaskRule } from './mask-rule';
import { maskMessage } from './mask-message';
import { Masker } from './masker';

/** Applies rules strictly one after another, the plain semantics the combined passes must agree with. */
function sequential(message: string, rules: readonly MaskRule[]): string {
  return rules.reduce((s, r) => s.replace(new RegExp(r.pattern.source, `${r.pattern.flags.replace('g', '')}g`), r.replacement), message);
}

// [variable class, input, expected output]: every class of the defaults, as both consumers see it
const CASES: Array<[string, string, string]> = [
  ['url', 'fetch https://api.example.com/v1/users?id=3 ok', 'fetch <*> ok'],
  ['uuid', 'req 550e8400-e29b-41d4-a716-446655440000 done, ID=ABCDEFAB-E29B-41D4-A716-446655440000', 'req <*> done, ID=<*>'],
  ['timestamp', 'at 2024-01-05T10:11:12.123Z start; connection at Sat Jun 18 02:08:10 2005 closed', 'at <*> start; connection at <*> closed'],
  ['email', 'mail to john.doe+ops@corp.example.org failed', 'mail to <*> failed'],
  ['host-port', 'connect to proxy.cse.cuhk.edu.hk:5070 now', 'connect to <*> now'],
  ['ipv4', 'from 10.0.0.1 port 22', 'from <*> port <*>'],
  ['hex-groups', 'from 2001:db8:85a3::8a2e:370:7334 via 00:1a:2b:3c:4d:5e', 'from <*> via <*>'],
  ['size', 'wrote 3.5 KB of 16.0 MB', 'wrote <*> of <*>'],
  ['duration', 'took 350 ms, then <1 sec', 'took <*>, then <*>'],
  ['path', 'open /var/log/nginx/access.log, C:\\Windows\\drv.sys and \\\\srv01\\public\\a.txt', 'open <*>, <*> and <*>'],
  ['hex-letters', 'commit deadbeefcafe', 'commit <*>'],
  ['digits', 'blk_-1608999687919862906 job_1445_0020 sshd[1234] R02-M1-N0 0x7ffe v2', '<*> <*> sshd[<*>] <*> <*> <*>'],
];

describe('maskMessage with DEFAULT_MASK_RULES', () => {
  it('has one rule per variable class, specific before general, the catch-all digits rule last', () => {
    expect(DEFAULT_MASK_RULES.map((r) => r.name)).toEqual([
      'url',
      'uuid',
      'timestamp',
      'email',
      'host-port',
      'ipv4',
      'hex-groups',
      'size',
      'duration',
      'path',
      'hex-letters',
      'digits',
    ]);
    for (const r of DEFAULT_MASK_RULES) expect(r.replacement).toBe('<*>');
    expect(Object.isFrozen(DEFAULT_MASK_RULES) && DEFAULT_MASK_RULES.every((r) => Object.isFrozen(r))).toBe(true);
  });

  it.each(CASES)('%s: %s', (_name, input, expected) => {
    expect(maskMessage(input)).toBe(expected);
  });

  it.each(['plain words only', 'I/O error and/or TCP/IP', 'Class :: method and std::vector', 'a decade of facade', 'max_retries exceeded'])(
    'leaves %j alone',
    (input) => {
      expect(maskMessage(input)).toBe(input);
    },
  );

  it('masks a URL whole before its host, port, path or numbers', () => {
    expect(maskMessage('GET http://10.0.0.1:8080/a/b/c?x=1')).toBe('GET <*>');
    expect(sequential('GET http://10.0.0.1:8080/a/b/c?x=1', [...DEFAULT_MASK_RULES].reverse())).not.toBe('GET <*>');
  });

  it('is idempotent: masked text holds nothing left to mask', () => {
    const alphabet = fc.constantFrom(...'0123456789abcdefABCDEF:.-/\\@_ xyzTZ%[]()<>'.split(''), '://', '::', 'Jan ', '0x', ' KB', ' ms', 'é', '東');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }), (parts) => {
        const once = maskMessage(parts.join(''));
        expect(maskMessage(once)).toBe(once);
      }),
      { numRuns: 3000, seed: 7 },
    );
  });

  it('handles empty, unicode and very long messages', () => {
    expect(maskMessage('')).toBe('');
    expect(maskMessage('Ошибка 42 в модуле 東京 café')).toBe('Ошибка <*> в модуле 東京 café');
    const long = `start ${'word '.repeat(20000)}id=123 ${'/seg'.repeat(5000)} end`;
    const t0 = Date.now();
    expect(maskMessage(long)).toBe(`start ${'word '.repeat(20000)}id=<*> <*> end`);
    expect(Date.now() - t0).toBeLessThan(1000);
  });
});

describe('custom rules', () => {
  it('apply in order, every match, with or without the g flag', () => {
    const rules: MaskRule[] = [
      { name: 'ticket', pattern: /\bTCK-\d+\b/, replacement: '<TICKET>' },
      { name: 'num', pattern: /\d+/g, replacement: '<NUM>' },
    ];
    expect(maskMessage('TCK-1 and TCK-22 at 5', rules)).toBe('<TICKET> and <TICKET> at <NUM>');
    expect(maskMessage('TCK-1 and TCK-22', [])).toBe('TCK-1 and TCK-22');
    expect(new Masker(rules).placeholders).toEqual(new Set(['<*>', '<TICKET>', '<NUM>']));
  });

  it('in one pass, the leftmost match wins, then the first listed rule', () => {
    const rules: MaskRule[] = [
      { name: 'ab', pattern: /ab/g, replacement: '<*>' },
      { name: 'xa', pattern: /xa/g, replacement: '<*>' },
    ];
    // sequentially "xab" would lose "ab" first; in one pass "xa" starts earlier and wins
    expect(maskMessage('xab ab', rules)).toBe('<*>b <*>');
    // different replacements are different passes: strictly one after another
    expect(maskMessage('xab', [rules[0], { ...rules[1], replacement: '<X>' }])).toBe('x<*>');
  });

  it('are checked with typed errors naming the caller and the rule', () => {
    const bad: Array<[unknown, string]> = [
      [null, 'maskMessage requires maskRules to be an array'],
      [[3], 'maskMessage requires mask rule 0 to be an object'],
      [[{ pattern: /a/g, replacement: '' }], 'maskMessage requires mask rule 0 to have a string name'],
      [[{ name: 'x', pattern: 'a', replacement: '' }], "maskMessage requires mask rule 'x' to have a RegExp pattern"],
      [[{ name: 'x', pattern: /a/g, replacement: 3 }], "maskMessage requires mask rule 'x' to have a string replacement"],
      [[{ name: 'x', pattern: /a*/g, replacement: '<*>' }], "maskMessage requires mask rule 'x' not to match the empty string"],
    ];
    for (const [rules, message] of bad) {
      expect(() => maskMessage('a', rules as MaskRule[])).toThrow(InvalidMaskRuleError);
      expect(() => maskMessage('a', rules as MaskRule[])).toThrow(message);
    }
    expect(() => maskMessage(42 as unknown as string)).toThrow(InvalidInputError);
  });
});
