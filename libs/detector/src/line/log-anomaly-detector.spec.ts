import { serviceLog } from '../../fixtures/service-log';
import { InvalidInputError, InvalidModelError, InvalidOptionError, LogAnomalyDetector, type LogEvent } from '../index';

const trainedAt = new Date('2026-11-25T12:00:00Z');
const corpus = serviceLog(1500);
const model = LogAnomalyDetector.train(corpus, { trainedAt, nEstimators: 50 });
const fresh = serviceLog(300, 99);

describe('LogAnomalyDetector.train', () => {
  it('is deterministic: same data, seed and time give the same version and scores', () => {
    const again = LogAnomalyDetector.train(corpus, { trainedAt, nEstimators: 50 });
    expect(again.version).toBe(model.version);
    expect(again.score(fresh)).toEqual(model.score(fresh));
  });

  it('changes with the seed', () => {
    const other = LogAnomalyDetector.train(corpus, { trainedAt, nEstimators: 50, seed: 7 });
    expect(other.version).not.toBe(model.version);
    const a = model.score(fresh).map((p) => p.anomaly_score);
    const b = other.score(fresh).map((p) => p.anomaly_score);
    expect(a).not.toEqual(b);
  });

  it('names its version after the training time and a hash of parameters and data', () => {
    expect(model.version).toMatch(/^20261125T120000Z-[0-9a-f]{8}$/);
    const moreData = LogAnomalyDetector.train([...corpus, 'one more line'], { trainedAt, nEstimators: 50 });
    expect(moreData.version).not.toBe(model.version);
  });

  it('rejects bad input and options with typed errors', () => {
    expect(() => LogAnomalyDetector.train(['only one'])).toThrow(InvalidInputError);
    expect(() => LogAnomalyDetector.train([{ message: 3 } as unknown as LogEvent, 'x'])).toThrow(InvalidInputError);
    expect(() => LogAnomalyDetector.train(corpus, { contamination: 0.9 })).toThrow(InvalidOptionError);
    expect(() => LogAnomalyDetector.train(corpus, { nEstimators: 0 })).toThrow(InvalidOptionError);
    expect(() => LogAnomalyDetector.train(corpus, { bogus: 1 } as never)).toThrow(/unknown option 'bogus'/);
  });

  it('puts the threshold at the contamination quantile of the training lines', () => {
    const m = LogAnomalyDetector.train(corpus, { trainedAt, nEstimators: 50, contamination: 0.05 });
    const flagged = m.score(corpus).filter((p) => p.is_anomaly).length / corpus.length;
    expect(flagged).toBeGreaterThan(0.005);
    expect(flagged).toBeLessThanOrEqual(0.05);
  });

  it('reports what it is', () => {
    const info = model.info();
    expect(info.version).toBe(model.version);
    expect(info.trained_at).toBe('2026-11-25T12:00:00.000Z');
    expect(info.training_lines).toBe(corpus.length);
    expect(info.templates).toBeGreaterThanOrEqual(5);
    expect(info.templates).toBeLessThan(50);
    expect(info.vocabulary_size).toBeGreaterThan(10);
    expect(info.parameters).toMatchObject({ nEstimators: 50, contamination: 0.01, seed: 42 });
  });
});

