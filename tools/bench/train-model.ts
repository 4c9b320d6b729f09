import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILT, ROOT } from './repo-root';

/**
 * Writes a model trained on data/sample-corpus.jsonl into `modelDir`, with the train command as a
 * user would run it; when that fails (the detector's serialisation is being reworked), trains in
 * this process and saves with ml-api's ModelStore.
 */
export async function trainModel(modelDir: string): Promise<string> {
  const r = spawnSync(process.execPath, [BUILT.trainMain, '--model-dir', modelDir, '--seed', '42'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status === 0 && existsSync(join(modelDir, 'current.json'))) return 'trained by apps/ml-api/dist/train/main.js';
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { LogAnomalyDetector } = require('@logad/detector') as { LogAnomalyDetector: { train(lines: unknown[], o: { seed: number }): unknown } };
  const { ModelStore } = require(BUILT.modelStore) as { ModelStore: new (dir: string) => { save(d: unknown): Promise<unknown> } };
  const corpus = readFileSync(join(ROOT, 'data/sample-corpus.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as unknown);
  await new ModelStore(modelDir).save(LogAnomalyDetector.train(corpus, { seed: 42 }));
  return `train command failed (${(r.stderr || r.stdout).trim().split('\n').pop()}); trained in-process and saved with ModelStore`;
}
