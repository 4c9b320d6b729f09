// A valid body for every ingest-api route that takes one, and the error shape its clients read:
// what the fuzzer mutates, and what it checks the 4xx answers against.
import { compressSync } from 'snappy';
import { otlpSchema } from '../../src/intake/formats/otlp-schema';
import { BodyKind, ld, vf } from './mutate';

/** The error shape a route answers in (logad's JSON, or its protocol's). */
export type Protocol = 'logad' | 'otlp' | 'loki' | 'elasticsearch';

export interface RouteSeed {
  readonly name: string;
  readonly method: 'POST' | 'PUT';
  /** The route as Fastify declares it (to check that every route with a body is fuzzed). */
  readonly route: string;
  /** A concrete path for case `i`. */
  path(i: number): string;
  /** `otlpPort`: sent to the OTLP port, not the main one. */
  readonly port?: 'otlpPort';
  readonly contentType: string;
  readonly kind: BodyKind;
  /** The body is a snappy block by protocol (Loki's protobuf push). */
  readonly snappy?: boolean;
  readonly protocol: Protocol;
  /** A valid body whose every line carries `marker`, with `count` records where the format has records. */
  body(marker: string, count: number): Buffer;
  /** Where a taken body ends up: the queue, the mutes or verdicts of the query API, or nowhere (probes). */
  readonly storedIn: 'queue' | 'mutes' | 'feedback' | 'nowhere';
}

const nowNs = () => `${BigInt(Date.now()) * 1_000_000n}`;
const json = (v: unknown) => Buffer.from(JSON.stringify(v));
const times = <T>(n: number, f: (k: number) => T): T[] => Array.from({ length: n }, (_, k) => f(k));

const logadRecords = (m: string, n: number) =>
  times(n, (k) => ({ message: `${m} line ${k} user=${k} took 12ms`, source: 'fuzz', level: k % 2 ? 'INFO' : 'ERROR', attributes: { k, tags: ['a'] } }));

const otlpObject = (m: string, n: number) => ({
  resourceLogs: [
    {
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'fuzz' } }] },
      scopeLogs: [
        {
          scope: { name: 'fuzz' },
          logRecords: times(n, (k) => ({
            timeUnixNano: nowNs(),
            severityNumber: 9,
            severityText: 'INFO',
            body: { stringValue: `${m} otlp ${k}` },
            attributes: [
              { key: 'k', value: { intValue: String(k) } },
              {
                key: 'nested',
                value: { kvlistValue: { values: [{ key: 'x', value: { arrayValue: { values: [{ boolValue: true }, { doubleValue: 1.5 }] } } }] } },
              },
            ],
          })),
        },
      ],
    },
  ],
});
const otlpProto = (m: string, n: number) => {
  const { request } = otlpSchema();
  return Buffer.from(request.encode(request.fromObject(otlpObject(m, n))).finish());
};

/** PushRequest{streams{labels, entries{timestamp{seconds,nanos}, line, structuredMetadata}}}, by field number (grafana/loki push.proto). */
const lokiProto = (m: string, n: number) => {
  const s = Math.floor(Date.now() / 1000);
  const entries = times(n, (k) =>
    ld(2, Buffer.concat([ld(1, Buffer.concat([vf(1, s), vf(2, k)])), ld(2, `${m} loki ${k}`), ld(3, Buffer.concat([ld(1, 'trace'), ld(2, 'abc')]))])),
  );
  return ld(1, Buffer.concat([ld(1, '{job="fuzz", env="test"}'), ...entries]));
};
const lokiJson = (m: string, n: number) =>
  json({ streams: [{ stream: { job: 'fuzz' }, values: times(n, (k) => [nowNs(), `${m} loki ${k}`, { trace: 'abc' }]) }] });

const bulk = (m: string, n: number) =>
  Buffer.from(
    times(
      n,
      (k) =>
        `{"index":{"_index":"logs-fuzz","_id":"${k}"}}\n${JSON.stringify({ message: `${m} es ${k}`, '@timestamp': new Date().toISOString(), log: { level: 'info' } })}\n`,
    ).join(''),
  );

const esRoute = (method: 'POST' | 'PUT', route: string, path: string): RouteSeed => ({
  name: `${method} ${route}`,
  method,
  route,
  path: () => path,
  contentType: 'application/x-ndjson',
  kind: 'json',
  protocol: 'elasticsearch',
  body: bulk,
  storedIn: 'queue',
});
const probe = (method: 'POST' | 'PUT', route: string, path: string): RouteSeed => ({
  name: `${method} ${route}`,
  method,
  route,
  path: () => path,
  contentType: 'application/json',
  kind: 'json',
  protocol: 'elasticsearch',
  body: (m) => json({ index_patterns: [`${m}-*`], template: { settings: { number_of_shards: 1 }, mappings: { properties: { message: { type: 'text' } } } } }),
  storedIn: 'nowhere',
});

