import type { EventPrediction, LeanEventPrediction, LeanPredictEventsResult, PredictEventsResult, PredictionExplanation } from '@logad/contracts';
import type { EventDecision, StreamVerdict } from '@logad/detector';

/** One event of `/predict/events` as judged: the stream's verdict, the decision and, unless compact, the line model's explanation. */
export interface JudgedEvent {
  readonly verdict: StreamVerdict;
  readonly decision: EventDecision;
  readonly explanation?: PredictionExplanation;
}

/** The answer old clients get: every field per event. */
export function fullEventsAnswer(modelVersion: string, judged: readonly JudgedEvent[]): PredictEventsResult {
  const results = judged.map(({ verdict: v, decision: d, explanation }): EventPrediction => ({
    is_anomaly: d.is_anomaly,
    anomaly_score: d.anomaly_score,
    prediction: d.is_anomaly ? -1 : 1,
    score: d.score,
    ...(d.kind ? { kind: d.kind } : {}),
    ...(d.reason ? { reason: d.reason } : {}),
    level: v.level,
    learning: v.learning,
    template: v.template,
    template_id: v.templateId,
    ...(explanation ? { explanation } : {}),
  }));
  return { model_version: modelVersion, results };
}

/**
 * The lean answer (`lean: true`): each template once, then per event only what a worker stores. A
 * batch of one source repeats a few templates hundreds of times; their text was most of the bytes.
 */
export function leanEventsAnswer(modelVersion: string, judged: readonly JudgedEvent[]): LeanPredictEventsResult {
  const templates: Array<[number, string]> = [];
  // id → its table entries: a template can widen within a batch, so one id may come with two texts
  const index = new Map<number, number[]>();
  const results = new Array<LeanEventPrediction>(judged.length);
  for (let i = 0; i < judged.length; i++) {
    const { verdict: v, decision: d } = judged[i];
    let entries = index.get(v.templateId);
    if (entries === undefined) index.set(v.templateId, (entries = []));
    let t = -1;
    for (const k of entries) if (templates[k][1] === v.template) t = k;
    if (t < 0) {
      t = templates.length;
      templates.push([v.templateId, v.template]);
      entries.push(t);
    }
    results[i] = d.is_anomaly
      ? { t, is_anomaly: true, anomaly_score: d.anomaly_score, score: d.score, ...(d.kind ? { kind: d.kind } : {}), ...(d.reason ? { reason: d.reason } : {}) }
      : { t, is_anomaly: false, anomaly_score: d.anomaly_score, score: d.score };
  }
  return { model_version: modelVersion, lean: true, templates, results };
}
