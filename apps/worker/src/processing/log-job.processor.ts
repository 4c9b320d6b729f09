import { LeanEventPrediction, LogJob, ScoredRecord } from '@logad/contracts';
import { JobInfo, UnrecoverableError } from '@logad/queue';
import { RecordSink } from '@logad/storage';
import { Logger } from 'pino';
import { AlertSink } from '../alerts/alert-sink';
import { FeedbackList } from '../alerts/feedback-list';
import { EventBatcher } from '../ml/event-batcher';
import { SessionTracker } from '../sessions/session-tracker';
import { WorkerMetrics } from '../metrics/worker.metrics';

/**
 * One queue job: score its logs with ml-api, store every outcome, then raise alerts. It resolves
 * (completing the job) only after the records are written; any failure before that throws, and
 * the queue retries the job — storage drops the records a failed attempt had already written.
 */
export class LogJobProcessor {
  constructor(
    private readonly ml: EventBatcher,
    private readonly storage: RecordSink,
    private readonly alerts: AlertSink,
    private readonly logger: Logger,
    private readonly batchSize: number,
    private readonly metrics: WorkerMetrics,
    private readonly sessions?: SessionTracker,
    private readonly feedback?: FeedbackList,
  ) {}

  readonly handle = async (job: LogJob, info: JobInfo): Promise<void> => {
    try {
      await this.process(job, info);
    } catch (err) {
      this.metrics.jobFailures.inc({ code: (err as { code?: string }).code ?? 'unknown' });
      this.logger.warn({ job: info.id, attempt: info.attempt, err: (err as Error).message }, 'job failed; the queue retries it');
      throw err;
    }
  };

  private async process(job: LogJob, info: JobInfo): Promise<void> {
    const logs = job.records;
    const records: ScoredRecord[] = new Array(logs.length);
    for (let start = 0; start < logs.length; start += this.batchSize) {
      const part = logs.slice(start, start + this.batchSize);
      const endTimer = this.metrics.scoringSeconds.startTimer();
      // Whole events: the baseline of each source learns in event time, so the order and timestamps matter.
      const { model_version, templates, results } = await this.ml.score(
        part.map((l) => ({ message: l.message, level: l.level, source: l.source, timestamp: l.timestamp })),
      );
      endTimer();
      this.metrics.modelInfo.set(model_version);
      const storedAt = Date.now();
      for (let i = 0; i < part.length; i++) records[start + i] = toRecord(part[i], results[i], templates[results[i].t], model_version, storedAt, this.feedback);
    }
    const { written, duplicates } = await this.storage.write(records).catch((err: unknown) => {
      // A record the store can never hold: retrying cannot help, so the job fails for good (kept in the failed set).
      if ((err as { code?: string }).code === 'storage:invalid-record') throw new UnrecoverableError((err as Error).message);
      throw err;
    });
    const now = Date.now();
    let anomalies = 0;
    for (const r of records) {
      this.metrics.acceptedToStored.observe((now - r.received_at) / 1000);
      if (r.is_anomaly) anomalies++;
    }
    this.metrics.processed.inc(written);
    this.metrics.anomalies.inc(anomalies);
    this.metrics.duplicates.inc(duplicates);
    if (info.attempt > 1 || duplicates > 0) {
      const requests = [...new Set(logs.map((l) => l.requestId).filter(Boolean))].slice(0, 20);
      this.logger.info({ job: info.id, attempt: info.attempt, written, duplicates, requests }, 'job stored after retry');
    }
    // After the write: a failure here retries the job, and storage drops what it already holds.
    await this.sessions?.observe(records);
    // Muted templates are stored and flagged as usual, but raise no alert.
    this.alerts.raise(records.filter((r) => r.is_anomaly && !r.muted));
  }
}

function toRecord(
  log: LogJob['records'][number],
  p: LeanEventPrediction,
  entry: readonly [number, string],
  modelVersion: string,
  storedAt: number,
  feedback?: FeedbackList,
): ScoredRecord {
  // The template as the source's baseline knows it: its id names it for counting, muting and alert grouping.
  const templateId = entry[0];
  const template = entry[1];
  const record: ScoredRecord = {
    id: log.id,
    timestamp: log.timestamp,
    source: log.source,
    level: log.level,
    message: log.message,
    anomaly_score: p.anomaly_score,
    is_anomaly: p.is_anomaly,
    prediction: p.is_anomaly ? -1 : 1,
    score: p.score,
    model_version: modelVersion,
    template,
    template_id: templateId,
    ...(p.kind ? { kind: p.kind } : {}),
    ...(p.reason ? { reason: p.reason } : {}),
    ...(log.attributes ? { attributes: log.attributes } : {}),
    ...(log.requestId ? { request_id: log.requestId } : {}),
    received_at: log.receivedAt,
    stored_at: storedAt,
  };
  // Operators' verdicts: muted lines are flagged (no alert), confirmed ones stored as anomalies (they alert).
  return feedback ? feedback.apply(record) : record;
}
