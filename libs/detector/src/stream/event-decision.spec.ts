import type { DetectorPrediction } from '../line/detector-prediction';
import { decideEvent } from './event-decision';
import type { StreamVerdict } from './stream-verdict';

const verdict = (o: Partial<StreamVerdict>): StreamVerdict => ({
  source: 'api',
  templateId: -1,
  template: 't',
  level: null,
  learning: false,
  trainedSource: true,
  established: true,
  kind: null,
  score: 0,
  reason: null,
  ...o,
});
const line = (o: Partial<DetectorPrediction> & { newTemplate?: boolean }): DetectorPrediction => ({
  is_anomaly: false,
  anomaly_score: 0.1,
  prediction: 1,
  score: 30,
  explanation: { template: 't', new_template: o.newTemplate ?? false, top_features: [{ feature: 'level:ERROR', weight: 0.6 }] },
  ...o,
});

describe('decideEvent', () => {
  it("keeps the stream's kinds, with a decision value negative exactly when anomalous", () => {
    const d = decideEvent(verdict({ kind: 'surge', score: 80, reason: 'r' }), line({}));
    expect(d).toMatchObject({ is_anomaly: true, kind: 'surge', score: 80, reason: 'r' });
    expect(d.anomaly_score).toBeLessThan(0);
    const n = decideEvent(verdict({}), line({ score: 20 }));
    expect(n).toMatchObject({ is_anomaly: false, kind: null, score: 20 });
    expect(n.anomaly_score).toBeGreaterThan(0);
  });

  it('asks the line model only where it knows the traffic: a trained source and a template it learnt', () => {
    const far = line({ is_anomaly: true, score: 77 });
    expect(decideEvent(verdict({}), far)).toMatchObject({ is_anomaly: true, kind: 'rare', reason: expect.stringContaining('level:ERROR') });
    expect(decideEvent(verdict({ trainedSource: false }), far).is_anomaly).toBe(false);
    expect(decideEvent(verdict({ trainedSource: false }), far, true).kind).toBe('rare'); // retrained on this source
    expect(decideEvent(verdict({ established: false }), far).is_anomaly).toBe(false);
    expect(decideEvent(verdict({}), line({ is_anomaly: true, score: 90, newTemplate: true })).is_anomaly).toBe(false);
    expect(decideEvent(verdict({}), null).is_anomaly).toBe(false);
  });

  it('calls a line rare only when it is stranger than every training line of its pattern', () => {
    const usual = line({
      is_anomaly: true,
      score: 70,
      explanation: { template: 't', template_id: 3, new_template: false, usual_for_template: true, top_features: [] },
    });
    expect(decideEvent(verdict({}), usual)).toMatchObject({ is_anomaly: false, kind: null });
    const odd = line({
      is_anomaly: true,
      score: 70,
      explanation: { template: 't', template_id: 3, new_template: false, usual_for_template: false, top_features: [] },
    });
    expect(decideEvent(verdict({}), odd)).toMatchObject({ is_anomaly: true, kind: 'rare' });
  });
});
