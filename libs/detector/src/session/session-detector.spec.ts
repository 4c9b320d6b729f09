import { mulberry32 } from '@logad/iforest';
import { InvalidInputError, InvalidModelError, InvalidOptionError, SessionDetector, sessionKeyOf } from '../index';

const trainedAt = new Date('2026-11-25T12:00:00Z');

/** A checkout request: open, 1–4 item lookups (some cached), a payment, close. */
function request(r: () => number, id: number): string[] {
  const lines = [`request ${id} opened by client 10.1.${id % 250}.${(id * 7) % 250}`];
  const items = 1 + Math.floor(r() * 4);
  for (let i = 0; i < items; i++) {
    lines.push(r() < 0.3 ? `item ${Math.floor(r() * 9000)} served from cache` : `item ${Math.floor(r() * 9000)} loaded from db in ${Math.floor(r() * 40)} ms`);
  }
  lines.push(`payment for request ${id} authorised, amount ${(r() * 300).toFixed(2)} EUR`);
  lines.push(`request ${id} closed after ${Math.floor(r() * 900)} ms`);
  return lines;
}

const r = mulberry32(3);
const training = Array.from({ length: 400 }, (_, i) => request(r, i));
const model = SessionDetector.train(training, { trainedAt, nEstimators: 60 });
const ordinary = Array.from({ length: 100 }, (_, i) => request(r, 1000 + i));

