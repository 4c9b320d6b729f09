import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidStateError } from './errors/invalid-state.error';
import { TemplateMiner } from './template-miner';
import type { TemplateMinerState } from './template-miner-state';

const corpus = [
  'session opened for user alice by (uid=0)',
  'session opened for user bob by (uid=0)',
  'Receiving block blk_1 src: /10.0.0.1:50010 dest: /10.0.0.2:50010',
  'session opened for user carol by (uid=0)',
  'Job finished on host alpha with status OK',
  'Job finished on host 10.1.1.7 with status OK',
  'cupsd startup succeeded',
  'Connection from HOST-A refused',
];
const later = [
  'session opened for user erin by (uid=0)',
  'Receiving block blk_9 src: /10.0.0.9:50010 dest: /10.0.0.8:50010',
  'Connection from HOST-B refused',
  'brand new message here',
  'Job finished on host beta with status OK',
];

function build(): TemplateMiner {
  const miner = new TemplateMiner({
    maxTemplates: 5,
    variableEvidence: 3,
    maskRules: [
      { name: 'host', pattern: /host-[a-z]/i, replacement: '<HOST>' },
      { name: 'digits', pattern: /\d+/g, replacement: '<*>' },
    ],
    extraDelimiters: [','],
  });
  for (const m of corpus) miner.add(m);
  return miner;
}

describe('TemplateMiner toJSON / fromJSON', () => {
  it('round-trips through JSON text: same state, same templates, same future behaviour', () => {
    const miner = build();
    const state = JSON.parse(JSON.stringify(miner.toJSON())) as TemplateMinerState;
    expect(state.format).toBe('logad-template-miner');
    expect(state.version).toBe(1);
    const restored = TemplateMiner.fromJSON(state);
    expect(restored.toJSON()).toEqual(state);
    expect(restored.templates()).toEqual(miner.templates());
    expect(restored.size).toBe(miner.size);
    const bob = 1; // merged into alice's template (id 0)
    expect(restored.get(bob)?.templateId).toBe(0);
    for (const m of later) expect(restored.add(m)).toEqual(miner.add(m));
    expect(restored.templates()).toEqual(miner.templates());
    expect(restored.match('Connection from host-z refused')).toEqual(miner.match('Connection from host-z refused'));
  });

  it('keeps the header format and the LRU order', () => {
    const miner = new TemplateMiner({ headerFormat: '<Level>: <Content>', maxTemplates: 2 });
    miner.add('INFO: first kind of line');
    miner.add('INFO: second kind of line here');
    miner.add('WARN: first kind of line'); // touches the first template
    const restored = TemplateMiner.fromJSON(JSON.parse(JSON.stringify(miner.toJSON())));
    restored.add('ERROR: third kind of message now');
    expect(restored.templates().map((t) => t.template)).toEqual(['first kind of line', 'third kind of message now']);
  });

  const good = (): Record<string, unknown> => JSON.parse(JSON.stringify(build().toJSON()));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- corrupting states needs untyped access
  const broken: Array<[string, (s: Record<string, any>) => unknown]> = [
    ['null', () => null],
    ['an array', () => []],
    ['another format', (s) => ({ ...s, format: 'drain3' })],
    ['version 2', (s) => ({ ...s, version: 2 })],
    ['no options', (s) => ({ ...s, options: undefined })],
    ['a negative depth', (s) => ({ ...s, options: { ...s.options, depth: -1 } })],
    ['depth 1 (rejected by the miner)', (s) => ({ ...s, options: { ...s.options, depth: 1 } })],
    ['a bad mask rule', (s) => ({ ...s, options: { ...s.options, maskRules: [{ name: 'x', source: 1 }] } })],
    ['an invalid regex', (s) => ({ ...s, options: { ...s.options, maskRules: [{ name: 'x', source: '(', flags: 'g', replacement: '<*>' }] } })],
    ['a fractional sequence', (s) => ({ ...s, sequence: 1.5 })],
    ['templates not an array', (s) => ({ ...s, templates: {} })],
    ['non-string tokens', (s) => ({ ...s, templates: [{ ...s.templates[0], tokens: [1] }] })],
    ['a duplicate id', (s) => ({ ...s, templates: [s.templates[0], s.templates[0]] })],
    ['an id at nextId', (s) => ({ ...s, templates: [{ ...s.templates[0], id: s.nextId }] })],
    ['firstSeen after lastSeen', (s) => ({ ...s, templates: [{ ...s.templates[0], firstSeen: 5, lastSeen: 4 }] })],
    ['lastSeen after sequence', (s) => ({ ...s, templates: [{ ...s.templates[0], lastSeen: s.sequence + 1 }] })],
    ['more templates than maxTemplates', (s) => ({ ...s, options: { ...s.options, maxTemplates: 1 } })],
  ];
  it.each(broken)('rejects a state with %s', (_, mutate) => {
    expect(() => TemplateMiner.fromJSON(mutate(good()))).toThrow(InvalidStateError);
  });

  it('names fromJSON and the broken precondition', () => {
    expect(() => TemplateMiner.fromJSON({ ...good(), version: 9 })).toThrow('fromJSON requires version 1, got 9');
  });
});

describe('a miner saved before the one text stage (fixtures/miner-state-v1-before-text-stage.json)', () => {
  const saved = JSON.parse(readFileSync(join(__dirname, '../fixtures/miner-state-v1-before-text-stage.json'), 'utf8')) as TemplateMinerState;

  it('loads, and keeps masking with the rules it was saved with rather than the new defaults', () => {
    const miner = TemplateMiner.fromJSON(saved);
    expect(miner.toJSON()).toEqual(saved);
    expect(saved.options.maskRules.map((r) => r.name)).not.toContain('hex-letters');
    // the old rules had no UNC-path or letters-only-hex class: the saved miner still reads these as constants
    expect(miner.match('commit deadbeefcafe pushed')?.template).toBe('commit deadbeefcafe pushed');
    expect(miner.match('Receiving block blk_7 src: /10.0.0.9:50010 dest: /10.0.0.8:50010')?.template).toBe('Receiving block <*> src: <*> dest: <*>');
    const fresh = new TemplateMiner();
    expect(fresh.add('commit deadbeefcafe pushed').template).toBe('commit <*> pushed');
  });
});
