import { FaultBatches } from './fault-batches';

/** Options of {@link LoadGenerator}. */
export interface LoadGeneratorOptions {
  /** ingest-api's `POST /api/v1/logs` URL. */
  readonly url: string;
  /** Target logs per second. */
  readonly rate: number;
  readonly durationMs: number;
  /** Batches being sent or retried at once. */
  readonly maxOutstanding: number;
  /** After the load, how long unanswered batches are still retried (ms). */
  readonly settleTimeoutMs: number;
  /**
   * Every this many batches, one is sent a second time right after its 202 (0: never).
   * @defaultValue 0
   */
  readonly resendEvery?: number;
  /**
   * One request's time limit (ms).
   * @defaultValue 15000
   */
  readonly requestTimeoutMs?: number;
}

/** What happened to the requests, counted per attempt. */
export interface LoadCounters {
  requests: number;
  accepted202: number;
  tooMany429: number;
  unavailable503: number;
  otherStatus: Record<string, number>;
  /** Connection refused: the request never reached ingest-api. */
  refused: number;
  /** Reset, timeout or other failure after the request may have been received: its answer is lost. */
  answerLost: number;
}

/** Per batch: how it ended. Ambiguous: some attempt may have been enqueued without its 202 reaching us. */
interface BatchState {
  accepted: boolean;
  ambiguous: boolean;
  finalStatus?: number;
  /** Back-off steps taken so far. */
  tries?: number;
}

/**
 * A shipper at a target rate: numbered batches of logs with unique ids are POSTed on schedule;
 * each is resent until it gets 202, honouring Retry-After on 429 and 503 and backing off on
 * network errors, as Vector or Fluent Bit would. Only ids read from a 202 answer count as accepted.
 */
export class LoadGenerator {
  readonly counters: LoadCounters = { requests: 0, accepted202: 0, tooMany429: 0, unavailable503: 0, otherStatus: {}, refused: 0, answerLost: 0 };
  readonly acceptedIds = new Set<string>();
  /** 202 answers whose ids were not exactly the ids sent (a contract breach). */
  mismatchedAnswers = 0;
  /** Batches sent a second time after their 202 (see `resendEvery`). */
  resentBatches = 0;
  /** Batches still unanswered when the settle time ran out. */
  abandoned = 0;
  readonly latenciesMs: number[] = [];
  private readonly batches: BatchState[] = [];
  private outstanding = 0;
  private giveUpAt = Infinity;
  private loadStart = 0;
  /** When the generation stopped (ms since epoch). */
  loadEnd = 0;
  private readonly timeoutMs: number;

  constructor(
    private readonly gen: FaultBatches,
    private readonly o: LoadGeneratorOptions,
  ) {
    this.timeoutMs = o.requestTimeoutMs ?? 15_000;
  }

  get sentBatches(): number {
    return this.batches.length;
  }

  /** Logs per second the schedule asked for but could not issue (outstanding cap reached). */
  get behindBatches(): number {
    return Math.max(0, Math.floor((this.o.durationMs / 1000) * (this.o.rate / this.gen.batchSize)) - this.batches.length);
  }

  /** Runs the load for its duration, then waits (up to the settle time) for every batch to be answered 202. */
  async run(onLoadEnd?: () => void): Promise<void> {
    this.loadStart = Date.now();
    const inFlight = new Set<Promise<void>>();
    const perMs = this.o.rate / this.gen.batchSize / 1000;
    for (;;) {
      const elapsed = Date.now() - this.loadStart;
      if (elapsed >= this.o.durationMs) break;
      const due = Math.floor(elapsed * perMs) + 1;
      while (this.batches.length < due && this.outstanding < this.o.maxOutstanding) {
        const p = this.send(this.batches.length);
        inFlight.add(p);
        void p.finally(() => inFlight.delete(p));
      }
      await sleep(5);
    }
    this.loadEnd = Date.now();
    onLoadEnd?.();
    this.giveUpAt = Date.now() + this.o.settleTimeoutMs;
    await Promise.all([...inFlight]);
  }

