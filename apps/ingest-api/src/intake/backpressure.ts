import { LogQueue } from '@logad/queue';
import { HttpProblem } from '@logad/server';

/** The queue is above its high-water mark: the client should retry later. */
export class QueueFullProblem extends HttpProblem {
  readonly code = 'ingest:queue-full';
  readonly statusCode = 429;
  constructor(waiting: number, highWater: number) {
    super(`the queue holds ${waiting} jobs, above its high-water mark of ${highWater}; retry later`, undefined, { 'Retry-After': '2' });
  }
}

/**
 * Refuses new logs while the queue is above a high-water mark. The depth is read at most every
 * `refreshMs` so that Redis is not asked once per request.
 */
export class Backpressure {
  private waiting = 0;
  private readAt = 0;
  private reading?: Promise<void>;

  constructor(
    private readonly queue: LogQueue,
    private readonly highWater: number,
    private readonly refreshMs = 250,
  ) {}

  async check(): Promise<void> {
    if (Date.now() - this.readAt > this.refreshMs) {
      this.reading ??= this.queue
        .counts()
        .then((c) => {
          this.waiting = c.waiting + c.delayed;
          this.readAt = Date.now();
        })
        .catch(() => undefined) // an unreachable queue is answered by enqueue itself (503)
        .finally(() => (this.reading = undefined));
      await this.reading;
    }
    if (this.waiting >= this.highWater) throw new QueueFullProblem(this.waiting, this.highWater);
  }
}
