import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decideEvent, StreamDetector } from '@logad/detector';
import { fullEventsAnswer, type JudgedEvent, leanEventsAnswer } from './event-answers';

const corpus = readFileSync(join(__dirname, '../../../../data/sample-corpus.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as { message: string; level: string; source: string });

/** Real verdicts: a trained stream stage on the sample corpus, then a batch with a new pattern and a template that widens within it. */
function judgedBatch(): JudgedEvent[] {
  const stream = StreamDetector.fromTraining(corpus.slice(0, 2000));
  const t0 = Date.UTC(2026, 11, 7);
  const batch = [
    ...corpus.slice(2000, 2500),
    { message: 'DATABASE INTEGRITY ERROR: checksum mismatch in table users, possible data corruption', level: 'ERROR', source: 'payments' },
    { message: 'cache warmed for tenant acme in region west', level: 'INFO', source: 'db' },
    { message: 'cache warmed for tenant 4242 in region west', level: 'INFO', source: 'db' },
  ];
  return batch.map((e, i) => {
    const verdict = stream.observe({ ...e, timestamp: t0 + i * 10 });
    return { verdict, decision: decideEvent(verdict, null, false) };
  });
}

describe('answers of /predict/events', () => {
  const judged = judgedBatch();
  const full = fullEventsAnswer('v1', judged);
  const lean = leanEventsAnswer('v1', judged);

  it('the full answer is what every client got before, field for field', () => {
    const v = judged[0].verdict;
    const d = judged[0].decision;
    expect(full.results[0]).toEqual({
      is_anomaly: d.is_anomaly,
      anomaly_score: d.anomaly_score,
      prediction: d.is_anomaly ? -1 : 1,
      score: d.score,
      level: v.level,
      learning: v.learning,
      template: v.template,
      template_id: v.templateId,
    });
    expect(full.results.some((r) => r.kind === 'new_pattern' && r.reason)).toBe(true);
  });

  it('the lean answer holds each template once and reads back as the full one for every field a worker stores', () => {
    expect(lean.lean).toBe(true);
    expect(lean.results).toHaveLength(full.results.length);
    expect(lean.templates.length).toBeLessThan(full.results.length / 5);
    const readBack = lean.results.map((r) => {
      const [template_id, template] = lean.templates[r.t];
      return {
        is_anomaly: r.is_anomaly,
        anomaly_score: r.anomaly_score,
        prediction: r.is_anomaly ? -1 : 1,
        score: r.score,
        kind: r.kind,
        reason: r.reason,
        template,
        template_id,
      };
    });
    const stored = full.results.map((r) => ({
      is_anomaly: r.is_anomaly,
      anomaly_score: r.anomaly_score,
      prediction: r.prediction,
      score: r.score,
      kind: r.kind,
      reason: r.reason,
      template: r.template,
      template_id: r.template_id,
    }));
    expect(readBack).toEqual(stored);
    expect(JSON.stringify(lean).length).toBeLessThan(JSON.stringify(full).length / 2);
  });

  it('keeps both texts of a template that widens within the batch (one id, two entries)', () => {
    const a = judged[judged.length - 2].verdict;
    const b = judged[judged.length - 1].verdict;
    expect(b.templateId).toBe(a.templateId);
    expect(b.template).not.toBe(a.template);
    const [ra, rb] = lean.results.slice(-2);
    expect(lean.templates[ra.t]).toEqual([a.templateId, a.template]);
    expect(lean.templates[rb.t]).toEqual([b.templateId, b.template]);
  });
});
