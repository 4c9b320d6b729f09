import { LogEvent } from '@logad/detector';
import { EnvReader } from '@logad/server';
import { Store, createStore } from '@logad/storage';
import { Logger } from 'pino';
import { readModelStoreConfig } from '../config/ml-api.config';
import { ModelStoreConfig, createModelRegistry } from '../model/create-model-registry';
import { ModelRegistry } from '../model/model-registry';
import { ModelStore } from '../model/model-store';
import { readCorpus } from './read-corpus';
import { StoreCorpus, readStoreCorpus } from './read-store-corpus';
import { TooFewLinesError, TrainArgs } from './train-args';
import { trainBundle } from './train-bundle';

/** Fewest lines `--from-store` trains on: below it, a model would call most of tomorrow's lines anomalous. */
export const MIN_STORE_LINES = 100;

/** What one training run did. */
export interface TrainResult {
  readonly version: string;
  readonly lines: number;
  /** Where the model was saved, the directory copy first. */
  readonly savedTo: string[];
  /** With `--from-store`: what the store held. */
  readonly store?: Omit<StoreCorpus, 'events'>;
}

/**
 * `train`: reads the corpus (a file, or the store's normal and muted-template records), trains,
 * writes `<model-dir>/model-<version>.json` and points `current.json` at it, and with
 * `MODEL_STORE=redis` publishes it to Redis too, where every ml-api replica picks it up.
 */
export async function runTrain(args: TrainArgs, env: NodeJS.ProcessEnv, logger: Logger): Promise<TrainResult> {
  const r = new EnvReader(env);
  const storeConfig: ModelStoreConfig = { ...readModelStoreConfig(r), modelDir: args.modelDir };
  const storageUrl = r.optionalString('STORAGE_URL');
  const logsDir = r.string('LOGS_DIR', 'logs');
  r.done();
  let events: LogEvent[];
  let store: StoreCorpus | undefined;
  let corpusName = args.input;
  if (args.fromStore) {
    const since = new Date(Date.now() - args.sinceMs).toISOString();
    const storage = createStore(storageUrl, { jsonLines: { dir: logsDir } });
    corpusName = `the ${storage.adapter} store at ${storage.location}`;
    store = await readFromStore(storage, since, args.maxLines);
    events = store.events;
    logger.info(
      { store: corpusName, since, normal: store.normal, muted: store.muted, mutedTemplates: store.mutedTemplates, confirmedLeftOut: store.confirmedLeftOut },
      'training corpus read from the store',
    );
    if (events.length < MIN_STORE_LINES) {
      throw new TooFewLinesError(
        `${corpusName} holds ${events.length} line(s) since ${since} (${store.normal} normal, ${store.muted} of muted templates); ` +
          `training from the store needs at least ${MIN_STORE_LINES}: widen --since, or train on a file with --input`,
      );
    }
  } else {
    events = await readCorpus(args.input);
  }
  const t0 = Date.now();
  const bundle = trainBundle(events, args, corpusName);
  const savedTo: ModelRegistry[] = [new ModelStore(args.modelDir)];
  if (storeConfig.modelStore === 'redis') savedTo.push(createModelRegistry(storeConfig));
  for (const registry of savedTo) {
    try {
      await registry.save(bundle);
    } finally {
      await registry.close();
    }
  }
  logger.info(
    { ...bundle.line.info(), sessions: bundle.session !== null, savedTo: savedTo.map((s) => s.location), seconds: (Date.now() - t0) / 1000 },
    'model trained',
  );
  const result: TrainResult = { version: bundle.version, lines: events.length, savedTo: savedTo.map((s) => s.location) };
  if (!store) return result;
  return { ...result, store: { normal: store.normal, muted: store.muted, mutedTemplates: store.mutedTemplates, confirmedLeftOut: store.confirmedLeftOut } };
}

/** Reads through the queries and the feedback only: the sink is never opened (for files, opening would "repair" a line a worker is writing). */
async function readFromStore(storage: Store, since: string, maxLines: number): Promise<StoreCorpus> {
  await storage.connect();
  try {
    return await readStoreCorpus(storage, since, maxLines);
  } finally {
    await storage.close();
  }
}
