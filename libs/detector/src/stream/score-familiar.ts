import type { DetectorPrediction } from '../line/detector-prediction';
import type { LogAnomalyDetector } from '../line/log-anomaly-detector';
import type { LogEvent } from '../log-event';
import type { StreamVerdict } from './stream-verdict';

/**
 * The line model's answers for the events whose verdict it may change (see decideEvent): no stream
 * kind yet, an established template, a source the model knows; null for every other event, which
 * the model is not asked about (on a new user's own sources it would match every line against
 * someone else's templates for nothing). Each event goes with the stream step's masked text, so
 * it is masked once.
 */
export function scoreFamiliar(
  model: LogAnomalyDetector,
  events: readonly LogEvent[],
  verdicts: readonly StreamVerdict[],
  knows: (source: string) => boolean,
  options: { readonly explain?: boolean } = {},
): (DetectorPrediction | null)[] {
  const asked: number[] = [];
  for (let i = 0; i < verdicts.length; i++) if (verdicts[i].kind === null && verdicts[i].established && knows(verdicts[i].source)) asked.push(i);
  const scored = model.score(
    asked.map((i) => ({ message: events[i].message, level: events[i].level ?? null, source: events[i].source ?? null, masked: verdicts[i].masked })),
    options,
  );
  const out: (DetectorPrediction | null)[] = new Array(events.length).fill(null);
  asked.forEach((i, k) => (out[i] = scored[k]));
  return out;
}
