import { LogAnomalyDetector, LogEvent, SessionDetector, StreamDetector, sessionKeyOf } from '@logad/detector';
import { ModelBundle, bundleOf } from '../model/model-bundle';
import { TooFewLinesError, TrainArgs } from './train-args';

/** The line model and, with `--session-key`, the session model, trained on `events`. */
export function trainBundle(events: readonly LogEvent[], args: TrainArgs, corpusName: string): ModelBundle {
  if (events.length < 2) throw new TooFewLinesError(`${corpusName} holds ${events.length} message(s); training needs at least 2`);
  const detector = LogAnomalyDetector.train(events, {
    nEstimators: args.trees,
    maxSamples: args.sampleSize,
    contamination: args.contamination,
    seed: args.seed,
  });
  let session: SessionDetector | null = null;
  if (args.sessionKey) {
    const sessions = groupSessions(events, new RegExp(args.sessionKey));
    if (sessions.length < 2)
      throw new TooFewLinesError(`--session-key ${args.sessionKey} finds ${sessions.length} session(s) in ${corpusName}; a session model needs at least 2`);
    session = SessionDetector.train(sessions, { keyPattern: args.sessionKey, endPattern: args.sessionEnd, idleTimeoutMs: args.sessionIdleMs, seed: args.seed });
  }
  // The corpus is each of its sources' normal traffic: their baselines start learnt.
  return bundleOf(detector, session, StreamDetector.fromTraining(events));
}

/** Lines grouped by session key, in order of first appearance. */
function groupSessions(events: readonly LogEvent[], key: RegExp): LogEvent[][] {
  const byKey = new Map<string, LogEvent[]>();
  for (const e of events) {
    const k = sessionKeyOf(e.message, key);
    if (k === null) continue;
    let s = byKey.get(k);
    if (!s) byKey.set(k, (s = []));
    s.push(e);
  }
  return [...byKey.values()];
}
