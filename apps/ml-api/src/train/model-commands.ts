import { EnvReader } from '@logad/server';
import { readModelStoreConfig } from '../config/ml-api.config';
import { createModelRegistry } from '../model/create-model-registry';
import { ModelRegistry, StoredModelVersion } from '../model/model-registry';

/** The configured model store (`MODEL_STORE`; the directory is `--model-dir`), for `--list` and `--use`. */
export function configuredRegistry(modelDir: string, env: NodeJS.ProcessEnv): ModelRegistry {
  const r = new EnvReader(env);
  const config = { ...readModelStoreConfig(r), modelDir };
  r.done();
  return createModelRegistry(config);
}

/** `train --list`: the stored versions, newest first, the current one marked. */
export async function listModels(registry: ModelRegistry): Promise<{ text: string; versions: StoredModelVersion[] }> {
  const versions = await registry.versions();
  const lines = versions.map((v) => `${v.current ? '*' : ' '} ${v.version}  saved ${v.savedAt}`);
  return { versions, text: [`models in ${registry.location}${versions.length ? '' : ': none'}`, ...lines].join('\n') };
}
