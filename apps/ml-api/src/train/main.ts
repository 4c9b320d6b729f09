import { createLogger } from '@logad/server';
import { configuredRegistry, listModels } from './model-commands';
import { runTrain } from './run-train';
import { TRAIN_USAGE, TooFewLinesError, TrainArgsError, parseTrainArgs } from './train-args';

/** `nx run ml-api:train`: trains on a corpus (or the store) and publishes a versioned model that ml-api picks up. */
async function main(): Promise<void> {
  const args = parseTrainArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(TRAIN_USAGE + '\n');
    return;
  }
  if (args.list || args.use !== undefined) {
    const registry = configuredRegistry(args.modelDir, process.env);
    try {
      if (args.use !== undefined) {
        const p = await registry.use(args.use);
        process.stdout.write(`current model in ${registry.location} is now ${p.version}; ml-api replicas switch within MODEL_RELOAD_MS\n`);
      } else {
        process.stdout.write((await listModels(registry)).text + '\n');
      }
    } finally {
      await registry.close();
    }
    return;
  }
  await runTrain(args, process.env, createLogger('ml-api-train'));
}

main().catch((err: Error) => {
  const usage = err instanceof TrainArgsError && !(err instanceof TooFewLinesError);
  process.stderr.write(`train failed: ${err.message}\n${usage ? TRAIN_USAGE + '\n' : ''}`);
  process.exit(1);
});
