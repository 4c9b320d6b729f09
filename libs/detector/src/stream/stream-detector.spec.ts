import { StreamDetector } from './stream-detector';

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 1);

/** Steady traffic on `source`: `perMinute` lines of each template for `minutes` minutes from `from`. */
function steady(d: StreamDetector, source: string, templates: ((i: number) => string)[], perMinute: number, minutes: number, from = T0) {
  const out = [];
  for (let m = 0; m < minutes; m++)
    for (let k = 0; k < perMinute; k++)
      for (const t of templates) out.push(d.observe({ source, message: t(m * perMinute + k), timestamp: from + m * MIN + (k * MIN) / perMinute }));
  return out;
}

const conn = (i: number) => `connection accepted from 10.0.0.${i % 200} port ${40000 + i}`;
const closed = (i: number) => `connection closed after ${i % 97} ms`;

describe('StreamDetector', () => {
  it('flags nothing on a new source during its learning period, then a new pattern once it has learnt', () => {
    const d = StreamDetector.create({ learningMs: 10 * MIN });
    const learning = steady(d, 'api', [conn, closed], 20, 10);
    expect(learning.filter((v) => v.kind !== null)).toHaveLength(0);
    expect(learning[0].learning).toBe(true);
    const v = d.observe({ source: 'api', message: 'disk quota exceeded on /var/lib/api', timestamp: T0 + 11 * MIN });
    expect(v).toMatchObject({ learning: false, kind: 'new_pattern', source: 'api' });
    expect(v.score).toBeGreaterThan(50);
    expect(v.reason).toMatch(/never seen on api before/);
    // a familiar line right after is normal
    expect(d.observe({ source: 'api', message: conn(7), timestamp: T0 + 11 * MIN + 1 }).kind).toBeNull();
  });

  it('scores a new ERROR above a new INFO line, and reads the level from the line when none is given', () => {
    const learnt = () => {
      const d = StreamDetector.create({ learningMs: MIN });
      steady(d, 'db', [conn, closed], 30, 5);
      return d;
    };
    const warn = learnt().observe({ source: 'db', message: 'checkpoints are occurring too frequently', level: 'WARNING', timestamp: T0 + 6 * MIN });
    const error = learnt().observe({
      source: 'db',
      message: 'FATAL: could not write to file "pg_wal/xlogtemp": No space left on device',
      timestamp: T0 + 6 * MIN + 1,
    });
    expect(warn.kind).toBe('new_pattern');
    expect(error.level).toBe('FATAL');
    expect(error.score).toBeGreaterThan(warn.score);
  });

  it('believes a service that calls a new line routine (INFO or lower) until it repeats as a burst', () => {
    const learnt = (o = {}) => {
      const d = StreamDetector.create({ learningMs: MIN, ...o });
      steady(d, 'db', [conn, closed], 30, 5);
      return d;
    };
    const d = learnt();
    expect(d.observe({ source: 'db', message: 'checkpoint starting: time', level: 'INFO', timestamp: T0 + 6 * MIN }).kind).toBeNull();
    // the level stated in the line counts too; a line without one is judged by discovery alone
    expect(learnt().observe({ source: 'db', message: '2026-01-01 10:00:00 DEBUG autovacuum launcher woke up', timestamp: T0 + 6 * MIN }).kind).toBeNull();
    expect(learnt().observe({ source: 'db', message: 'replica slot lag above limit', timestamp: T0 + 6 * MIN }).kind).toBe('new_pattern');
    const b = learnt();
    const burst = Array.from({ length: 200 }, (_, i) =>
      b.observe({ source: 'db', message: `session ${i} terminated by administrator`, level: 'INFO', timestamp: T0 + 5 * MIN + 100 * i }),
    );
    expect(burst.find((v) => v.kind !== null)?.kind).toBe('new_pattern');
    // 0 flags every level, as before
    expect(
      learnt({ routineBelowSeverity: 0 }).observe({ source: 'db', message: 'checkpoint starting: time', level: 'INFO', timestamp: T0 + 6 * MIN }).kind,
    ).toBe('new_pattern');
    expect(() => StreamDetector.create({ routineBelowSeverity: 2.5 })).toThrow(/routineBelowSeverity/);
  });

  it('alerts a sparse new pattern once: flagged for noveltyMs from its first flagged line, then learnt', () => {
    const d = StreamDetector.create({ learningMs: MIN });
    steady(d, 'web', [conn], 30, 5);
    const err = (m: number) => d.observe({ source: 'web', message: `upstream reset by peer after ${m} ms`, level: 'ERROR', timestamp: T0 + m * MIN });
    expect(err(6).kind).toBe('new_pattern');
    expect(err(8).kind).toBe('new_pattern'); // within the alert: still new (2 buckets)
    expect(err(12).kind).toBeNull(); // 6 min after the first flag: learnt, no second alert
  });

  it('on a source still discovering patterns, flags a new pattern only as a burst that outnumbers the source', () => {
    const d = StreamDetector.create({ learningMs: MIN });
    // every minute brings two patterns never seen before: discovery has not settled
    const word = (n: number) => String.fromCharCode(...[...n.toString(26)].map((c) => 97 + parseInt(c, 26)), 113);
    const fresh = (i: number) => Array.from({ length: 2 + (i % 9) }, (_, k) => word(i * 31 + k + 7)).join(' ');
    let t = T0;
    for (let m = 0; m < 30; m++) {
      for (let k = 0; k < 10; k++) d.observe({ source: 'batch', message: conn(m * 10 + k), timestamp: (t += 6000) });
      d.observe({ source: 'batch', message: fresh(m), timestamp: t + 1 });
    }
    const single = d.observe({ source: 'batch', message: 'worker pool resized to 8 threads', timestamp: (t += 1000) });
    expect(single.kind).toBeNull();
    const burst = Array.from({ length: 60 }, (_, i) =>
      d.observe({ source: 'batch', message: `failed to reach upstream 10.1.1.${i % 9}: timeout after 5000 ms`, timestamp: t + 100 * i }),
    );
    expect(burst.slice(0, 9).every((v) => v.kind === null)).toBe(true);
    expect(burst.some((v) => v.kind === 'new_pattern')).toBe(true);
    expect(burst.find((v) => v.kind)?.reason).toMatch(/lines since .* never seen on batch before/);
  });

  it('lets a new pattern that recurs in normal traffic become normal by itself', () => {
    const d = StreamDetector.create({ learningMs: MIN });
    steady(d, 'web', [conn], 30, 3);
    const kinds: (string | null)[] = [];
    for (let m = 4; m < 14; m++) kinds.push(d.observe({ source: 'web', message: `cache warmed in ${m} ms`, timestamp: T0 + m * MIN }).kind);
    expect(kinds[0]).toBe('new_pattern');
    expect(kinds.slice(-3)).toEqual([null, null, null]);
  });

  it('flags a surge of a known pattern far above its learnt rate, with the usual rate in the reason', () => {
    const d = StreamDetector.create({ learningMs: MIN });
    steady(d, 'auth', [conn, closed], 3, 20);
    const t = T0 + 21 * MIN;
    const storm = Array.from({ length: 120 }, (_, i) => d.observe({ source: 'auth', message: conn(i), timestamp: t + i * 100 }));
    const first = storm.find((v) => v.kind === 'surge');
    expect(first).toBeDefined();
    expect(first!.reason).toMatch(/lines of this pattern in 1 min, usually \d\.\d ± /);
    expect(storm.filter((v) => v.kind === 'surge').length).toBeGreaterThan(90);
    // the other pattern, at its usual rate, is not touched
    expect(d.observe({ source: 'auth', message: closed(1), timestamp: t + 1 }).kind).toBeNull();
  });

  it('holds a routine line that surges alone to the burst rule: news when it moves the whole source, or when it is a warning', () => {
    const busy = () => {
      const d = StreamDetector.create({ learningMs: MIN });
      const other = (i: number) => `rendered frame ${i} in ${i % 13} ms`;
      // 60 lines a minute of other and 3 of conn, in time order
      for (let m = 0; m < 20; m++)
        for (let k = 0; k < 60; k++) {
          const at = T0 + m * MIN + k * 1000;
          d.observe({ source: 'ui', message: other(k), timestamp: at });
          if (k % 20 === 0) d.observe({ source: 'ui', message: conn(m * 3 + k / 20), timestamp: at + 1 });
        }
      return d;
    };
    const t = T0 + 21 * MIN;
    // 160 INFO lines of conn in one minute: far above its rate; the source's usual volume is passed only after ~110.
    const quiet = busy();
    const info = Array.from({ length: 160 }, (_, i) => quiet.observe({ source: 'ui', message: conn(i), level: 'INFO', timestamp: t + i * 300 }));
    expect(info.slice(0, 100).filter((v) => v.kind === 'surge')).toHaveLength(0);
    // the same count of a warning is a surge at once
    const warned = busy();
    const warn = Array.from({ length: 160 }, (_, i) => warned.observe({ source: 'ui', message: conn(i), level: 'WARN', timestamp: t + i * 300 }));
    expect(warn.filter((v) => v.kind === 'surge').length).toBeGreaterThan(info.filter((v) => v.kind === 'surge').length);
    expect(warn.slice(0, 100).some((v) => v.kind === 'surge')).toBe(true);
  });

  it('starts the sources of a training corpus learnt: a new template there is news at once', () => {
    const corpus = Array.from({ length: 200 }, (_, i) => ({ message: i % 2 ? conn(i) : closed(i), source: 'payments' }));
    const d = StreamDetector.fromTraining(corpus);
    expect(d.observe({ source: 'payments', message: conn(3), timestamp: T0 }).kind).toBeNull();
    const v = d.observe({ source: 'payments', message: 'DATABASE INTEGRITY ERROR: checksum mismatch in table users', level: 'ERROR', timestamp: T0 + 1 });
    expect(v).toMatchObject({ kind: 'new_pattern', learning: false, trainedSource: true });
    // without a source, the whole corpus is the baseline
    expect(d.observe({ message: closed(5), timestamp: T0 + 2 }).kind).toBeNull();
    // a source the corpus never had learns first
    expect(d.observe({ source: 'newcomer', message: 'anything at all', timestamp: T0 + 3 })).toMatchObject({ kind: null, learning: true });
  });

  it('is bounded: least recently seen sources and templates are evicted', () => {
    const d = StreamDetector.create({ maxSources: 3, maxTemplatesPerSource: 5 });
    for (let s = 0; s < 10; s++) d.observe({ source: `s${s}`, message: 'hello', timestamp: T0 + s });
    expect(d.sourceCount).toBe(3);
    expect(d.describe().map((x) => x.source)).toEqual(['s7', 's8', 's9']);
    for (let i = 0; i < 50; i++) d.observe({ source: 's9', message: `${'word '.repeat(1 + (i % 40))}end`, timestamp: T0 + 100 + i });
    expect(d.describe().find((x) => x.source === 's9')!.templates).toBeLessThanOrEqual(5);
  });

  it('round-trips through JSON and decides the same afterwards', () => {
    const a = StreamDetector.create({ learningMs: MIN });
    steady(a, 'api', [conn, closed], 10, 5);
    const b = StreamDetector.fromJSON(JSON.parse(JSON.stringify(a.toJSON())));
    const e = { source: 'api', message: 'segfault in worker 3', timestamp: T0 + 7 * MIN };
    expect(b.observe(e)).toEqual(a.observe(e));
    expect(() => StreamDetector.fromJSON({ format: 'other' })).toThrow(expect.objectContaining({ code: 'detector:invalid-model' }));
  });

  it('refuses bad options and events with a typed error', () => {
    expect(() => StreamDetector.create({ bucketMs: 0 })).toThrow(expect.objectContaining({ code: 'detector:invalid-option' }));
    expect(() => StreamDetector.create({ nope: 1 } as never)).toThrow(/unknown option 'nope'/);
    expect(() => StreamDetector.create().observe({ message: 'x', timestamp: Number.NaN })).toThrow(expect.objectContaining({ code: 'detector:invalid-input' }));
  });
});
