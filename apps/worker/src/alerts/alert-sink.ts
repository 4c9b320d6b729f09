import { ScoredRecord, SessionRecord } from '@logad/contracts';
import { Logger } from 'pino';

/** The JSON an alert webhook receives. */
export type AnomalyAlert = { readonly type: 'anomaly'; readonly record: ScoredRecord } | { readonly type: 'session-anomaly'; readonly session: SessionRecord };

/**
 * Raises an alert per anomaly: a structured log line always, and a JSON POST to the webhook when
 * one is configured. Webhook delivery is retried in the background and never holds up storage;
 * past `maxPending` undelivered alerts, new ones are logged and counted as dropped.
 */
export class AlertSink {
  private pending = 0;
  dropped = 0;
  delivered = 0;

  constructor(
    private readonly logger: Logger,
    private readonly webhookUrl: string | undefined,
    private readonly timeoutMs: number,
    private readonly maxPending = 1000,
    private readonly attempts = 5,
  ) {}

  raise(records: readonly ScoredRecord[]): void {
    for (const record of records) {
      const { id, source, level, anomaly_score, score, template } = record;
      this.logger.warn({ alert: 'anomaly', id, source, level, anomaly_score, score, template, message: record.message.slice(0, 1000) }, 'anomaly detected');
      this.send({ type: 'anomaly', record });
    }
  }

  raiseSessions(sessions: readonly SessionRecord[]): void {
    for (const session of sessions) {
      const { key, line_count, score, reason } = session;
      this.logger.warn({ alert: 'session-anomaly', key, line_count, score, reason }, 'anomalous session');
      this.send({ type: 'session-anomaly', session });
    }
  }

  /** Resolves once no delivery is in flight (for shutdown and tests). */
  async drain(timeoutMs = 10_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (this.pending > 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  }

  private send(alert: AnomalyAlert): void {
    if (!this.webhookUrl) return;
    if (this.pending >= this.maxPending) {
      this.dropped++;
      return;
    }
    this.pending++;
    void this.deliver(this.webhookUrl, alert).finally(() => this.pending--);
  }

  private async deliver(url: string, alert: AnomalyAlert): Promise<void> {
    for (let attempt = 1; attempt <= this.attempts; attempt++) {
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(alert),
          signal: AbortSignal.timeout(this.timeoutMs),
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
      await new Promise((r) => setTimeout(r, Math.min(10_000, 200 * 2 ** attempt)));
    }
    this.dropped++;
    const id = alert.type === 'anomaly' ? alert.record.id : alert.session.id;
    this.logger.error({ id, webhook: url }, 'alert webhook delivery failed; the record is stored regardless');
  }
}