describe('LogAnomalyDetector severityWeight', () => {
  const line = (level: string): LogEvent => ({ message: 'GET /api/cart 200 12ms', level, source: 'web' });
  const scoreOf = (m: LogAnomalyDetector, level: string) => m.score([line(level)])[0].score;

  it("moves a line's score out by its level, FATAL most, INFO not at all ('auto' by default)", () => {
    expect(scoreOf(model, 'FATAL')).toBeGreaterThan(scoreOf(model, 'ERROR'));
    expect(scoreOf(model, 'ERROR')).toBeGreaterThan(scoreOf(model, 'WARN'));
    expect(scoreOf(model, 'WARN')).toBeGreaterThan(scoreOf(model, 'INFO'));
    expect(scoreOf(model, 'DEBUG')).toBe(scoreOf(model, 'INFO'));
  });

  it('0 leaves the forest alone; the resolved shift is saved with the model', () => {
    const plain = LogAnomalyDetector.train(corpus, { trainedAt, nEstimators: 50, severityWeight: 0 });
    const fatal = plain.score([line('FATAL')])[0];
    expect(fatal.explanation.top_features.length).toBeGreaterThan(0);
    const state = model.toJSON();
    expect(state.severityShift).toBeGreaterThan(0);
    expect(LogAnomalyDetector.fromJSON(JSON.parse(JSON.stringify(state))).score([line('FATAL')])).toEqual(model.score([line('FATAL')]));
    expect(() => LogAnomalyDetector.train(corpus, { severityWeight: 2 })).toThrow(InvalidOptionError);
  });

  it('a model saved before the option decides on the forest alone', () => {
    const plain = LogAnomalyDetector.train(corpus, { trainedAt, nEstimators: 50, severityWeight: 0 });
    const { severityShift: _drop, ...state } = plain.toJSON();
    const { severityWeight: _old, ...options } = state.options;
    const old = LogAnomalyDetector.fromJSON({ ...state, options });
    expect(old.score([line('FATAL')])).toEqual(plain.score([line('FATAL')]));
  });
});

describe('LogAnomalyDetector.score', () => {
  const planted = { message: 'checksum mismatch on segment 12 of volume vol-7, refusing to mount', level: 'ERROR', source: 'storage' };
  const [p] = model.score([planted]);
  const normal = model.score(fresh);

  it('scores a line of a template never seen in training above every ordinary line', () => {
    expect(p.is_anomaly).toBe(true);
    expect(p.prediction).toBe(-1);
    expect(p.anomaly_score).toBeLessThan(0);
    const worstNormal = Math.min(...normal.filter((x) => !x.explanation.new_template).map((x) => x.anomaly_score));
    expect(p.anomaly_score).toBeLessThan(worstNormal);
  });

  it('explains it: new template, the unseen template and the level pushed the score', () => {
    expect(p.explanation.new_template).toBe(true);
    expect(p.explanation.template_id).toBeUndefined();
    expect(p.explanation.template).toContain('checksum mismatch');
    const names = p.explanation.top_features.map((f) => f.feature);
    expect(names).toContain('unseen_template');
    expect(names).toContain('level:ERROR');
  });

  it('gives ordinary lines their training template, id and sorted feature weights', () => {
    const known = normal.filter((x) => !x.explanation.new_template);
    expect(known.length).toBeGreaterThan(250);
    for (const x of known) {
      expect(typeof x.explanation.template).toBe('string');
      expect(Number.isInteger(x.explanation.template_id)).toBe(true);
      const w = x.explanation.top_features.map((f) => f.weight);
      expect(w.length).toBeGreaterThan(0);
      expect(w.length).toBeLessThanOrEqual(3);
      expect([...w].sort((a, b) => b - a)).toEqual(w);
      for (const v of w) expect(v).toBeGreaterThan(0);
      expect(w.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1.001);
    }
    const same = normal.filter((x) => x.explanation.template?.startsWith('GET'));
    expect(new Set(same.map((x) => x.explanation.template_id)).size).toBe(1);
  });

  it('keeps the 0–100 score consistent with the decision: above 50 exactly when anomalous', () => {
    for (const x of [...normal, p]) {
      expect(x.score).toBeGreaterThanOrEqual(0);
      expect(x.score).toBeLessThanOrEqual(100);
      if (x.is_anomaly) expect(x.score).toBeGreaterThanOrEqual(50);
      else expect(x.score).toBeLessThanOrEqual(50);
    }
    expect(p.score).toBeGreaterThan(Math.max(...normal.filter((x) => !x.is_anomaly).map((x) => x.score)));
  });

  it('is pure: scoring does not change later scores', () => {
    const before = model.score(fresh);
    model.score([planted, planted, planted]);
    expect(model.score(fresh)).toEqual(before);
  });

  it('ranks a rare WARN line above common INFO lines', () => {
    const warn = normal.filter((x) => x.explanation.template?.startsWith('slow query'));
    const info = normal.filter((x) => x.explanation.template?.startsWith('GET'));
    expect(warn.length).toBeGreaterThan(0);
    expect(Math.max(...warn.map((x) => x.score))).toBeGreaterThan(Math.max(...info.map((x) => x.score)));
  });

  it('accepts bare strings and an empty batch', () => {
    expect(model.score([])).toEqual([]);
    const [s] = model.score(['GET /api/items/42 200 12ms']);
    expect(s.explanation.new_template).toBe(false);
  });
});

