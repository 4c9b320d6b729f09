import { ScoredRecord, SessionRecord } from '@logad/contracts';
import { Logger } from 'pino';
import { AlertGrouper, GroupedAlert } from './alert-grouper';
import { AlertFormat, PayloadContext, anomalyPayload, sessionPayload, webhookEndpoint } from './alert-payload';

/** Options of {@link AlertSink}. */
export interface AlertSinkOptions {
  /** Where alerts are POSTed; for `alertmanager`, its base URL (`http://host:9093`) will do. */
  readonly webhookUrl?: string;
  /** Body format of webhook calls. */
  readonly format: AlertFormat;
  /**
   * Alertmanager: an alert ends this long after it was last sent, since logad sends no
   * resolutions; never less than two group windows, so that a template that keeps misbehaving
   * stays firing between its grouped alerts.
   * @defaultValue 300000
   */
  readonly resolveAfterMs?: number;
  /** Base URL people reach ingest-api at: alerts link to its dashboard. */
  readonly publicUrl?: string;
  readonly timeoutMs: number;
  /** At most one alert per template per window (ms); 0 alerts on every anomaly. */
  readonly groupWindowMs: number;
  /** Undelivered webhook calls held at most; past it, new ones are logged and counted as dropped. */
  readonly maxPending?: number;
  readonly attempts?: number;
}

/**
 * Raises alerts: a structured log line per alert, and a webhook POST when configured. Anomalies
 * are grouped per template (see {@link AlertGrouper}). Delivery is retried with back-off in the
 * background and never holds up storage.
 */
export class AlertSink {
  private pending = 0;
  dropped = 0;
  delivered = 0;
  private readonly grouper: AlertGrouper;
  private readonly endpoint?: string;
  private readonly resolveAfterMs: number;

  constructor(
    private readonly logger: Logger,
    private readonly o: AlertSinkOptions,
  ) {
    this.grouper = new AlertGrouper(o.groupWindowMs, (a) => this.anomaly(a));
    this.endpoint = o.webhookUrl ? webhookEndpoint(o.webhookUrl, o.format) : undefined;
    this.resolveAfterMs = Math.max(o.resolveAfterMs ?? 300_000, 2 * o.groupWindowMs);
  }

  raise(records: readonly ScoredRecord[]): void {
    for (const r of records) this.grouper.add(r);
  }

  raiseSessions(sessions: readonly SessionRecord[]): void {
    for (const session of sessions) {
      const { key, line_count, score, reason } = session;
      this.logger.warn({ alert: 'session-anomaly', key, line_count, score, reason }, 'anomalous session');
      this.send(sessionPayload(session, this.context()), session.id);
    }
  }

  /** Sends held-back counts and waits for deliveries in flight (shutdown, tests). */
  async drain(timeoutMs = 10_000): Promise<void> {
    this.grouper.flush();
    const end = Date.now() + timeoutMs;
    while (this.pending > 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  }

  private anomaly(a: GroupedAlert): void {
    const r = a.example;
    this.logger.warn(
      { alert: 'anomaly', count: a.count, id: r.id, source: r.source, level: r.level, score: r.score, template: r.template, message: r.message.slice(0, 1000) },
      a.count > 1 ? `anomalous template seen ${a.count} times` : 'anomaly detected',
    );
    this.send(anomalyPayload(a, this.context()), r.id);
  }

  private context(): PayloadContext {
    return { format: this.o.format, resolveAfterMs: this.resolveAfterMs, publicUrl: this.o.publicUrl, now: Date.now() };
  }

  private send(body: unknown, id: string): void {
    if (!this.endpoint) return;
    if (this.pending >= (this.o.maxPending ?? 1000)) {
      this.dropped++;
      return;
    }
    this.pending++;
    void this.deliver(this.endpoint, body, id).finally(() => this.pending--);
  }

  private async deliver(url: string, body: unknown, id: string): Promise<void> {
    const attempts = this.o.attempts ?? 5;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(this.o.timeoutMs),
        });
        await res.arrayBuffer();
        if (res.ok) {
          this.delivered++;
          return;
        }
        if (res.status < 500 && res.status !== 429 && res.status !== 408) break; // the receiver will never take it
      } catch {
        // network error or timeout: retry
      }
      if (attempt < attempts) await new Promise((r) => setTimeout(r, Math.min(10_000, 200 * 2 ** attempt)));
    }
    this.dropped++;
    this.logger.error({ id, webhook: url }, 'alert webhook delivery failed; the record is stored regardless');
  }
}
