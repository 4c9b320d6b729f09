// Every route a running ingest-api serves, read from Fastify's own route tree, so that a suite that
// walks them (auth, hostile input) covers a route the day it is added.
import { NestFastifyApplication } from '@nestjs/platform-fastify';

export interface ServedRoute {
  readonly method: string;
  /** The route as declared (`/api/v1/records/:id/around`). */
  readonly route: string;
  /** A concrete path for it (parameters filled in). */
  readonly path: string;
}

export function servedRoutes(app: NestFastifyApplication): ServedRoute[] {
  const tree = app.getHttpAdapter().getInstance().printRoutes({ commonPrefix: false });
  const stack: string[] = [];
  const out: ServedRoute[] = [];
  for (const line of tree.split('\n')) {
    const m = /^([│ ├└─]*)(\S.*?) \(([A-Z, ]+)\)$/.exec(line);
    if (!m) continue;
    const depth = m[1].length / 4 - 1; // "└── " before the root
    stack.length = depth;
    const parent = depth === 0 ? '' : stack[depth - 1];
    const route = parent === '' ? m[2] : `${parent.replace(/\/$/, '')}/${m[2].replace(/^\//, '')}`;
    stack[depth] = route;
    for (const method of m[3].split(', ')) {
      if (method === 'HEAD' && m[3].includes('GET')) continue; // Fastify's automatic HEAD of a GET
      out.push({ method, route, path: route.replace(/:index/g, 'logs-x').replace(/:[a-z]+/gi, 'x') });
    }
  }
  return out;
}
