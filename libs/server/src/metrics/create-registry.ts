import { Registry, collectDefaultMetrics } from 'prom-client';

/** A Prometheus registry for one app: process metrics (CPU, memory, event loop) plus the app's own, labelled `app`. */
export function createRegistry(app: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ app });
  collectDefaultMetrics({ register: registry, prefix: 'logad_' });
  return registry;
}
