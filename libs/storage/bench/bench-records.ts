import { ScoredRecord } from '@logad/contracts';

/**
 * Synthetic scored records shared by the storage benches: ~560 bytes as JSON, 5 % anomalous,
 * 50 templates, 8 sources; record `i` is `stepMs` after record `i - 1`.
 */
export function benchRecord(i: number, t0: number, stepMs: number, idPrefix = 'bench'): ScoredRecord {
  const anomalous = i % 20 === 7;
  const tid = (i * 7919) % 50;
  const ms = t0 + i * stepMs;
  return {
    id: `${idPrefix}-${i}`,
    timestamp: new Date(ms).toISOString(),
    source: `svc-${i % 8}`,
    level: anomalous ? 'ERROR' : 'INFO',
    message: `request ${i} handled by worker ${i % 13} in ${i % 997} ms; path=/api/v1/items/${i}; user agent Mozilla/5.0 (X11; Linux x86_64) padding ${'x'.repeat(120)}`,
    anomaly_score: anomalous ? -0.1 : 0.1,
    is_anomaly: anomalous,
    prediction: anomalous ? -1 : 1,
    model_version: 'bench',
    score: anomalous ? 80 : 10,
    template: `request <*> handled by worker <*> in <*> ms; path=<*> kind ${tid}`,
    template_id: tid,
    received_at: ms + 3,
    stored_at: ms + 5,
  };
}
