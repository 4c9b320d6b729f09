import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';

/** One file of the dashboard, read once at boot. */
export interface DashboardAsset {
  readonly body: Buffer;
  readonly type: string;
  readonly etag: string;
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * Where the dashboard's files are. tsc compiles `src` to `dist` without copying non-TS files, so
 * the compiled app (`dist/dashboard/`) reads them from `src/dashboard/assets`; run from source
 * (Jest, ts-node) they sit beside this file.
 */
export function dashboardAssetsDir(here = __dirname): string {
  const candidates = [join(here, 'assets'), resolve(here, '../../src/dashboard/assets')];
  const found = candidates.find((d) => existsSync(join(d, 'index.html')));
  if (!found) throw new Error(`dashboard assets not found (looked in ${candidates.join(', ')}): ship apps/ingest-api/src/dashboard/assets with the app`);
  return found;
}

/**
 * The dashboard's files by name, loaded into memory at boot: a handful of small files, so a
 * missing one fails the start rather than a request, and serving them touches no disk.
 */
export function loadDashboardAssets(dir = dashboardAssetsDir()): ReadonlyMap<string, DashboardAsset> {
  const assets = new Map<string, DashboardAsset>();
  for (const name of readdirSync(dir)) {
    const type = TYPES[extname(name)];
    if (!type) continue;
    const body = readFileSync(join(dir, name));
    assets.set(name, { body, type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` });
  }
  return assets;
}
