import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultMasker, Masker } from '@logad/text';
import { LogAnomalyDetector } from '../line/log-anomaly-detector';
import { StreamDetector } from './stream-detector';

// The online path masks each event once: the stream step's masked text goes to the line model with the
// event. The answers must be exactly those of masking twice, and a model with other rules must ignore it.
const corpus = readFileSync(join(__dirname, '../../../../data/sample-corpus.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as { message: string; level: string; source: string });
const train = corpus.slice(0, 3000);
const live = [
  ...corpus.slice(3000, 3600),
  { message: 'DATABASE INTEGRITY ERROR: checksum mismatch in table users, possible data corruption', level: 'ERROR', source: 'payments' },
  { message: 'GET /api/v1/orders/7781 503 12034ms upstream timed out', level: 'WARN', source: 'api-gateway' },
  { message: 'a line of a source nobody trained on 42', level: 'INFO', source: 'newcomer' },
].map((e, i) => ({ ...e, timestamp: Date.UTC(2026, 11, 7) + i * 50 }));

/** The stream step, then the line model on every event, each given the verdict's masked text or not. */
function run(line: LogAnomalyDetector, handOff: boolean) {
  const stream = StreamDetector.fromTraining(train);
  const verdicts = live.map((e) => stream.observe(e));
  const scored = line.score(
    live.map((e, i) => ({ ...e, masked: handOff ? verdicts[i].masked : null })),
    { explain: true },
  );
  return { verdicts: verdicts.map(({ masked: _m, ...v }) => v), scored };
}

describe('one masking per event on the online path', () => {
  const line = LogAnomalyDetector.fromJSON(JSON.parse(JSON.stringify(LogAnomalyDetector.train(train, { seed: 3 }).toJSON())));

  it('hands the line model the masked text, and scores exactly as masking again would', () => {
    const shared = run(line, true);
    const plain = run(line, false);
    expect(shared.scored).toEqual(plain.scored);
    expect(shared.verdicts).toEqual(plain.verdicts);
    // some lines take the line model's template fallback (a key it never saw), which reads the text too
    expect(shared.scored.some((p) => p.explanation.new_template)).toBe(true);
  });

  it('masks each event once where it used to mask it twice (a model loaded from JSON shares the rules)', () => {
    const stream = StreamDetector.fromTraining(train);
    const spy = jest.spyOn(Masker.prototype, 'mask');
    try {
      const familiar = live.slice(0, 200);
      const verdicts = familiar.map((e) => stream.observe(e));
      line.score(familiar.map((e, i) => ({ ...e, masked: verdicts[i].masked })));
      expect(verdicts[0].masked?.masker).toBe(defaultMasker());
      expect(spy.mock.calls.length).toBe(familiar.length);
      spy.mockClear();
      line.score(familiar);
      expect(spy.mock.calls.length).toBe(familiar.length); // what the handed text saved
    } finally {
      spy.mockRestore();
    }
  });

  it('a model trained with other mask rules ignores the handed text and scores as it always did', () => {
    const saved = JSON.parse(readFileSync(join(__dirname, '../../fixtures/models-before-text-stage.json'), 'utf8'));
    const old = LogAnomalyDetector.fromJSON(saved.line);
    const given = (saved.lineTest as Array<string | { message: string }>).map((e) => {
      const message = typeof e === 'string' ? e : e.message;
      return { ...(typeof e === 'string' ? {} : e), message, masked: defaultMasker().maskText(message) };
    });
    expect(old.score(given, { explain: true })).toEqual(saved.linePredictions);
  });
});