describe('SessionDetector', () => {
  const ok = model.score(ordinary);

  it('lets ordinary sessions through', () => {
    const flagged = ok.filter((p) => p.is_anomaly).length;
    expect(flagged).toBeLessThanOrEqual(5);
    for (const p of ok.filter((x) => !x.is_anomaly)) {
      expect(p.reason).toBe('ordinary');
      expect(p.anomaly_score).toBeGreaterThanOrEqual(0);
      expect(p.score).toBeLessThanOrEqual(50);
    }
  });

  it('flags a session missing its end event, and says so', () => {
    const s = request(r, 5000).slice(0, -1);
    const [p] = model.score([s]);
    expect(p.is_anomaly).toBe(true);
    expect(p.anomaly_score).toBeLessThan(0);
    expect(p.score).toBeGreaterThan(50);
    expect(p.reason).toMatch(/^missing "request <\*> closed after <\*>.*", which 100% of training sessions had/);
  });

  it('flags a session whose lines are ordinary but come in an order never seen (payment before any item)', () => {
    const s = request(r, 5001);
    const reordered = [s[0], s[s.length - 2], ...s.slice(1, -2), s[s.length - 1]];
    const [p] = model.score([reordered]);
    expect(p.is_anomaly).toBe(true);
    expect(p.reason).toMatch(/transition never seen in training: "request <\*> opened by client <\*>" → "payment for request/);
    expect(p.unseen_templates).toEqual([]);
    const [noTransitions] = SessionDetector.train(training, { trainedAt, nEstimators: 60, transitions: false }).score([reordered]);
    expect(noTransitions.reason).not.toMatch(/transition/);
  });

  it('flags a session with a template never seen in training', () => {
    const s = request(r, 5002);
    s.splice(2, 0, 'deadlock detected while locking table orders, rolling back');
    const [p] = model.score([s]);
    expect(p.is_anomaly).toBe(true);
    expect(p.unseen_templates).toHaveLength(1);
    expect(p.unseen_templates[0]).toContain('deadlock');
    expect(p.reason).toContain('template never seen in training');
  });

  it('flags a session with more lines of a template than any training session had', () => {
    const s = request(r, 5003);
    const many = [s[0], ...Array.from({ length: 40 }, (_, i) => `item ${i} loaded from db in 3 ms`), ...s.slice(-2)];
    const [p] = model.score([many]);
    expect(p.is_anomaly).toBe(true);
    expect(p.reason).toMatch(/^40 "item <\*> loaded from db in <\*>" lines, more than any training session had \(\d\)/);
    expect(p.top_features.length).toBeGreaterThan(0);
    expect(p.top_features[0].feature).toMatch(/^(count:|rarest_template)/);
  });

  it('flags, through the forest, sessions holding a template that few training sessions had', () => {
    const rare = mulberry32(11);
    const base = Array.from({ length: 600 }, (_, i) => request(rare, i));
    // 1 % of training sessions hit a retry: an unlabelled anomaly among the training data
    for (let i = 0; i < 6; i++) base[i * 97].splice(2, 0, `retrying item ${i} after timeout`);
    const m = SessionDetector.train(base, { trainedAt, nEstimators: 100, transitions: false });
    const s = request(rare, 9000);
    s.splice(2, 0, 'retrying item 77 after timeout');
    const [p] = m.score([s]);
    expect(p.unseen_templates).toEqual([]);
    expect(p.forest_score).toBeLessThan(0);
    expect(p.is_anomaly).toBe(true);
    expect(p.reason).toMatch(/rare template for a session: "retrying item <\*> after timeout" \(in 1.00% of training sessions\)|unusual/);
    const normal = m.score(Array.from({ length: 100 }, (_, i) => request(rare, 20000 + i)));
    expect(normal.filter((x) => x.is_anomaly).length).toBeLessThanOrEqual(8); // rare-but-legal mixes sit in the tail
  });

  it('with forestConfidence, flags by the forest only beyond the threshold by that many standard errors', () => {
    const rare = mulberry32(11);
    const base = Array.from({ length: 600 }, (_, i) => request(rare, i));
    for (let i = 0; i < 6; i++) base[i * 97].splice(2, 0, `retrying item ${i} after timeout`);
    const sessions = Array.from({ length: 200 }, (_, i) => request(rare, 30000 + i));
    sessions.push([...request(rare, 9001)].slice(0, -1)); // missing its end event: a novelty
    const plain = SessionDetector.train(base, { trainedAt, nEstimators: 100, transitions: false }).score(sessions);
    const sure = SessionDetector.train(base, { trainedAt, nEstimators: 100, transitions: false, forestConfidence: 1.645 }).score(sessions);
    const forestOnly = (ps: typeof plain) => ps.filter((p) => p.is_anomaly && p.forest_score < 0 && /^(unusual|rare template for)/.test(p.reason)).length;
    expect(forestOnly(sure)).toBeLessThanOrEqual(forestOnly(plain));
    for (const p of sure) expect(p.is_anomaly).toBe(p.anomaly_score < 0);
    expect(sure[sure.length - 1].is_anomaly).toBe(true);
    // the margin only moves the forest's decision towards "normal"
    sure.forEach((p, i) => expect(p.forest_score).toBeGreaterThanOrEqual(plain[i].forest_score));
    expect(() => SessionDetector.train(base, { forestConfidence: -1 })).toThrow(InvalidOptionError);
  });

  it('is deterministic and round-trips through JSON with identical scores', () => {
    const again = SessionDetector.train(training, { trainedAt, nEstimators: 60 });
    expect(again.version).toBe(model.version);
    const copy = SessionDetector.fromJSON(JSON.parse(JSON.stringify(model)));
    expect(copy.version).toBe(model.version);
    expect(copy.info()).toEqual(model.info());
    expect(copy.score(ordinary)).toEqual(ok);
  });

  it('rejects corrupt states and bad input with typed errors', () => {
    const good = JSON.parse(JSON.stringify(model));
    for (const s of [null, { ...good, format: 'x' }, { ...good, formatVersion: 2 }, { ...good, forest: {} }, { ...good, options: { ...good.options, seed: 'x' } }, { ...good, features: { ...good.features, sessionDf: [] } }]) {
      expect(() => SessionDetector.fromJSON(s)).toThrow(InvalidModelError);
    }
    expect(() => SessionDetector.train([['a']])).toThrow(InvalidInputError);
    expect(() => SessionDetector.train(training, { keyPattern: '(' })).toThrow(InvalidOptionError);
    expect(() => model.score(['not an array'] as never)).toThrow(InvalidInputError);
  });
});

describe('sessionKeyOf', () => {
  it('returns the match, or its first capture group, or null', () => {
    expect(sessionKeyOf('Receiving block blk_-1608999687919862906 src: /10.0.0.1', /blk_-?\d+/)).toBe('blk_-1608999687919862906');
    expect(sessionKeyOf('trace_id=abc123 span=9', /trace_id=(\w+)/)).toBe('abc123');
    expect(sessionKeyOf('no key here', /blk_-?\d+/)).toBeNull();
  });

  it('is not thrown off by a global regex used twice', () => {
    const re = /req-(\d+)/g;
    expect(sessionKeyOf('req-1 start', re)).toBe('1');
    expect(sessionKeyOf('req-2 start', re)).toBe('2');
  });
});

describe("SessionDetector counts: 'presence'", () => {
  it('trains on template presence, survives toJSON/fromJSON, and refuses an unknown count scale', () => {
    const m = SessionDetector.train(training, { trainedAt, nEstimators: 20, counts: 'presence' });
    const back = SessionDetector.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    expect(back.score(ordinary.slice(0, 20))).toEqual(m.score(ordinary.slice(0, 20)));
    expect(m.info().parameters.counts).toBe('presence');
    expect(() => SessionDetector.train(training, { counts: 'raw' as 'log' })).toThrow(InvalidOptionError);
  });
});

describe('SessionDetector invariants and rare warnings', () => {
  /** A block write: allocate, 3 receiving, 3 terminating; 1 in 5 logs a routine WARN retry (one training block logs a rare WARN). */
  function block(r: () => number, id: number): Array<{ message: string; level: string }> {
    const lines = [{ message: `allocate block ${id}`, level: 'INFO' }];
    for (let i = 0; i < 3; i++) lines.push({ message: `receiving block ${id} from node ${Math.floor(r() * 40)}`, level: 'INFO' });
    if (r() < 0.2) lines.push({ message: `slow ack for block ${id}, retrying`, level: 'WARN' });
    for (let i = 0; i < 3; i++) lines.push({ message: `responder ${i} for block ${id} terminating`, level: 'INFO' });
    return lines;
  }
  const rb = mulberry32(5);
  const blocks = Array.from({ length: 600 }, (_, i) => block(rb, i));
  blocks[17].push({ message: 'checksum mismatch on block 17, replica discarded', level: 'WARN' });
  const m = SessionDetector.train(blocks, { trainedAt, nEstimators: 40 });

  it('flags a block whose writes do not all terminate, naming the relation', () => {
    const b = block(rb, 9001).filter((e, i, all) => !(e.message.startsWith('responder 2') && i === all.length - 1));
    const [p] = m.score([b]);
    expect(p.is_anomaly).toBe(true);
    expect(p.reason).toMatch(/broke a count relation held by 100\.0% of training sessions: .*"receiving block <\*> from node <\*>" \(3\).*"responder <\*> for block <\*> terminating" \(2\)/);
    expect(m.score([block(rb, 9002)])[0].reason).toBe('ordinary');
    expect(SessionDetector.fromJSON(JSON.parse(JSON.stringify(m.toJSON()))).score([b])[0].reason).toBe(p.reason);
    const off = SessionDetector.train(blocks, { trainedAt, nEstimators: 40, invariantSupport: 2 });
    expect(off.toJSON().invariants).toEqual([]);
  });

  it('flags a warning almost no training block logged, not a routine one', () => {
    const rare = [...block(rb, 9003), { message: 'checksum mismatch on block 9003, replica discarded', level: 'WARN' }];
    const [p] = m.score([rare]);
    expect(p.is_anomaly).toBe(true);
    expect(p.reason).toMatch(/warning almost no training session logged: "checksum mismatch on block <\*> replica discarded" \(in 0\.17% of them\)/);
    const routine = [...block(rb, 9004), { message: 'slow ack for block 9004, retrying', level: 'WARN' }];
    expect(m.score([routine])[0].reason).not.toMatch(/warning/);
    const quiet = SessionDetector.train(blocks, { trainedAt, nEstimators: 40, rareWarningShare: 0, rareTemplateShare: 0 });
    expect(quiet.score([rare])[0].reason).not.toMatch(/almost no training session/);
  });

  it('refuses bad shares', () => {
    expect(() => SessionDetector.train(blocks, { rareTemplateShare: 1 })).toThrow(InvalidOptionError);
    expect(() => SessionDetector.train(blocks, { rareWarningShare: -0.1 })).toThrow(InvalidOptionError);
    expect(() => SessionDetector.train(blocks, { invariantSupport: 0 })).toThrow(InvalidOptionError);
  });
});

describe('SessionDetector with timestamps (overdue follow-ups)', () => {
  const t0 = Date.parse('2026-11-25T08:00:00Z');
  /** A request's lines timed: items within 1 s of the open, payment 2–5 s after it, close at once. */
  const timed = (rr: () => number, id: number, start: number): Array<{ message: string; timestamp: number }> => {
    const lines = request(rr, id);
    const pay = start + 2000 + Math.floor(rr() * 3000);
    return lines.map((message, i) => ({ message, timestamp: i === 0 ? start : i < lines.length - 2 ? start + Math.floor(rr() * 1000) : pay }));
  };
  const rt = mulberry32(9);
  const train = Array.from({ length: 300 }, (_, i) => timed(rt, i, t0 + i * 10_000));
  const last = t0 + 300 * 10_000;
  const timedModel = SessionDetector.train(train, { trainedAt, nEstimators: 60, followUpSupport: 0.99 });

  it('flags a request whose payment is overdue, measured to the latest time it has seen', () => {
    const s = timed(rt, 7000, last + 60_000).slice(0, -2);
    const later = timed(rt, 7001, last + 120_000);
    const [p, q] = timedModel.score([s, later]);
    expect(p.is_anomaly).toBe(true);
    expect(p.reason).toMatch(/"payment for request <\*> authorised, amount <\*> EUR" overdue: it followed "request <\*> opened by client <\*>" within \d+\.\d s in 100% of training sessions/);
    expect(q.reason).toBe('ordinary');
  });

  it('does not call a follow-up overdue while its delay has not passed (a session cut by the end of the data)', () => {
    const s = timed(rt, 7002, last + 60_000).slice(0, -2);
    const [p] = timedModel.score([s]);
    expect(p.reason).not.toMatch(/overdue/);
  });

  it('keeps its follow-ups through toJSON, and loads a state saved before them', () => {
    const state = JSON.parse(JSON.stringify(timedModel.toJSON()));
    expect(state.followUps.length).toBeGreaterThan(0);
    const s = timed(rt, 7003, last + 60_000).slice(0, -2);
    const later = timed(rt, 7004, last + 120_000);
    expect(SessionDetector.fromJSON(state).score([s, later])).toEqual(timedModel.score([s, later]));
    const { followUps: _f, latestTimestamp: _l, ...older } = state;
    const { followUpSupport: _o, forestConfidence: _c, ...olderOptions } = state.options;
    const restored = SessionDetector.fromJSON({ ...older, options: olderOptions });
    expect(restored.score([s, later])[0].reason).not.toMatch(/overdue/);
    expect(restored.info().parameters).toMatchObject({ followUpSupport: 2, forestConfidence: 0 });
    expect(() => SessionDetector.fromJSON({ ...state, followUps: [{ from: 0, to: 999, support: 1, delayMs: 0 }] })).toThrow(InvalidModelError);
  });

  it('takes lines of one clock tick in any order, and the next line after any of them', () => {
    const lines = request(rt, 7005);
    const payFirst = [lines[0], lines[lines.length - 2], ...lines.slice(1, -2), lines[lines.length - 1]];
    const at = (ticks: number[]) => payFirst.map((message, i) => ({ message, timestamp: last + 60_000 + 1000 * ticks[i] }));
    // open, payment and items all in one tick: no order to judge
    const [oneTick] = timedModel.score([at(payFirst.map(() => 0))]);
    expect(oneTick.reason).not.toMatch(/transition/);
    // open and payment in one tick, the items a tick later: they may follow the open line
    const [twoTicks] = timedModel.score([at(payFirst.map((_, i) => (i < 2 ? 0 : 1)))]);
    expect(twoTicks.reason).not.toMatch(/transition/);
    // one tick each: the order is the clock's, and payment before any item was never seen
    const [ordered] = timedModel.score([at(payFirst.map((_, i) => i))]);
    expect(ordered.reason).toMatch(/transition never seen in training: "request <\*> opened by client <\*>" → "payment for request/);
  });

  it('is off by default and rejects a timestamp that is not a time', () => {
    expect(SessionDetector.train(train, { trainedAt, nEstimators: 20 }).toJSON().followUps).toEqual([]);
    expect(() => timedModel.score([[{ message: 'request 1 opened by client 10.1.1.1', timestamp: 'yesterday' }]])).toThrow(InvalidInputError);
    expect(() => SessionDetector.train(train, { followUpSupport: 0 })).toThrow(InvalidOptionError);
  });
});
