import fc from 'fast-check';
import { applyMaskRules } from './apply-mask-rules';
import { compileMaskRules } from './compile-mask-rules';
import { DEFAULT_MASK_RULES } from './default-mask-rules';
import { InvalidInputError } from './errors/invalid-input.error';
import { InvalidMaskRuleError } from './errors/invalid-mask-rule.error';
import type { MaskRule } from './mask-rule';
import { maskMessage } from './mask-message';

// [rule that must fire, input, expected output]
const CASES: Array<[string, string, string]> = [
  ['url', 'fetch https://api.example.com/v1/users?id=3 ok', 'fetch <URL> ok'],
  ['url', 'see (http://x.io/a).', 'see (<URL>).'],
  ['email', 'mail to john.doe+ops@corp.example.org failed', 'mail to <EMAIL> failed'],
  ['host', 'connect to proxy.cse.cuhk.edu.hk:5070 and db-1.corp.example.com.', 'connect to <HOST>:<NUM> and <HOST>.'],
  ['host', 'rhost=61-220-145-51.hinet-ip.hinet.net user=root', 'rhost=<HOST> user=root'],
  ['uuid', 'req 550e8400-e29b-41d4-a716-446655440000 done', 'req <UUID> done'],
  ['uuid', 'ID=550E8400-E29B-41D4-A716-446655440000', 'ID=<UUID>'],
  ['datetime', 'at 2024-01-05T10:11:12.123Z start', 'at <DATETIME> start'],
  ['datetime', 'at 2024-01-05 10:11:12,123+02:00 start', 'at <DATETIME> start'],
  ['datetime', 'Jan  5 03:04:05 host x', '<DATETIME> host x'],
  ['datetime', 'connection at Sat Jun 18 02:08:10 2005 closed', 'connection at <DATETIME> closed'],
  ['datetime', '[05/Jan/2024:10:11:12 +0100] GET', '[<DATETIME>] GET'],
  ['date', 'on 2024-01-05 and 05/01/2024', 'on <DATE> and <DATE>'],
  ['time', 'took until 10:11:12.5 then', 'took until <TIME> then'],
  ['mac', 'DHCPACK to 00:1a:2b:3c:4d:5e via eth0', 'DHCPACK to <MAC> via eth0'],
  ['mac', 'nic 00-1A-2B-3C-4D-5E up', 'nic <MAC> up'],
  ['ipv6', 'from 2001:db8:85a3::8a2e:370:7334 port', 'from <IP> port'],
  ['ipv6', 'from fe80::1%eth0 and ::1.', 'from <IP> and <IP>.'],
  ['ipv6', 'peer 2001:0db8:0000:0000:0000:ff00:0042:8329', 'peer <IP>'],
  ['ipv6', 'mapped ::ffff:10.0.0.1 ok', 'mapped <IP> ok'],
  ['ipv4', 'from 10.0.0.1 port 22', 'from <IP> port <NUM>'],
  ['ipv4', 'dest: /10.251.43.191:50010', 'dest: /<IP>'],
  ['ipv4', 'addr=255.255.255.0,', 'addr=<IP>,'],
  ['path', 'open /var/log/nginx/access.log failed', 'open <PATH> failed'],
  ['path', 'cd ~/projects/app and ../x/y', 'cd <PATH> and <PATH>'],
  ['path', 'load C:\\Windows\\System32\\drv.sys now', 'load <PATH> now'],
  ['path', 'share \\\\srv01\\public\\a.txt', 'share <PATH>'],
  ['hex', 'ptr 0x7ffee4c3a9b0 bad', 'ptr <HEX> bad'],
  ['hex', 'commit a3f9c2e1b7 and sha 9F86D081884C7D65', 'commit <HEX> and sha <HEX>'],
  ['number', 'took 12ms and 3.5KB and 99% of 42', 'took <NUM> and <NUM> and <NUM> of <NUM>'],
  ['number', 'blk_-1608999687919862906 job_1445_0020 sshd[1234]', 'blk_-<NUM> job_<NUM>_<NUM> sshd[<NUM>]'],
  ['number', 'value 1.5e-3 version 3.10.2', 'value <NUM> version <NUM>'],
];

// Things that must survive masking unchanged.
const UNTOUCHED = [
  'ssh2 sha256 utf8 md5 ipv4',
  'Class :: method and std::vector',
  'feedback facade accede decade',
  'user123 abc1',
  'plain words only',
  'read/write a/b',
  'at com.example.Service.handle(Service.java) in app.js and chrome.exe',
];

describe('maskMessage with DEFAULT_MASK_RULES', () => {
  it('has a rule for every documented kind, in specific-to-general order', () => {
    expect(DEFAULT_MASK_RULES.map((r) => r.name)).toEqual(['url', 'email', 'host', 'uuid', 'datetime', 'date', 'time', 'mac', 'ipv6', 'ipv4', 'path', 'hex', 'number']);
    for (const r of DEFAULT_MASK_RULES) expect(r.pattern.global).toBe(true);
  });

  it.each(CASES)('%s: %s', (rule, input, expected) => {
    expect(maskMessage(input)).toBe(expected);
    // the named rule is what produces the mask: without it the output differs
    const without = DEFAULT_MASK_RULES.filter((r) => r.name !== rule);
    expect(maskMessage(input, without)).not.toBe(expected);
  });

  it.each(UNTOUCHED)('leaves %j alone', (input) => {
    expect(maskMessage(input)).toBe(input);
  });

  it('applies rules in order: a URL is masked whole before its IP, path or numbers', () => {
    expect(maskMessage('GET http://10.0.0.1:8080/a/b/c?x=1')).toBe('GET <URL>');
    const reversed = [...DEFAULT_MASK_RULES].reverse();
    expect(maskMessage('GET http://10.0.0.1:8080/a/b/c?x=1', reversed)).not.toBe('GET <URL>');
  });

  it('accepts custom rules and applies each to every match', () => {
    const rules: MaskRule[] = [{ name: 'ticket', pattern: /\bTCK-\d+\b/g, replacement: '<TICKET>' }];
    expect(maskMessage('TCK-1 and TCK-22', rules)).toBe('<TICKET> and <TICKET>');
    expect(maskMessage('TCK-1 and TCK-22', [])).toBe('TCK-1 and TCK-22');
  });

  it('rejects rules that would silently replace only the first match, and non-string messages', () => {
    expect(() => maskMessage('a', [{ name: 'x', pattern: /a/, replacement: '<A>' }])).toThrow(InvalidMaskRuleError);
    expect(() => maskMessage('a', [{ name: 'x', pattern: /a/g, replacement: 3 as unknown as string }])).toThrow(InvalidMaskRuleError);
    expect(() => maskMessage(42 as unknown as string)).toThrow(InvalidInputError);
  });

  it('gives the same output with and without the internal skip guards', () => {
    const unguarded = DEFAULT_MASK_RULES.map((r) => ({ pattern: r.pattern, replacement: r.replacement, guard: null }));
    const guarded = compileMaskRules(DEFAULT_MASK_RULES);
    expect(guarded.some((r) => r.guard !== null)).toBe(true);
    const alphabet = fc.constantFrom(...'0123456789abcdefABCDEF:.-/\\@_ xyzTZ%[]'.split(''), '://', '::', 'Jan ', '0x');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }), (parts) => {
        const s = parts.join('');
        expect(applyMaskRules(s, guarded)).toBe(applyMaskRules(s, unguarded));
      }),
      { numRuns: 2000, seed: 7 },
    );
  });
});
