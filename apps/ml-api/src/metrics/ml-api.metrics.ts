import { ModelInfoGauge, createRegistry } from '@logad/server';
import { Counter, Histogram, Registry } from 'prom-client';

/** ml-api's Prometheus metrics, served at `GET /metrics`. */
export class MlApiMetrics {
  readonly registry: Registry = createRegistry('ml-api');
  readonly scored = new Counter({ name: 'logad_messages_scored_total', help: 'Messages scored, by route', labelNames: ['route'], registers: [this.registry] });
  readonly anomalies = new Counter({
    name: 'logad_predicted_anomalies_total',
    help: 'Messages and sessions predicted anomalous',
    labelNames: ['kind'],
    registers: [this.registry],
  });
  readonly sessionsScored = new Counter({ name: 'logad_sessions_scored_total', help: 'Sessions scored', registers: [this.registry] });
  readonly scoringSeconds = new Histogram({
    name: 'logad_scoring_seconds',
    help: 'Time to score one request, by route',
    labelNames: ['route'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  readonly modelInfo = new ModelInfoGauge(this.registry, 'The model served (value 1), by version');
}
