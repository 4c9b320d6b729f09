import { ScoredRecord, SessionRecord, SessionSettings } from '@logad/contracts';
import { ClosedSession, type SessionLine, SessionStore, compileSessionKey } from '@logad/sessions';
import { RecordSink } from '@logad/storage';
import { Logger } from 'pino';
import { AlertSink } from '../alerts/alert-sink';
import { MlClient } from '../ml/ml-client';

/**
 * Groups stored records into sessions (by the served model's key pattern, or an attributes field)
 * in a store every worker shares, and sweeps sessions that went idle or ended: ml-api scores
 * them and the anomalous ones are stored and alerted. A sweep that fails puts its sessions back.
 */
export class SessionTracker {
  private settings: SessionSettings | null = null;
  private keyOf: ((message: string, attributes?: Record<string, unknown>) => string | null) | null = null;
  private endRe: RegExp | null = null;
  private timers: NodeJS.Timeout[] = [];
  private sweeping = false;
  /** Sessions scored and found anomalous, for logs and tests. */
  scored = 0;
  anomalous = 0;
  /** Told of every sweep's counts (metrics). */
  onScored?: (scored: number, anomalous: number) => void;

  constructor(
    private readonly store: SessionStore,
    private readonly ml: MlClient,
    private readonly storage: RecordSink,
    private readonly alerts: AlertSink,
    private readonly logger: Logger,
    private readonly opts: { keyField?: string; sweepMs: number; settingsRefreshMs: number },
  ) {}

  async start(): Promise<void> {
    // A hung ml-api must not hold the worker's start: settings arrive at the next refresh instead.
    await Promise.race([this.refreshSettings(), new Promise((r) => setTimeout(r, 2000).unref())]);
    this.timers.push(setInterval(() => void this.refreshSettings(), this.opts.settingsRefreshMs));
    this.timers.push(setInterval(() => void this.sweep(), this.opts.sweepMs));
    for (const t of this.timers) t.unref();
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    while (this.sweeping) await new Promise((r) => setTimeout(r, 20));
  }

  /** Adds a job's stored records to their sessions. Throws (and so retries the job) when the store is unreachable. */
  async observe(records: readonly ScoredRecord[]): Promise<void> {
    const keyOf = this.keyOf;
    if (!keyOf) return;
    const lines: Array<{ key: string; line: SessionLine }> = [];
    const ended: string[] = [];
    const at = Date.now();
    for (const r of records) {
      const key = keyOf(r.message, r.attributes);
      if (key === null) continue;
      lines.push({ key, line: { id: r.id, message: r.message, level: r.level, at, timestamp: r.timestamp } });
      if (this.endRe?.test(r.message)) ended.push(key);
    }
    await this.store.append(lines);
    if (ended.length > 0) await this.store.end(ended);
  }

  /** Scores the sessions that closed; returns how many were scored. */
  async sweep(): Promise<number> {
    const s = this.settings;
    if (!s || this.sweeping) return 0;
    this.sweeping = true;
    let claimed: ClosedSession[] = [];
    try {
      claimed = await this.store.claim(Date.now() - s.idle_timeout_ms, 200);
      if (claimed.length === 0) return 0;
      // A retried job may have added its lines twice: a session holds each record once.
      const sessions = claimed.map((c) => ({ ...c, lines: uniqueById(c.lines) }));
      const { model_version, results } = await this.ml.predictSessions(
        sessions.map((c) => ({ key: c.key, messages: c.lines.map((l) => l.message), levels: c.lines.map((l) => l.level), ...timestampsOf(c.lines) })),
      );
      const storedAt = Date.now();
      const anomalous: SessionRecord[] = [];
      results.forEach((v, i) => {
        if (!v.is_anomaly) return;
        const c = sessions[i];
        anomalous.push({
          id: `${c.key}@${c.lines[0]?.id ?? ''}`,
          key: c.key,
          line_ids: c.lines.map((l) => l.id),
          line_count: c.lines.length,
          started_at: new Date(Math.min(...c.lines.map((l) => l.at))).toISOString(),
          ended_at: new Date(Math.max(...c.lines.map((l) => l.at))).toISOString(),
          closed_by: c.closedBy,
          is_anomaly: true,
          anomaly_score: v.anomaly_score,
          score: v.score,
          reason: v.reason,
          unseen_templates: v.unseen_templates,
          model_version,
          stored_at: storedAt,
        });
      });
      if (anomalous.length > 0) await this.storage.writeSessions(anomalous);
      this.scored += sessions.length;
      this.anomalous += anomalous.length;
      this.onScored?.(sessions.length, anomalous.length);
      this.alerts.raiseSessions(anomalous);
      return sessions.length;
    } catch (err) {
      // Put them back: they are claimed again at the next sweep.
      await this.store.append(claimed.flatMap((c) => c.lines.map((line) => ({ key: c.key, line })))).catch(() => undefined);
      await this.store.end(claimed.filter((c) => c.closedBy === 'end-line').map((c) => c.key)).catch(() => undefined);
      this.logger.warn({ err: (err as Error).message, sessions: claimed.length }, 'session scoring failed; sessions returned to the store');
      return 0;
    } finally {
      this.sweeping = false;
    }
  }

  private async refreshSettings(): Promise<void> {
    const info = await this.ml.model();
    if (!info) return; // keep what we had while ml-api is away
    const next = info.sessions;
    if (JSON.stringify(next) === JSON.stringify(this.settings)) return;
    this.settings = next;
    this.keyOf = next?.key_pattern || this.opts.keyField ? compileSessionKey({ pattern: next?.key_pattern ?? undefined, field: this.opts.keyField }) : null;
    this.endRe = next?.end_pattern ? new RegExp(next.end_pattern) : null;
    this.logger.info({ sessions: next }, next ? 'session detection on' : 'session detection off: the model has no session detector');
  }
}

/** The first line of each id, in order (a session holds up to thousands of lines: one pass, not a scan per line). */
function uniqueById<T extends { id: string }>(lines: readonly T[]): T[] {
  const seen = new Set<string>();
  return lines.filter((l) => {
    if (seen.has(l.id)) return false;
    seen.add(l.id);
    return true;
  });
}

/** The lines' own timestamps for the session model's overdue follow-ups; none when a line predates them (stored before they were kept). */
function timestampsOf(lines: readonly SessionLine[]): { timestamps?: string[] } {
  const ts = lines.map((l) => l.timestamp);
  return ts.every((t): t is string => typeof t === 'string') ? { timestamps: ts } : {};
}
