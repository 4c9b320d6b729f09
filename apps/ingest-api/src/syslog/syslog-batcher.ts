import { QueuedLog } from '@logad/contracts';

/** Refusals that pass: back-pressure, a rate limit, Redis away. Anything else would fail again. */
const TRANSIENT = new Set(['ingest:queue-full', 'auth:rate-limited', 'queue:unavailable']);

export interface SyslogBatcherOptions {
  /** Most logs in one submit (and the backlog past which the sender should be paused). */
  readonly maxRecords: number;
  /** How long a log may wait for others before its batch is sent. */
  readonly flushMs: number;
  /**
   * `true` (TCP): a transient refusal is retried until it passes or the listener closes, the
   * sender being paused meanwhile. `false` (UDP, which cannot be paused): the batch is dropped.
   */
  readonly retry: boolean;
  /** Logs given up on, and why: `backpressure` (not retried), `refused` (not transient), `shutdown`. */
  readonly onDrop: (count: number, reason: 'backpressure' | 'refused' | 'shutdown', err: unknown) => void;
  /** Called when the last batch was sent and nothing is pending (the owner may forget the batcher). */
  readonly onIdle?: () => void;
}

/**
 * Gathers one sender's logs into batches (up to `maxRecords`, or what came within `flushMs`) so
 * that a syslog stream is not one queue job per line, and sends one batch at a time through
 * `submit` (the intake service). `full` tells the reader to stop reading until `room()` resolves:
 * TCP's own flow control then slows the sender down, as syslog has no answer to say "retry".
 */
export class SyslogBatcher {
  private pending: QueuedLog[] = [];
  private timer?: NodeJS.Timeout;
  private inFlight?: Promise<void>;
  private closing = false;
  private wake?: () => void;
  private roomWaiters: Array<() => void> = [];

  constructor(
    private readonly submit: (logs: QueuedLog[]) => Promise<void>,
    private readonly o: SyslogBatcherOptions,
  ) {}

  add(log: QueuedLog): void {
    this.pending.push(log);
    if (this.pending.length >= this.o.maxRecords) this.kick();
    else this.timer ??= setTimeout(() => this.kick(), this.o.flushMs);
  }

  /** More is waiting than one batch: stop reading. */
  get full(): boolean {
    return this.pending.length >= this.o.maxRecords;
  }

  /** Nothing pending or in flight. */
  get idle(): boolean {
    return this.pending.length === 0 && this.inFlight === undefined;
  }

  /** Resolves once the backlog is below one batch again. */
  room(): Promise<void> {
    if (!this.full) return Promise.resolve();
    return new Promise((resolve) => this.roomWaiters.push(resolve));
  }

  /** Sends what is pending now instead of waiting for `flushMs` (the sender went away). */
  flushSoon(): void {
    this.kick();
  }

  /** Sends what is pending and resolves when all is sent; transient refusals are no longer retried. */
  async close(): Promise<void> {
    this.closing = true;
    this.wake?.();
    this.kick();
    while (this.inFlight) await this.inFlight;
  }

  private kick(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.inFlight || this.pending.length === 0) return;
    const batch = this.pending.splice(0, this.o.maxRecords);
    this.notifyRoom();
    this.inFlight = this.send(batch).finally(() => {
      this.inFlight = undefined;
      if (this.pending.length >= this.o.maxRecords || (this.closing && this.pending.length > 0)) this.kick();
      else if (this.pending.length > 0) this.timer ??= setTimeout(() => this.kick(), this.o.flushMs);
      else this.o.onIdle?.();
    });
  }

  private async send(batch: QueuedLog[]): Promise<void> {
    for (;;) {
      try {
        await this.submit(batch);
        return;
      } catch (err) {
        const transient = TRANSIENT.has((err as { code?: string }).code ?? '');
        if (!transient) return this.o.onDrop(batch.length, 'refused', err);
        if (!this.o.retry) return this.o.onDrop(batch.length, 'backpressure', err);
        if (this.closing) return this.o.onDrop(batch.length, 'shutdown', err);
        await this.sleep(retryAfterMs(err));
      }
    }
  }

  /** A wait that `close()` cuts short. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(t);
        this.wake = undefined;
        resolve();
      };
      const t = setTimeout(done, ms);
      this.wake = done;
    });
  }

  private notifyRoom(): void {
    if (this.full) return;
    const waiters = this.roomWaiters;
    this.roomWaiters = [];
    for (const w of waiters) w();
  }
}

/** The refusal's `Retry-After` (seconds), capped so that a paused sender is not held long; else 1 s. */
function retryAfterMs(err: unknown): number {
  const s = Number((err as { headers?: Record<string, string> }).headers?.['Retry-After']);
  return Number.isFinite(s) && s > 0 ? Math.min(s, 5) * 1000 : 1000;
}
