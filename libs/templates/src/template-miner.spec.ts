import * as fc from 'fast-check';
import { InvalidArgumentError } from './errors/invalid-argument.error';
import { InvalidHeaderFormatError } from './errors/invalid-header-format.error';
import { InvalidMaskRuleError, InvalidOptionError as TextInvalidOptionError } from '@logad/text';
import { InvalidOptionError } from './errors/invalid-option.error';
import { TemplateMiner } from './template-miner';
import type { TemplateMinerOptions } from './template-miner-options';

describe('TemplateMiner on a hand-written corpus', () => {
  it('puts HDFS receive lines under one template and extracts the parameters', () => {
    const miner = new TemplateMiner();
    const a = miner.add('Receiving block blk_1 src: /10.0.0.1:50010 dest: /10.0.0.2:50010');
    const b = miner.add('Receiving block blk_-22 src: /10.0.0.3:50010 dest: /10.0.0.4:50010');
    const c = miner.add('Receiving block blk_333 src: /10.0.0.5:50010 dest: /10.0.0.6:50010');
    expect(a.isNew).toBe(true);
    expect([b.isNew, c.isNew]).toEqual([false, false]);
    expect(new Set([a.templateId, b.templateId, c.templateId]).size).toBe(1);
    expect(c.template).toBe('Receiving block <*> src: <*> dest: <*>');
    expect(c.parameters).toEqual(['blk_333', '/10.0.0.5:50010', '/10.0.0.6:50010']);
    expect(c.count).toBe(3);
    expect(miner.size).toBe(1);
  });

  it('separates events and keeps different constant words apart', () => {
    const miner = new TemplateMiner();
    const lines = [
      'PacketResponder 1 for block blk_38865049064139660 terminating',
      'Received block blk_3587508140051953248 of size 67108864 from /10.251.42.84',
      'PacketResponder 0 for block blk_-6952295868487656571 terminating',
      'Block broadcast_1 stored as bytes in memory (estimated size 384.0 B, free 317.5 MB)',
      'Block rdd_2_0 stored as values in memory (estimated size 16.0 KB, free 317.5 MB)',
      'Block broadcast_3 stored as bytes in memory (estimated size 1.2 KB, free 300.1 MB)',
      'Received block blk_-5627280853087685525 of size 67108864 from /10.250.19.102',
    ];
    const ids = lines.map((l) => miner.add(l).templateId);
    expect(ids[0]).toBe(ids[2]);
    expect(ids[1]).toBe(ids[6]);
    expect(ids[3]).toBe(ids[5]);
    expect(new Set(ids).size).toBe(4);
    expect(miner.get(ids[3])?.template).toBe('Block <*> stored as bytes in memory (estimated size <*> free <*>');
    expect(miner.get(ids[4])?.template).toBe('Block <*> stored as values in memory (estimated size <*> free <*>');
  });

  it('handles variables of varying token length in one template', () => {
    const miner = new TemplateMiner();
    const a = miner.add('chrome.exe close, 0 bytes sent, 0 bytes received, lifetime <1 sec');
    const b = miner.add('chrome.exe close, 1190 bytes (1.16 KB) sent, 1671 bytes (1.63 KB) received, lifetime 00:02');
    expect(b.templateId).toBe(a.templateId);
    expect(b.template).toBe('chrome.exe close, <*> sent, <*> received, lifetime <*>');
    expect(b.parameters).toEqual(['1190 bytes (1.16 KB)', '1671 bytes (1.63 KB)', '00:02']);
  });

  it('keeps the id of a template when it gains a <*>', () => {
    const miner = new TemplateMiner();
    const a = miner.add('Job finished on host alpha with status OK');
    const b = miner.add('Job finished on host 10.1.1.7 with status OK');
    expect(b.templateId).toBe(a.templateId);
    expect(b.isNew).toBe(false);
    expect(b.template).toBe('Job finished on host <*> with status OK');
    expect(b.parameters).toEqual(['10.1.1.7']);
    expect(miner.get(a.templateId)).toMatchObject({ templateId: a.templateId, count: 2, firstSeen: 1, lastSeen: 2 });
  });

  it('turns a word slot into a variable after variableEvidence distinct words, merging into the oldest id', () => {
    const miner = new TemplateMiner();
    const alice = miner.add('session opened for user alice by (uid=0)');
    const bob = miner.add('session opened for user bob by (uid=0)');
    expect(bob.templateId).not.toBe(alice.templateId);
    expect(bob.isNew).toBe(true);
    // three words are not yet evidence (a closed set such as GET/POST/DELETE has three)
    const carol = miner.add('session opened for user carol by (uid=0)');
    expect(carol.templateId).not.toBe(alice.templateId);
    const dave = miner.add('session opened for user dave by (uid=0)');
    expect(dave.templateId).toBe(alice.templateId);
    expect(dave.template).toBe('session opened for user <*> by (uid=<*>)');
    expect(dave.parameters).toEqual(['dave', '0']);
    expect(dave.count).toBe(4);
    // the merged-away ids resolve to the survivor
    expect(miner.get(bob.templateId)?.templateId).toBe(alice.templateId);
    expect(miner.get(carol.templateId)?.templateId).toBe(alice.templateId);
    expect(miner.size).toBe(1);
    expect(miner.add('session opened for user erin by (uid=0)')).toMatchObject({ templateId: alice.templateId, isNew: false, count: 5 });
  });

  it('lets a template token with a placeholder take a constant that fits it', () => {
    const miner = new TemplateMiner();
    const a = miner.add('ciod: LOGIN chdir(/p/gb2/x1) failed: No such file or directory');
    const b = miner.add('ciod: LOGIN chdir(pwd) failed: No such file or directory');
    expect(b.templateId).toBe(a.templateId);
    expect(b.template).toBe('ciod: LOGIN chdir(<*>) failed: No such file or directory');
    expect(b.parameters).toEqual(['pwd']);
    // and the other way round: the template's constant widens to the message's pattern
    const c = miner.add('ciod: generated 3 core files for program cshell');
    const d = miner.add('ciod: generated 4 core files for program /bgl/apps/run/sppm');
    expect(d.templateId).toBe(c.templateId);
    expect(d.template).toBe('ciod: generated <*> core files for program <*>');
  });

  it('merges a template into an older one that has come to cover it', () => {
    const miner = new TemplateMiner();
    const a = miner.add('login failed for user=bob from rhost=alpha.example.net');
    const b = miner.add('login failed for user=bob from rhost=beta.example.org');
    expect(b.templateId).not.toBe(a.templateId);
    const c = miner.add('login failed for user=bob from rhost=10.1.1.1');
    expect(c.templateId).toBe(a.templateId);
    expect(c.template).toBe('login failed for user=bob from rhost=<*>');
    expect(miner.get(b.templateId)).toMatchObject({ templateId: a.templateId, count: 3 });
    expect(miner.size).toBe(1);
  });

  it('does not merge short messages that differ in a word (too little context)', () => {
    const miner = new TemplateMiner();
    const ids = ['cupsd startup succeeded', 'syslogd startup succeeded', 'klogd startup succeeded', 'sdpd startup succeeded'].map(
      (l) => miner.add(l).templateId,
    );
    expect(new Set(ids).size).toBe(4);
  });

  it('honours variableEvidence: 0 (never) and 2 (at the second word)', () => {
    const lines = ['session closed for user alice', 'session closed for user bob', 'session closed for user carol'];
    const off = new TemplateMiner({ variableEvidence: 0 });
    expect(new Set(lines.map((l) => off.add(l).templateId)).size).toBe(3);
    const eager = new TemplateMiner({ variableEvidence: 2 });
    expect(new Set(lines.map((l) => eager.get(eager.add(l).templateId)?.templateId)).size).toBe(1);
  });

  it('strips a header when headerFormat is set and mines unmatched lines whole', () => {
    const miner = new TemplateMiner({ headerFormat: '<Date> <Time> <Level> <Component>: <Content>' });
    const a = miner.add('17/06/09 20:10:40 INFO executor.Executor: Running task 0.0 in stage 1.0 (TID 8)');
    const b = miner.add('17/06/09 20:11:02 INFO executor.Executor: Running task 3.0 in stage 2.0 (TID 41)');
    expect(b.templateId).toBe(a.templateId);
    expect(b.template).toBe('Running task <*> in stage <*> (TID <*>');
    expect(miner.add('no header at all').template).toBe('no header at all');
    expect(() => new TemplateMiner({ headerFormat: '<Date> <Time>' })).toThrow(InvalidHeaderFormatError);
  });

  it('evicts the least recently used template at maxTemplates', () => {
    const miner = new TemplateMiner({ maxTemplates: 2 });
    const a = miner.add('alpha event happened').templateId;
    const b = miner.add('beta thing occurred here').templateId;
    miner.add('alpha event happened'); // a is now the most recent
    const c = miner.add('gamma other message text now').templateId;
    expect(miner.size).toBe(2);
    expect(miner.get(b)).toBeUndefined();
    expect(miner.templates().map((t) => t.templateId)).toEqual([a, c]);
    const again = miner.add('beta thing occurred here');
    expect(again.isNew).toBe(true);
    expect(again.templateId).not.toBe(b);
    expect(miner.get(a)).toBeUndefined(); // a was least recent this time
  });

  it('keeps its internal indexes bounded under churn', () => {
    let seed = 7;
    const random = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
    const words = Array.from({ length: 2000 }, (_, i) => `w${i.toString(36).replace(/\d/g, (d) => 'abcdefghij'[Number(d)])}`);
    const miner = new TemplateMiner({ maxTemplates: 50 });
    for (let i = 0; i < 20000; i++) {
      const n = 4 + Math.floor(random() * 6);
      const tokens = Array.from({ length: n }, (_, k) =>
        random() < 0.3 ? String(Math.floor(random() * 1e6)) : words[Math.floor(random() * (k < 2 ? 20 : 2000))],
      );
      miner.add(tokens.join(' '));
    }
    const internals = miner as unknown as { families: { size: number }; aliases: Map<number, number>; cache: Map<string, unknown> };
    expect(miner.size).toBeLessThanOrEqual(50);
    expect(internals.families.size).toBeLessThanOrEqual(50 * 9); // one key per position of a live template
    expect(internals.aliases.size).toBeLessThanOrEqual(50 * 9);
    expect(internals.cache.size).toBeLessThanOrEqual(4096);
  });

  it('match() finds the template without learning', () => {
    const miner = new TemplateMiner();
    miner.add('Job finished on host alpha with status OK');
    miner.add('Deleting block blk_1 file /data/current/blk_1');
    const before = JSON.stringify(miner.toJSON());
    const m = miner.match('Job finished on host 10.0.0.9 with status OK');
    expect(m).toMatchObject({ template: 'Job finished on host alpha with status OK', isNew: false, count: 1, parameters: ['10.0.0.9'] });
    expect(miner.match('Deleting block blk_77 file /data/current/blk_77')?.parameters).toEqual(['blk_77', '/data/current/blk_77']);
    expect(miner.match('Something entirely different')).toBeNull();
    expect(miner.match('Job finished on host alpha with status FAILED')).toBeNull();
    expect(JSON.stringify(miner.toJSON())).toBe(before);
  });

  it('rejects bad messages and options', () => {
    const miner = new TemplateMiner();
    expect(() => miner.add(3 as unknown as string)).toThrow(InvalidArgumentError);
    expect(() => miner.add(3 as unknown as string)).toThrow('add requires a string message');
    expect(() => miner.match(null as unknown as string)).toThrow(InvalidArgumentError);
    const bad: TemplateMinerOptions[] = [
      { depth: 1 },
      { depth: 3.5 },
      { similarityThreshold: 1.5 },
      { similarityThreshold: NaN },
      { maxChildren: 0 },
      { maxTemplates: 0 },
      { variableEvidence: 1 },
      { minContextTokens: -1 },
      { headerFormat: 5 as unknown as string },
    ];
    for (const o of bad) expect(() => new TemplateMiner(o)).toThrow(InvalidOptionError);
    // the text stage owns the checks of mask rules and delimiters
    expect(() => new TemplateMiner({ extraDelimiters: [''] })).toThrow(TextInvalidOptionError);
    expect(() => new TemplateMiner({ maskRules: [{ name: 'x', pattern: /x/, replacement: 1 as unknown as string }] })).toThrow(InvalidMaskRuleError);
    expect(() => new TemplateMiner(null as unknown as TemplateMinerOptions)).toThrow(InvalidOptionError);
  });
});

