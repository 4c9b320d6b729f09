import { LeanPredictEventsResult, PredictEvent } from '@logad/contracts';
import { UnrecoverableError } from '@logad/queue';
import { MlClient } from './ml-client';

interface Waiting {
  readonly events: PredictEvent[];
  readonly resolve: (r: LeanPredictEventsResult) => void;
  readonly reject: (err: unknown) => void;
}

/**
 * Scores the events of jobs that run at once in one ml-api call, up to `maxEvents` per call: a
 * 1000-log request is queued as two jobs, which reach the worker a Redis round trip apart, and each
 * call costs both processes the same whatever its size. Events wait at most `lingerMs` for company;
 * a call that fills up goes at once. Each caller gets the answer to its own events, in order (the
 * templates array is the call's, which its `t` references index).
 */
export class EventBatcher {
  private waiting: Waiting[] = [];
  private waitingEvents = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly ml: MlClient,
    private readonly maxEvents: number,
    private readonly lingerMs: number,
  ) {}

  score(events: PredictEvent[]): Promise<LeanPredictEventsResult> {
    if (this.lingerMs <= 0 || events.length >= this.maxEvents) return this.ml.predictEvents(events);
    return new Promise<LeanPredictEventsResult>((resolve, reject) => {
      if (this.waitingEvents + events.length > this.maxEvents) this.flush();
      this.waiting.push({ events, resolve, reject });
      this.waitingEvents += events.length;
      if (this.waitingEvents >= this.maxEvents) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.lingerMs);
    });
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.waiting;
    this.waiting = [];
    this.waitingEvents = 0;
    if (batch.length === 1) this.ml.predictEvents(batch[0].events).then(batch[0].resolve, batch[0].reject);
    if (batch.length <= 1) return;
    this.ml.predictEvents(batch.flatMap((w) => w.events)).then(
      (answer) => {
        let from = 0;
        for (const w of batch) {
          w.resolve({ ...answer, results: answer.results.slice(from, from + w.events.length) });
          from += w.events.length;
        }
      },
      (err: unknown) => {
        // ml-api refused the call for good: one job's events must not fail the others with it, so
        // each asks alone (and only the one at fault fails for good).
        if (err instanceof UnrecoverableError) for (const w of batch) this.ml.predictEvents(w.events).then(w.resolve, w.reject);
        else for (const w of batch) w.reject(err);
      },
    );
  }
}
