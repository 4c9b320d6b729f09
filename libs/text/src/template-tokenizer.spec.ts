import { DEFAULT_MASK_RULES } from './default-mask-rules';
import { defaultMasker } from './default-masker';
import { InvalidMaskRuleError, InvalidOptionError } from './errors';
import type { MaskRule } from './mask-rule';
import { Masker } from './masker';
import { TemplateTokenizer } from './template-tokenizer';

const tokenizer = (rules: readonly MaskRule[], delimiters: readonly string[]) => new TemplateTokenizer(new Masker(rules), delimiters);
const tok = new TemplateTokenizer(defaultMasker(), []);
const rule = (name: string) => DEFAULT_MASK_RULES.find((r) => r.name === name)!;
const apply = (name: string, s: string) => s.replace(rule(name).pattern, rule(name).replacement);

describe('DEFAULT_MASK_RULES', () => {
  it.each([
    ['url', 'Connecting to driver: spark://CoarseGrainedScheduler@10.10.34.11:48069 now', 'Connecting to driver: <*> now'],
    ['url', 'listening on addresses :[akka.tcp://sparkExecutor@mesos-slave-13:55904]', 'listening on addresses :[<*>]'],
    ['timestamp', 'connection from 1.2.3.4 () at Fri Jun 17 07:07:00 2005', 'connection from 1.2.3.4 () at <*>'],
    ['timestamp', 'started 2015-10-18 18:01:47,978 ok', 'started <*> ok'],
    ['timestamp', 'at 2024-01-02T03:04:05.678Z.', 'at <*>.'],
    ['email', 'Linux version 2.6.5 (bhcompile@bugs.build.redhat.com)', 'Linux version 2.6.5 (<*>)'],
    ['host-port', 'proxy.cse.cuhk.edu.hk:5070 open through proxy', '<*> open through proxy'],
    ['host-port', 'from /10.250.19.102:50010', 'from /<*>'],
    ['hex-groups', 'status changed: FF:F2:9F:16:E5:67:00:0D:60:E9:1A:98 ip=1', 'status changed: <*> ip=1'],
    ['hex-groups', 'peer fe80::1ff:fe23:4567:890a up', 'peer <*> up'],
    ['size', 'estimated size 16.0 KB, free 317.5 MB', 'estimated size <*>, free <*>'],
    ['size', 'close, 1190 bytes (1.16 KB) sent', 'close, <*> (<*>) sent'],
    ['duration', 'lifetime <1 sec', 'lifetime <*>'],
    ['duration', 'took 350 ms and 30 seconds', 'took <*> and <*>'],
    ['path', 'Error loading /home/yates/bandwidth.rts: invalid', 'Error loading <*>: invalid'],
    ['path', 'Error loading ./runtime/malloc now', 'Error loading <*> now'],
    ['path', 'Loaded C:\\Windows\\winsxs\\cbscore.dll ok', 'Loaded <*> ok'],
    ['path', 'share \\\\srv01\\public\\a.txt opened', 'share <*> opened'],
    ['hex-letters', 'commit deadbeefcafe pushed, sha ABCDEFABCD', 'commit <*> pushed, sha <*>'],
    ['digits', 'PacketResponder 1 for block blk_-6952295868487656571 terminating', 'PacketResponder <*> for block <*> terminating'],
    ['digits', 'totalCalories=126775 R02-M1-N0-C:J12-U11 0x0b85eee0', 'totalCalories=<*> <*>:<*> <*>'],
  ])('%s masks %p', (name, input, expected) => {
    expect(apply(name, input)).toBe(expected);
  });

  it.each([
    ['timestamp', 'May be retried later'],
    ['email', 'user @ host'],
    ['host-port', 'onExtend:1514038530000 14'],
    ['hex-groups', 'dead:beef:cafe'],
    ['size', 'there are 3 Bytecodes'],
    ['duration', 'received 3 hosts'],
    ['path', 'I/O error and/or TCP/IP'],
    ['digits', 'CONTAINER_REMOTE_LAUNCH android.intent.action.SCREEN_ON'],
    ['hex-letters', 'a decade of facade: accede, defaced, fadebead_x'],
    ['path', 'a \\ b and \\\\alone'],
  ])('%s leaves %p alone', (name, input) => {
    expect(apply(name, input)).toBe(input);
  });
});

