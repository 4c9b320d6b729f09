import { LogQueue, QueueUnavailableError } from '@logad/queue';
import { HttpProblem } from '@logad/server';

/** The queue is above its high-water mark: the client should retry later. */
export class QueueFullProblem extends HttpProblem {
  readonly code = 'ingest:queue-full';
  readonly statusCode = 429;
  constructor(waiting: number, highWater: number) {
    super(`the queue holds ${waiting} jobs, above its high-water mark of ${highWater}; retry later`, undefined, { 'Retry-After': '2' });
  }
}

/** Options of {@link Backpressure}. */
export interface BackpressureOptions {
  /** Jobs waiting (or delayed) in the shared queue at which new logs are refused. */
  readonly highWater: number;
  /**
   * Jobs this replica may enqueue that its last reading of the depth may not include, before it
   * reads again.
   * @defaultValue 50
   */
  readonly slackJobs?: number;
  /**
   * Age (ms) past which the reading is refreshed before the next admission.
   * @defaultValue 250
   */
  readonly refreshMs?: number;
}

/**
 * Refuses new logs while the queue, shared by every replica, is at its high-water mark. The depth
 * is read from the queue (Redis) at most every `refreshMs`, or sooner once this replica has
 * admitted `slackJobs` jobs the reading may not include ("unseen": enqueued or in flight since the
 * read began). Since each replica's unseen jobs stay within max(slackJobs, one request's jobs),
 * N replicas together overshoot the mark by less than N × that.
 */
export class Backpressure {
  private readonly highWater: number;
  private readonly slackJobs: number;
  private readonly refreshMs: number;
  private depth = 0;
  private readAt = 0;
  private unseen = 0;
  private inFlight = 0;
  private reading?: Promise<void>;
  private settled: Array<() => void> = [];

  constructor(
    private readonly queue: LogQueue,
    o: BackpressureOptions,
  ) {
    this.highWater = o.highWater;
    this.slackJobs = o.slackJobs ?? 50;
    this.refreshMs = o.refreshMs ?? 250;
  }

  /**
   * Runs `enqueue` (which adds `jobs` jobs) if the queue has room; throws {@link QueueFullProblem}
   * if not, or `QueueUnavailableError` (503) if the depth cannot be read.
   */
  async admit<T>(jobs: number, enqueue: () => Promise<T>): Promise<T> {
    if (Date.now() - this.readAt > this.refreshMs) await this.refresh();
    // A request larger than the slack passes alone: its own jobs are the bound then.
    const allowed = Math.max(this.slackJobs, jobs);
    while (this.unseen + jobs > allowed) {
      // A read cannot see jobs still on their way to Redis: if those alone leave no room, let one land first.
      if (this.inFlight + jobs > allowed) await this.nextSettle();
      await this.refresh();
    }
    if (this.depth + this.unseen >= this.highWater) throw new QueueFullProblem(this.depth + this.unseen, this.highWater);
    this.unseen += jobs;
    this.inFlight += jobs;
    try {
      return await enqueue();
    } finally {
      this.inFlight -= jobs;
      for (const wake of this.settled.splice(0)) wake();
    }
  }

  /** Reads the shared depth; concurrent callers share one read. */
  private refresh(): Promise<void> {
    this.reading ??= this.read().finally(() => (this.reading = undefined));
    return this.reading;
  }

  private async read(): Promise<void> {
    // What is in flight now may land after Redis counted: it stays unseen, as does what is
    // admitted while the read is under way.
    const unseenBefore = this.unseen;
    const inFlightAtStart = this.inFlight;
    let waiting: number;
    try {
      const c = await this.queue.counts();
      waiting = c.waiting + c.delayed;
    } catch (err) {
      // Neither a depth nor an enqueue can be had from a Redis that does not answer: 503, as the enqueue would.
      throw new QueueUnavailableError(`could not read the queue depth: ${(err as Error).message}`, { cause: err });
    }
    this.depth = waiting;
    this.unseen = inFlightAtStart + (this.unseen - unseenBefore);
    this.readAt = Date.now();
  }

  private nextSettle(): Promise<void> {
    return new Promise((resolve) => this.settled.push(resolve));
  }
}
