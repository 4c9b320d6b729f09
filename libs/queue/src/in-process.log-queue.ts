import { LogJob, QueuedLog } from '@logad/contracts';
import { UnrecoverableError } from 'bullmq';
import { chunk } from './chunk';
import { QueueClosedError } from './errors/queue-closed.error';
import { ConsumeOptions, JobHandler, LogQueue, QueueCounts } from './log-queue';
import { DEFAULT_QUEUE_OPTIONS, LogQueueOptions } from './log-queue.options';
import { retryDelay } from './retry-delay';

interface MemoryJob {
  readonly id: string;
  readonly data: LogJob;
  attemptsMade: number;
}

interface Consumer {
  readonly handler: JobHandler;
  readonly concurrency: number;
  active: number;
}

/**
 * A queue inside one process, for running logad with no Redis: same retry semantics as the
 * BullMQ adapter, but nothing survives the process and it cannot be shared between processes.
 * Instances are shared by name within a process, as BullMQ queues are shared through Redis.
 */
export class InProcessLogQueue extends LogQueue {
  private static readonly registry = new Map<string, InProcessLogQueue>();

  static named(options: LogQueueOptions = {}): InProcessLogQueue {
    const name = options.name ?? DEFAULT_QUEUE_OPTIONS.name;
    let q = InProcessLogQueue.registry.get(name);
    if (!q || q.closed) {
      q = new InProcessLogQueue(options);
      InProcessLogQueue.registry.set(name, q);
    }
    return q;
  }

  private readonly opts: Required<LogQueueOptions>;
  private readonly waiting: MemoryJob[] = [];
  private readonly consumers: Consumer[] = [];
  private readonly running = new Set<Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private delayed = 0;
  private failed = 0;
  private nextId = 1;
  private closed = false;

  private constructor(options: LogQueueOptions) {
    super();
    this.opts = { ...DEFAULT_QUEUE_OPTIONS, ...options };
  }

  async enqueue(records: readonly QueuedLog[]): Promise<void> {
    if (this.closed) throw new QueueClosedError();
    for (const part of chunk(records, this.opts.recordsPerJob)) {
      this.waiting.push({ id: String(this.nextId++), data: { records: part }, attemptsMade: 0 });
    }
    this.dispatch();
  }

  async consume(handler: JobHandler, options: ConsumeOptions = {}): Promise<void> {
    if (this.closed) throw new QueueClosedError();
    this.consumers.push({ handler, concurrency: options.concurrency ?? 4, active: 0 });
    this.dispatch();
  }

  async counts(): Promise<QueueCounts> {
    const active = this.consumers.reduce((n, c) => n + c.active, 0);
    return { waiting: this.waiting.length, active, delayed: this.delayed, failed: this.failed };
  }

  async ping(): Promise<void> {
    if (this.closed) throw new QueueClosedError();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await Promise.allSettled([...this.running]);
    this.consumers.length = 0;
  }

  private dispatch(): void {
    for (const c of this.consumers) {
      while (!this.closed && c.active < c.concurrency && this.waiting.length > 0) {
        this.run(c, this.waiting.shift()!);
      }
    }
  }

  private run(c: Consumer, job: MemoryJob): void {
    c.active++;
    job.attemptsMade++;
    const p: Promise<void> = c
      .handler(job.data, { id: job.id, attempt: job.attemptsMade })
      .catch((err: unknown) => {
        if (err instanceof UnrecoverableError) this.failed++;
        else this.retryLater(job);
      })
      .finally(() => {
        c.active--;
        this.running.delete(p);
        this.dispatch();
      });
    this.running.add(p);
  }

  private retryLater(job: MemoryJob): void {
    if (this.closed) return;
    this.delayed++;
    const t = setTimeout(
      () => {
        this.timers.delete(t);
        this.delayed--;
        this.waiting.push(job);
        this.dispatch();
      },
      retryDelay(job.attemptsMade, this.opts.backoffMs, this.opts.maxBackoffMs),
    );
    this.timers.add(t);
  }
}
