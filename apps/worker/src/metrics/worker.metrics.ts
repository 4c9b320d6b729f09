import { ModelInfoGauge, createRegistry } from '@logad/server';
import { Counter, Histogram, Registry } from 'prom-client';

/** The worker's Prometheus metrics, served at `GET /metrics` on WORKER_PORT. */
export class WorkerMetrics {
  readonly registry: Registry = createRegistry('worker');
  readonly processed = new Counter({ name: 'logad_logs_processed_total', help: 'Logs scored and stored', registers: [this.registry] });
  readonly anomalies = new Counter({ name: 'logad_anomalies_total', help: 'Logs stored as anomalous', registers: [this.registry] });
  readonly duplicates = new Counter({
    name: 'logad_duplicates_dropped_total',
    help: 'Records not written again because their id was stored (redeliveries, client retries)',
    registers: [this.registry],
  });
  readonly jobFailures = new Counter({
    name: 'logad_job_failures_total',
    help: 'Job attempts that failed and will be retried, by error code',
    labelNames: ['code'],
    registers: [this.registry],
  });
  readonly sessionsScored = new Counter({ name: 'logad_sessions_scored_total', help: 'Sessions closed and scored', registers: [this.registry] });
  readonly sessionAnomalies = new Counter({ name: 'logad_session_anomalies_total', help: 'Sessions stored as anomalous', registers: [this.registry] });
  readonly scoringSeconds = new Histogram({
    name: 'logad_worker_scoring_seconds',
    help: 'Time of one POST /predict/batch as the worker sees it',
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [this.registry],
  });
  readonly acceptedToStored = new Histogram({
    name: 'logad_accepted_to_stored_seconds',
    help: 'From the 202 of ingest to the record being stored',
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [this.registry],
  });
  readonly modelInfo = new ModelInfoGauge(this.registry, 'The model that scored the latest batch (value 1), by version');
}
