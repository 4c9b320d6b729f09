import { LogAnomalyDetector, LogEvent, SessionDetector, sessionKeyOf } from '@logad/detector';
import { createLogger } from '@logad/server';
import { ModelStore } from '../model/model-store';
import { bundleOf } from '../model/model-bundle';
import { readCorpus } from './read-corpus';
import { TRAIN_USAGE, TrainArgsError, parseTrainArgs } from './train-args';

/** `nx run ml-api:train`: trains on a corpus and writes a versioned model that ml-api picks up. */
async function main(): Promise<void> {
  const logger = createLogger('ml-api-train');
  const args = parseTrainArgs(process.argv.slice(2));
  const t0 = Date.now();
  const events = await readCorpus(args.input);
  if (events.length < 2) throw new TrainArgsError(`${args.input} holds ${events.length} message(s); training needs at least 2`);
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
      throw new TrainArgsError(`--session-key ${args.sessionKey} finds ${sessions.length} session(s) in ${args.input}; a session model needs at least 2`);
    session = SessionDetector.train(sessions, { keyPattern: args.sessionKey, endPattern: args.sessionEnd, idleTimeoutMs: args.sessionIdleMs, seed: args.seed });
    logger.info({ sessions: sessions.length }, 'session model trained');
  }
  const pointer = await new ModelStore(args.modelDir).save(bundleOf(detector, session));
  logger.info({ ...detector.info(), sessions: session !== null, file: `${args.modelDir}/${pointer.file}`, seconds: (Date.now() - t0) / 1000 }, 'model trained');
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

main().catch((err: Error) => {
  process.stderr.write(`train failed: ${err.message}\n${err instanceof TrainArgsError ? TRAIN_USAGE + '\n' : ''}`);
  process.exit(1);
});