describe('TemplateMiner properties', () => {
  const word = fc.constantFrom('open', 'close', 'read', 'write', 'user', 'block', 'failed', 'ok', 'from', 'to');
  const value = fc.oneof(fc.integer({ min: 0, max: 99999 }).map(String), fc.constantFrom('blk_12', '10.0.0.1', '0x1f', 'id-42'));
  const message = fc.array(fc.oneof(word, value), { minLength: 1, maxLength: 12 }).map((t) => t.join(' '));

  it('add() then match() of the same message agree; each template rebuilds its messages from its parameters', () => {
    fc.assert(
      fc.property(fc.array(message, { minLength: 1, maxLength: 40 }), (messages) => {
        const miner = new TemplateMiner();
        for (const m of messages) {
          const r = miner.add(m);
          expect(miner.match(m)?.templateId).toBe(r.templateId);
          let i = 0;
          const rebuilt = r.template
            .split(' ')
            .map((t) => t.replace(/<\*>/g, () => r.parameters[i++]))
            .join(' ');
          expect(i).toBe(r.parameters.length);
          expect(rebuilt).toBe(m);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('never holds more than maxTemplates, and counts add up to the messages added', () => {
    fc.assert(
      fc.property(fc.array(message, { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 5 }), (messages, cap) => {
        const miner = new TemplateMiner({ maxTemplates: cap });
        for (const m of messages) {
          miner.add(m);
          expect(miner.size).toBeLessThanOrEqual(cap);
        }
        const unbounded = new TemplateMiner();
        for (const m of messages) unbounded.add(m);
        expect(unbounded.templates().reduce((s, t) => s + t.count, 0)).toBe(messages.length);
      }),
      { numRuns: 100 },
    );
  });

  it('takes a message masked once (its own rules) and may skip the parameters, learning exactly the same', () => {
    const lines = [
      'Connection from 10.0.0.1 port 5432 after 12ms',
      'Connection from 10.0.0.2 port 5433 after 9ms',
      'disk /dev/sda1 full',
      'user alice logged in',
    ];
    const plain = new TemplateMiner();
    const shared = new TemplateMiner();
    for (const m of lines) {
      const masked = shared.maskText(m);
      const a = plain.add(m);
      const b = shared.add(m, { masked, parameters: false });
      expect({ ...b, parameters: a.parameters }).toEqual(a);
      expect(b.parameters).toEqual([]);
    }
    expect(shared.toJSON()).toEqual(plain.toJSON());
    expect(shared.match(lines[0], { masked: shared.maskText(lines[0]) })).toEqual(plain.match(lines[0]));
    // text masked by other rules is not taken for this miner's own
    const typed = new TemplateMiner({ maskRules: [{ name: 'num', pattern: /\d+/, replacement: '<NUM>' }] });
    expect(typed.add(lines[0], { masked: plain.maskText(lines[0]) }).template).toBe(typed.match(lines[0])?.template);
    expect(typed.add(lines[0]).template).toContain('<NUM>');
  });

  it('offers no masked text when it strips a header first (it masks only the content)', () => {
    expect(new TemplateMiner({ headerFormat: '<Date> <Content>' }).maskText('2026-12-07 hello 42')).toBeNull();
  });
});
