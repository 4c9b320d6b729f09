import { resolve } from 'node:path';
import { StartConfig } from './start-config';

/** What a newcomer needs after `npm start`: where things are and two requests to try. */
export function banner(c: StartConfig, mode: 'redis' | 'memory'): string {
  const ingest = `http://${c.host}:${c.ingestPort}`;
  const lines = [
    '',
    `logad is running (${mode === 'redis' ? `queue on Redis at ${c.redisUrl}, ${c.workers} worker process(es)` : 'single process, in-memory queue: NOT for scale, queued logs are lost on exit'})`,
    `  dashboard   ${ingest}/dashboard/`,
    `  ingest-api  ${ingest}/api/v1/logs   (API docs: ${ingest}/docs)`,
    `  ml-api      http://${c.host}:${c.mlApiPort}/predict   (model: GET /model; which sources are still learning: GET /baselines)`,
    `  records     ${resolve(c.root, c.logsDir, 'normal_logs.jsonl')} and anomalous_logs.jsonl beside it`,
    '',
    'Your own logs: each source logad has not seen (any not in the training corpus) starts with a learning period of',
    '  10 minutes of its own event time (LEARNING_PERIOD_MS): nothing new on it is flagged until then, so your first',
    '  minutes raise no alerts. Afterwards: new patterns, surges and rare lines, each with a kind and a reason.',
    '  To start learnt, train on your logs first: npx nx run ml-api:train -- --input your-logs.jsonl',
    '',
    'Try (auth-service and payments are sources of the sample corpus, so they are learnt already):',
    `  curl -s -XPOST ${ingest}/api/v1/logs -H 'content-type: application/json' -d '{"message":"User login successful","source":"auth-service","level":"INFO"}'`,
    `  curl -s -XPOST ${ingest}/api/v1/logs -H 'content-type: application/json' -d '{"message":"DATABASE INTEGRITY ERROR: checksum mismatch in table users, possible data corruption","source":"payments","level":"ERROR"}'`,
    '',
    c.host === '127.0.0.1' || c.host === 'localhost'
      ? 'Services listen on loopback only. To open them to other hosts, set HOST=0.0.0.0 behind a firewall or a TLS reverse proxy.'
      : `Services listen on ${c.host}: make sure only your log shippers can reach them.`,
    mode === 'redis'
      ? 'More worker replicas: WORKERS=3 npm start, or run `node apps/worker/dist/main.js` on any host that reaches Redis and ml-api.'
      : 'For durability and scale, run Redis (apt-get install redis-server) and start again.',
    'Stop with Ctrl-C.',
    '',
  ];
  return lines.join('\n');
}
