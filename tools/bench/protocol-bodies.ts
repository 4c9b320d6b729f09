// The same logs as each shipper protocol's clients put them on the wire, encoded by those clients'
// own serialisers (OpenTelemetry's otlp-transformer, winston-loki's generated Loki protobuf), so
// that the intake bench compares decoders on bodies a real client sends, not on ones we shaped.
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { JsonLogsSerializer, ProtobufLogsSerializer } from '@opentelemetry/otlp-transformer';
import { compressSync } from 'snappy';

/** One log as our native route takes it. */
export interface BenchLog {
  readonly timestamp: string;
  readonly source: string;
  readonly level: string;
  readonly message: string;
}

/** A request body and the headers it goes with. */
export interface ProtocolBody {
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

const SEVERITY: Record<string, number> = { DEBUG: 5, INFO: 9, WARN: 13, WARNING: 13, ERROR: 17, FATAL: 21 };

/** OTLP/HTTP: one resource per service (`service.name`), records with severity, body and time. */
export function otlpBody(logs: readonly BenchLog[], encoding: 'protobuf' | 'json'): ProtocolBody {
  const resources = new Map<string, ReturnType<typeof resourceFromAttributes>>();
  const records: ReadableLogRecord[] = logs.map((l) => {
    let resource = resources.get(l.source);
    if (resource === undefined) resources.set(l.source, (resource = resourceFromAttributes({ 'service.name': l.source })));
    const ms = Date.parse(l.timestamp);
    const hrTime: [number, number] = [Math.floor(ms / 1000), (ms % 1000) * 1e6];
    return {
      hrTime,
      hrTimeObserved: hrTime,
      severityText: l.level,
      severityNumber: SEVERITY[l.level] ?? 9,
      body: l.message,
      resource,
      instrumentationScope: { name: 'bench' },
      attributes: {},
      droppedAttributesCount: 0,
    };
  });
  const bytes = encoding === 'protobuf' ? ProtobufLogsSerializer.serializeRequest(records) : JsonLogsSerializer.serializeRequest(records);
  if (bytes === undefined) throw new Error('otlp-transformer produced no body');
  return { path: '/v1/logs', headers: { 'content-type': encoding === 'protobuf' ? 'application/x-protobuf' : 'application/json' }, body: Buffer.from(bytes) };
}

interface LokiProto {
  PushRequest: { create(o: unknown): unknown; encode(m: unknown): { finish(): Uint8Array } };
}

/** Loki push as Promtail and winston-loki send it by default: snappy-compressed protobuf, one stream per label set. */
export function lokiProtobufBody(logs: readonly BenchLog[]): ProtocolBody {
  // winston-loki's own generated encoder (protobufjs static code of Loki's push.proto)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { logproto } = require('winston-loki/src/proto') as { logproto: LokiProto };
  const streams = new Map<string, { labels: string; entries: Array<{ timestamp: { seconds: number; nanos: number }; line: string }> }>();
  for (const l of logs) {
    const labels = `{service_name="${l.source}", level="${l.level.toLowerCase()}"}`;
    let s = streams.get(labels);
    if (s === undefined) streams.set(labels, (s = { labels, entries: [] }));
    const ms = Date.parse(l.timestamp);
    s.entries.push({ timestamp: { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 }, line: l.message });
  }
  const message = logproto.PushRequest.create({ streams: [...streams.values()] });
  const body = compressSync(Buffer.from(logproto.PushRequest.encode(message).finish()));
  return { path: '/loki/api/v1/push', headers: { 'content-type': 'application/x-protobuf' }, body };
}

/** Elasticsearch `_bulk` as the JS client's bulk helper writes it: an `index` action line and an ECS document per log. */
export function elasticsearchBulkBody(logs: readonly BenchLog[]): ProtocolBody {
  const lines: string[] = [];
  for (const l of logs) {
    lines.push('{"index":{"_index":"logs"}}');
    lines.push(JSON.stringify({ '@timestamp': l.timestamp, message: l.message, log: { level: l.level.toLowerCase() }, service: { name: l.source } }));
  }
  return { path: '/_bulk', headers: { 'content-type': 'application/x-ndjson' }, body: Buffer.from(lines.join('\n') + '\n') };
}

/** Our own route, for the reference. */
export function nativeBody(logs: readonly BenchLog[]): ProtocolBody {
  return { path: '/api/v1/logs', headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(logs)) };
}