/** Every route with a body, once per content type it takes. */
export const ROUTE_SEEDS: readonly RouteSeed[] = [
  {
    name: 'logad JSON',
    method: 'POST',
    route: '/api/v1/logs',
    path: () => '/api/v1/logs',
    contentType: 'application/json',
    kind: 'json',
    protocol: 'logad',
    body: (m, n) => json(logadRecords(m, n)),
    storedIn: 'queue',
  },
  {
    name: 'logad NDJSON',
    method: 'POST',
    route: '/api/v1/logs',
    path: () => '/api/v1/logs',
    contentType: 'application/x-ndjson',
    kind: 'json',
    protocol: 'logad',
    body: (m, n) =>
      Buffer.from(
        logadRecords(m, n)
          .map((r) => JSON.stringify(r))
          .join('\n'),
      ),
    storedIn: 'queue',
  },
  {
    name: 'OTLP protobuf',
    method: 'POST',
    route: '/v1/logs',
    path: () => '/v1/logs',
    contentType: 'application/x-protobuf',
    kind: 'protobuf',
    protocol: 'otlp',
    body: otlpProto,
    storedIn: 'queue',
  },
  {
    name: 'OTLP JSON',
    method: 'POST',
    route: '/v1/logs',
    path: () => '/v1/logs',
    contentType: 'application/json',
    kind: 'json',
    protocol: 'otlp',
    body: (m, n) => json(otlpObject(m, n)),
    storedIn: 'queue',
  },
  {
    name: 'OTLP protobuf on the OTLP port',
    method: 'POST',
    route: '/v1/logs',
    path: () => '/v1/logs',
    port: 'otlpPort',
    contentType: 'application/x-protobuf',
    kind: 'protobuf',
    protocol: 'otlp',
    body: otlpProto,
    storedIn: 'queue',
  },
  {
    name: 'Loki protobuf (snappy)',
    method: 'POST',
    route: '/loki/api/v1/push',
    path: () => '/loki/api/v1/push',
    contentType: 'application/x-protobuf',
    kind: 'protobuf',
    snappy: true,
    protocol: 'loki',
    body: lokiProto,
    storedIn: 'queue',
  },
  {
    name: 'Loki JSON',
    method: 'POST',
    route: '/loki/api/v1/push',
    path: () => '/loki/api/v1/push',
    contentType: 'application/json',
    kind: 'json',
    protocol: 'loki',
    body: lokiJson,
    storedIn: 'queue',
  },
  esRoute('POST', '/_bulk', '/_bulk'),
  esRoute('PUT', '/_bulk', '/_bulk'),
  esRoute('POST', '/:index/_bulk', '/logs-fuzz/_bulk'),
  esRoute('PUT', '/:index/_bulk', '/logs-fuzz/_bulk'),
  probe('PUT', '/_index_template/:name', '/_index_template/fuzz'),
  probe('PUT', '/_template/:name', '/_template/fuzz'),
  probe('PUT', '/_component_template/:name', '/_component_template/fuzz'),
  probe('PUT', '/_ilm/policy/:name', '/_ilm/policy/fuzz'),
  probe('PUT', '/:index', '/logs-fuzz'),
  probe('POST', '/_refresh', '/_refresh'),
  probe('POST', '/:index/_refresh', '/logs-fuzz/_refresh'),
  {
    name: 'mute a template',
    method: 'PUT',
    route: '/api/v1/templates/:id/mute',
    path: (i) => `/api/v1/templates/${i + 1}/mute`,
    contentType: 'application/json',
    kind: 'json',
    protocol: 'logad',
    body: (m) => json({ template: `${m} user=<*> took <*>ms`, note: 'noise' }),
    storedIn: 'mutes',
  },
  {
    name: 'confirm a template',
    method: 'PUT',
    route: '/api/v1/templates/:id/confirm',
    path: (i) => `/api/v1/templates/${100_000 + i}/confirm`,
    contentType: 'application/json',
    kind: 'json',
    protocol: 'logad',
    body: (m) => json({ template: `${m} disk <*> full`, note: 'incident' }),
    storedIn: 'feedback',
  },
  {
    // No record is stored in this suite: a good request is a 404 (the store is asked), a bad one a 400.
    name: 'confirm a record',
    method: 'POST',
    route: '/api/v1/records/:id/confirm',
    path: (i) => `/api/v1/records/fuzz-${i}/confirm`,
    contentType: 'application/json',
    kind: 'json',
    protocol: 'logad',
    body: (m) => json({ note: `${m} real` }),
    storedIn: 'nowhere',
  },
];

/** Snappy-frames a Loki body; the others go as they are. */
export const frame = (seed: RouteSeed, body: Buffer): Buffer => (seed.snappy ? (compressSync(body) as Buffer) : body);