  /** Ids of batches never answered 202 of which some attempt may still have been enqueued. */
  ambiguousIds(): Set<string> {
    const out = new Set<string>();
    this.batches.forEach((b, n) => {
      if (!b.accepted && b.ambiguous) for (const id of this.gen.ids(n)) out.add(id);
    });
    return out;
  }

  /** Every id sent at least once. */
  *sentIds(): Generator<string> {
    for (let n = 0; n < this.batches.length; n++) yield* this.gen.ids(n);
  }

  get loadSeconds(): number {
    return ((this.loadEnd || Date.now()) - this.loadStart) / 1000;
  }

  private async send(n: number): Promise<void> {
    const state: BatchState = { accepted: false, ambiguous: false };
    this.batches[n] = state;
    this.outstanding++;
    const body = this.gen.body(n);
    try {
      await this.deliver(n, body, state);
      const every = this.o.resendEvery ?? 0;
      if (state.accepted && every > 0 && n % every === every - 1) {
        // A shipper that never saw the first 202 sends the same logs again: a second job with the same ids.
        this.resentBatches++;
        await this.deliver(n, body, { accepted: false, ambiguous: false });
      }
    } finally {
      this.outstanding--;
    }
  }

  /** Sends one body until it is answered 202 (or given up). */
  private async deliver(n: number, body: string, state: BatchState): Promise<void> {
    for (;;) {
      if (Date.now() > this.giveUpAt) {
        this.abandoned++;
        return;
      }
      const wait = await this.attempt(n, body, state);
      if (wait === undefined) return;
      await sleep(Math.min(wait, Math.max(0, this.giveUpAt - Date.now())));
    }
  }

  /** One POST; resolves undefined when the batch is finished with, else the ms to wait before the next attempt. */
  private async attempt(n: number, body: string, state: BatchState): Promise<number | undefined> {
    const c = this.counters;
    c.requests++;
    const t0 = Date.now();
    let res: Response;
    try {
      res = await fetch(this.o.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (err) {
      if (causeCode(err) === 'ECONNREFUSED') c.refused++;
      else {
        c.answerLost++;
        state.ambiguous = true;
      }
      return backoff(state);
    }
    let text = '';
    try {
      text = await res.text();
    } catch {
      if (res.status === 202 || res.status >= 500) state.ambiguous = true;
      c.answerLost++;
      return backoff(state);
    }
    if (res.status === 202) {
      c.accepted202++;
      this.latenciesMs.push(Date.now() - t0);
      const ids = (JSON.parse(text) as { ids?: unknown }).ids;
      const expected = this.gen.ids(n);
      if (!Array.isArray(ids) || ids.length !== expected.length || ids.some((id, i) => id !== expected[i])) this.mismatchedAnswers++;
      if (Array.isArray(ids)) for (const id of ids) if (typeof id === 'string') this.acceptedIds.add(id);
      state.accepted = true;
      state.finalStatus = 202;
      return undefined;
    }
    if (res.status === 429 || res.status === 503) {
      if (res.status === 429) c.tooMany429++;
      else c.unavailable503++;
      // A 503 can follow an enqueue that Redis confirmed too late: not a clean refusal.
      if (res.status === 503) state.ambiguous = true;
      const retryAfter = Number(res.headers.get('retry-after'));
      return Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(5_000, retryAfter * 1000) : backoff(state);
    }
    c.otherStatus[res.status] = (c.otherStatus[res.status] ?? 0) + 1;
    if (res.status >= 500) {
      state.ambiguous = true;
      return backoff(state);
    }
    state.finalStatus = res.status; // 4xx: this body will never be taken; a bug of the harness or of ingest
    return undefined;
  }
}

function backoff(state: BatchState): number {
  state.tries = (state.tries ?? 0) + 1;
  return Math.min(2_000, 100 * 2 ** (state.tries - 1)) * (0.8 + 0.4 * Math.random());
}

function causeCode(err: unknown): string | undefined {
  const cause = (err as { cause?: { code?: string; errors?: Array<{ code?: string }> } }).cause;
  return cause?.code ?? cause?.errors?.[0]?.code;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
