import { EnvReader } from '@logad/server';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadIngestConfig } from '../../apps/ingest-api/src/config/ingest.config';
import { loadMlApiConfig } from '../../apps/ml-api/src/config/ml-api.config';
import { loadWorkerConfig } from '../../apps/worker/src/config/worker.config';
import { loadStartConfig } from '../start/start-config';

/** Every variable the code reads, with the default it falls back to. */
function readByCode(): Map<string, string> {
  const out = new Map<string, string>();
  const loaders: Array<(r: EnvReader) => unknown> = [
    (r) => loadIngestConfig({}, r),
    (r) => loadMlApiConfig({}, r),
    (r) => loadWorkerConfig({}, r),
    (r) => loadStartConfig('/', {}, r),
  ];
  for (const load of loaders) {
    const r = new EnvReader({});
    load(r);
    for (const { name, default: d } of r.described) out.set(name, d);
  }
  return out;
}

function documented(): Map<string, string> {
  const text = readFileSync(join(__dirname, '../../docs/configuration.md'), 'utf8');
  const out = new Map<string, string>();
  for (const m of text.matchAll(/^\| `([A-Z0-9_]+)` \| (`([^`]*)`|\(none\)) \|/gm)) out.set(m[1], m[3] ?? '');
  return out;
}

describe('docs/configuration.md', () => {
  const code = readByCode();
  const doc = documented();

  it('documents every variable the apps read, and no other', () => {
    expect([...doc.keys()].sort()).toEqual([...code.keys()].sort());
  });

  it('gives the defaults the code falls back to', () => {
    for (const [name, d] of code) expect(`${name}=${doc.get(name)}`).toBe(`${name}=${d}`);
  });
});
