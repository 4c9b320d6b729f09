import { LogAnomalyDetector } from '@logad/detector';
import { createLogger } from '@logad/server';
import { ModelStore } from '../model/model-store';
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
  const pointer = await new ModelStore(args.modelDir).save(detector);
  logger.info({ ...detector.info(), file: `${args.modelDir}/${pointer.file}`, seconds: (Date.now() - t0) / 1000 }, 'model trained');
}

main().catch((err: Error) => {
  process.stderr.write(`train failed: ${err.message}\n${err instanceof TrainArgsError ? TRAIN_USAGE + '\n' : ''}`);
  process.exit(1);
});
