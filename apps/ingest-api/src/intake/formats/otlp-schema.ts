import { dirname, join } from 'node:path';
import { Field, Namespace, Root, Type } from 'protobufjs';

/**
 * The OTLP logs messages for what logad sends back: the `ExportLogsServiceResponse` and the
 * `google.rpc.Status` of an error (requests are decoded by hand in otlp-wire.ts; `request` is kept
 * for the tests, which encode bodies with it). Loaded with protobufjs from the opentelemetry-proto
 * `.proto` files that `@opentelemetry/otlp-grpc-exporter-base` 0.38.0 ships (the newest npm release that ships them;
 * pinned exactly). Its `logs_service.proto` predates `partial_success`, and `google.rpc.Status` is
 * not in opentelemetry-proto at all: both are added here by reflection with the field numbers of
 * opentelemetry-proto v1 (`ExportLogsServiceResponse.partial_success = 1`,
 * `ExportLogsPartialSuccess.rejected_log_records = 1`, `.error_message = 2`) and of
 * googleapis' `google/rpc/status.proto` (`code = 1`, `message = 2`; `details` is never sent).
 */
export interface OtlpSchema {
  readonly request: Type;
  readonly response: Type;
  readonly status: Type;
}

let loaded: OtlpSchema | undefined;

/** The OTLP logs schema, loaded once. */
export function otlpSchema(): OtlpSchema {
  return (loaded ??= load());
}

function load(): OtlpSchema {
  const protos = join(dirname(require.resolve('@opentelemetry/otlp-grpc-exporter-base/package.json')), 'build/protos');
  const root = new Root();
  root.resolvePath = (_origin, target) => join(protos, target);
  root.loadSync('opentelemetry/proto/collector/logs/v1/logs_service.proto');
  const ns = 'opentelemetry.proto.collector.logs.v1';
  const response = root.lookupType(`${ns}.ExportLogsServiceResponse`);
  if (!response.fields.partialSuccess) {
    const partial = new Type('ExportLogsPartialSuccess').add(new Field('rejectedLogRecords', 1, 'int64')).add(new Field('errorMessage', 2, 'string'));
    (root.lookup(ns) as Namespace).add(partial);
    response.add(new Field('partialSuccess', 1, 'ExportLogsPartialSuccess'));
  }
  root.define('google.rpc').add(new Type('Status').add(new Field('code', 1, 'int32')).add(new Field('message', 2, 'string')));
  root.resolveAll();
  return { request: root.lookupType(`${ns}.ExportLogsServiceRequest`), response, status: root.lookupType('google.rpc.Status') };
}
