import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root: the nearest folder above this file holding nx.json (works from tools/bench and tools/dist/bench). */
export function repoRoot(from = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'nx.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no nx.json above ${from}: cannot find the repository root`);
    dir = up;
  }
  return dir;
}

export const ROOT = repoRoot();

/** Compiled entry points the system benches run as real processes. */
export const BUILT = {
  ingestMain: join(ROOT, 'apps/ingest-api/dist/main.js'),
  ingestBootstrap: join(ROOT, 'apps/ingest-api/dist/bootstrap.js'),
  ingestConfig: join(ROOT, 'apps/ingest-api/dist/config/ingest.config.js'),
  workerMain: join(ROOT, 'apps/worker/dist/main.js'),
  mlApiMain: join(ROOT, 'apps/ml-api/dist/main.js'),
  trainMain: join(ROOT, 'apps/ml-api/dist/train/main.js'),
  modelStore: join(ROOT, 'apps/ml-api/dist/model/model-store.js'),
  benchDist: join(ROOT, 'tools/dist/bench'),
} as const;

/** A compiled bench script (child-process entries always run from tools/dist, as plain node). */
export function benchScript(relative: string): string {
  return join(BUILT.benchDist, relative);
}

/** Throws naming what is missing when the apps or tools/ were not built. */
export function assertBuilt(): void {
  const needed = [BUILT.ingestMain, BUILT.ingestBootstrap, BUILT.workerMain, BUILT.mlApiMain, BUILT.trainMain, benchScript('targets/bare-fastify.target.js')];
  const missing = needed.filter((f) => !existsSync(f));
  if (missing.length > 0) {
    throw new Error(
      `the system benches run the compiled apps and bench targets; missing: ${missing.map((m) => m.slice(ROOT.length + 1)).join(', ')}. Run \`npm run build\` first.`,
    );
  }
}
