import { LogQueue } from '@logad/queue';
import { createRegistry } from '@logad/server';
import { Counter, Gauge, Registry } from 'prom-client';
import { SyslogMetrics } from './syslog.metrics';

/** ingest-api's Prometheus metrics, served at `GET /metrics`. */
export class IngestMetrics {
  readonly registry: Registry = createRegistry('ingest-api');
  readonly requests = new Counter({
    name: 'logad_ingest_requests_total',
    help: 'POST /api/v1/logs requests by outcome',
    labelNames: ['outcome'],
    registers: [this.registry],
  });
  readonly received = new Counter({ name: 'logad_logs_received_total', help: 'Logs in requests whose body could be read', registers: [this.registry] });
  readonly accepted = new Counter({ name: 'logad_logs_accepted_total', help: 'Logs answered 202 (in the queue)', registers: [this.registry] });
  readonly rejected = new Counter({
    name: 'logad_requests_rejected_total',
    help: 'Refused requests by error code',
    labelNames: ['reason'],
    registers: [this.registry],
  });
  /** Counted by IntakeService alone (`countRefused`). */
  readonly refusedRecords = new Counter({
    name: 'logad_ingest_refused_records_total',
    help: 'Records refused for what they hold, by format and reason (a body refused before its records could be read counts once)',
    labelNames: ['format', 'reason'],
    registers: [this.registry],
  });
  readonly syslog = new SyslogMetrics(this.registry);

  constructor(queue: LogQueue) {
    new Gauge({
      name: 'logad_queue_jobs',
      help: 'Queue jobs by state (read on scrape)',
      labelNames: ['state'],
      registers: [this.registry],
      async collect() {
        const c = await queue.counts().catch(() => null);
        if (!c) return;
        for (const [state, n] of Object.entries(c)) this.set({ state }, n);
      },
    });
  }
}