describe('TemplateTokenizer', () => {
  it('masks very long tokens in linear time (no rule restarts at every offset)', () => {
    const dotted = `class ${Array.from({ length: 20000 }, (_, i) => `seg${'abc'[i % 3]}`).join('.')} end`;
    const dashed = `x ${Array.from({ length: 30000 }, () => 'ab').join('-')} 1.2.3`;
    const t0 = Date.now();
    expect(tok.tokenize(dotted)).toHaveLength(3);
    expect(tok.tokenize(dashed)).toEqual([expect.any(String), expect.any(String), '<*>']);
    // quadratic scanning took seconds on these inputs; linear takes milliseconds
    expect(Date.now() - t0).toBeLessThan(1500);
  });

  it('masks, splits on whitespace and collapses variable-only tokens', () => {
    expect(tok.tokenize('  Receiving block blk_1 src: /10.0.0.1:50010 dest: /10.0.0.2:50010 ')).toEqual([
      'Receiving',
      'block',
      '<*>',
      'src:',
      '<*>',
      'dest:',
      '<*>',
    ]);
    expect(tok.tokenize('onExtend:1514038530000 14 0 4')).toEqual(['onExtend:<*>', '<*>']);
    expect(tok.tokenize('')).toEqual([]);
  });

  it('turns a variable spanning several tokens into one slot', () => {
    expect(tok.tokenize('close, 1190 bytes (1.16 KB) sent, 0 bytes received, lifetime 00:02')).toEqual(
      tok.tokenize('close, 408 bytes sent, 421 bytes received, lifetime <1 sec'),
    );
  });

  it('keeps typed placeholders and widens a mix of them to <*>', () => {
    const typed = tokenizer(
      [
        { name: 'ip', pattern: /\d+\.\d+\.\d+\.\d+/g, replacement: '<IP>' },
        { name: 'num', pattern: /\d+/g, replacement: '<NUM>' },
      ],
      [],
    );
    expect(typed.tokenize('from 10.0.0.1 port 22 via (10.0.0.2)')).toEqual(['from', '<IP>', 'port', '<NUM>', 'via', '<IP>']);
    expect(typed.tokenize('peer 10.0.0.1:22 x')).toEqual(['peer', '<*>', 'x']);
    expect(typed.tokenize('a 1 10.0.0.1 b')).toEqual(['a', '<*>', 'b']);
    expect(typed.isVariable('<IP>')).toBe(true);
    expect(typed.isVariable('IP')).toBe(false);
  });

  it('keeps letters of every script, splits on ASCII whitespace only, and gives nothing for blank content', () => {
    expect(tok.tokenize('Ошибка 42: файл 東京.txt не найден')).toEqual(['Ошибка', '<*>', 'файл', '東京.txt', 'не', 'найден']);
    // a no-break space (U+00A0) is not a separator: it stays inside its token, as in Drain's split()
    expect(tok.tokenize('a\u00a0b\tc\nd')).toEqual(['a\u00a0b', 'c', 'd']);
    expect(tok.tokenize('')).toEqual([]);
    expect(tok.tokenize(' \t\r\n ')).toEqual([]);
    expect(tok.tokenize('😀 42 😀')).toEqual(['😀', '<*>', '😀']);
  });

  it('cuts a very long line into its tokens in linear time', () => {
    const line = Array.from({ length: 50000 }, (_, i) => (i % 2 === 0 ? 'word' : `id${i}`)).join(' ');
    const t0 = Date.now();
    const tokens = tok.tokenize(line);
    expect(tokens).toHaveLength(50000);
    expect(tokens.slice(0, 3)).toEqual(['word', '<*>', 'word']);
    expect(Date.now() - t0).toBeLessThan(1500);
  });

  it('splits on extra delimiters', () => {
    const t = tokenizer([], ['=', ',']);
    expect(t.tokenize('a=b,c d')).toEqual(['a', 'b', 'c', 'd']);
  });

  it('applies a rule without the g flag to every match, and rules in order', () => {
    const t = tokenizer(
      [
        { name: 'first', pattern: /ab/, replacement: 'X' },
        { name: 'second', pattern: /X+/, replacement: '<*>' },
      ],
      [],
    );
    expect(t.tokenize('ab ab abab')).toEqual(['<*>']);
  });

  it('keeps rules with $-replacements or back-references apart (group numbers would shift)', () => {
    const t = tokenizer(
      [
        { name: 'user', pattern: /(user)=\w+/g, replacement: '$1=<*>' },
        { name: 'id', pattern: /(id)=\d+/g, replacement: '$1=<*>' },
        { name: 'twice', pattern: /(\w)\1x/g, replacement: '<*>' },
        { name: 'plain', pattern: /zz/g, replacement: '<*>' },
      ],
      [],
    );
    expect(t.tokenize('user=bob id=5 aax zz')).toEqual(['user=<*>', 'id=<*>', '<*>']);
  });

  it('rejects malformed rules and delimiters', () => {
    expect(() => tokenizer([{ name: 'x', pattern: 'a' as unknown as RegExp, replacement: '' }], [])).toThrow(InvalidMaskRuleError);
    expect(() => tokenizer([], [''])).toThrow(InvalidOptionError);
    expect(() => tokenizer([], [' '])).toThrow(InvalidOptionError);
    expect(() => tokenizer(null as unknown as [], [])).toThrow(InvalidMaskRuleError);
    expect(() => new TemplateTokenizer(defaultMasker(), 'a' as unknown as string[])).toThrow(InvalidOptionError);
  });
});