describe('LogAnomalyDetector usual_for_template', () => {
  // the service's traffic and, every 100 lines, a pattern that comes every few minutes (a checkpoint): all normal
  const checkpoint = (i: number): LogEvent => ({ message: `checkpoint complete: wrote ${100 + i} buffers in ${i % 9} ms`, level: 'INFO', source: 'db' });
  const lines = corpus.map((e, i) => (i % 100 === 0 ? checkpoint(i) : e));
  const m = LogAnomalyDetector.train(lines, { trainedAt, nEstimators: 100, contamination: 0.05 });

  it('says a line of an infrequent pattern scoring as its training lines did is usual for it, even beyond the threshold', () => {
    const [again] = m.score([checkpoint(7)]);
    expect(again.explanation.new_template).toBe(false);
    expect(again.is_anomaly).toBe(true); // the rarest pattern sits beyond a 5 % threshold…
    expect(again.explanation.usual_for_template).toBe(true); // …but scores as every checkpoint did
    expect(m.score([corpus[1]])[0].explanation.usual_for_template).toBe(true);
  });

  it('says a line stranger than every line of its pattern in training is not (here: its level)', () => {
    const [odd] = m.score([{ ...checkpoint(7), level: 'FATAL' }]);
    expect(odd.explanation.template_id).toBe(m.score([checkpoint(7)])[0].explanation.template_id);
    expect(odd.explanation.usual_for_template).toBe(false);
    expect(odd.is_anomaly).toBe(true);
  });

  it('keeps the floors in the saved model; a model saved without them says nothing', () => {
    const copy = LogAnomalyDetector.fromJSON(JSON.parse(JSON.stringify(m)));
    expect(copy.score([checkpoint(7), { ...checkpoint(7), level: 'FATAL' }])).toEqual(m.score([checkpoint(7), { ...checkpoint(7), level: 'FATAL' }]));
    const { templateFloors: _drop, ...old } = m.toJSON();
    expect(LogAnomalyDetector.fromJSON(old).score([checkpoint(7)])[0].explanation).not.toHaveProperty('usual_for_template');
  });
});

describe('LogAnomalyDetector.toJSON / fromJSON', () => {
  it('round-trips through JSON text with identical scores and version', () => {
    const copy = LogAnomalyDetector.fromJSON(JSON.parse(JSON.stringify(model)));
    expect(copy.version).toBe(model.version);
    expect(copy.info()).toEqual(model.info());
    expect(copy.score([...fresh, 'never seen before: disk on fire'])).toEqual(model.score([...fresh, 'never seen before: disk on fire']));
  });

  it('rejects corrupt or incompatible states with a detector:invalid-model error', () => {
    const good = JSON.parse(JSON.stringify(model));
    const bad: unknown[] = [
      null,
      'not json',
      { ...good, format: 'something-else' },
      { ...good, formatVersion: 99 },
      { ...good, offset: 'x' },
      { ...good, options: { ...good.options, contamination: 7 } },
      { ...good, forest: { ...good.forest, roots: [] } },
      { ...good, features: { ...good.features, tfidf: { format: 'logad-tfidf' } } },
      { ...good, features: { ...good.features, templates: { ...good.features.templates, keyIds: [] } } },
      { ...good, templateFloors: [[1, 5]] },
      { ...good, templateFloors: 'x' },
    ];
    for (const s of bad) {
      let err: unknown;
      try {
        LogAnomalyDetector.fromJSON(s);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(InvalidModelError);
      expect((err as InvalidModelError).code).toBe('detector:invalid-model');
      expect((err as Error).message).toMatch(/^LogAnomalyDetector\.fromJSON requires a valid detector state/);
    }
  });
});
