// Drives one real OpenTelemetry client against a URL, in a plain Node process (the exporters load
// `http` with a dynamic import, which jest's VM contexts refuse), and prints what the client was
// told: `{ errors, warnings }` as one JSON line. Usage: node drive.cjs '<json spec>' with
// { client: 'sdk-json' | 'sdk-proto' | 'pino' | 'winston', scenario: 'all' | 'partial' | 'refused', url, key, n }.
'use strict';
const { diag, DiagLogLevel } = require('@opentelemetry/api');
const { SeverityNumber, logs } = require('@opentelemetry/api-logs');
const { setGlobalErrorHandler } = require('@opentelemetry/core');
const { resourceFromAttributes } = require('@opentelemetry/resources');
const { BatchLogRecordProcessor, LoggerProvider } = require('@opentelemetry/sdk-logs');

const spec = JSON.parse(process.argv[2]);
const errors = [];
const warnings = [];
const note = (...a) => warnings.push(a.map(String).join(' '));
diag.setLogger({ error: note, warn: note, info() {}, debug() {}, verbose() {} }, DiagLogLevel.WARN);
setGlobalErrorHandler((e) => errors.push({ message: String(e && e.message), code: e && e.code }));

const LEVELS = [
  [SeverityNumber.DEBUG, 'DEBUG'],
  [SeverityNumber.INFO, 'INFO'],
  [SeverityNumber.WARN, 'WARN'],
  [SeverityNumber.ERROR, 'ERROR'],
  [SeverityNumber.FATAL, 'FATAL'],
];
const T0 = Date.parse('2026-12-01T10:00:00Z');

function exporter(kind) {
  if (kind === 'json') {
    const { OTLPLogExporter } = require('@opentelemetry/exporter-logs-otlp-http');
    return new OTLPLogExporter({ url: spec.url, headers: { Authorization: `Bearer ${spec.key}` } });
  }
  const { OTLPLogExporter } = require('@opentelemetry/exporter-logs-otlp-proto');
  return new OTLPLogExporter({ url: spec.url, headers: { 'X-API-Key': spec.key } });
}

async function sdk(kind) {
  const provider = new LoggerProvider({
    resource: resourceFromAttributes({ 'service.name': 'checkout', 'deployment.environment': 'e2e' }),
    processors: [new BatchLogRecordProcessor({ exporter: exporter(kind) })],
  });
  const logger = provider.getLogger('orders', '1.0.0');
  if (spec.scenario === 'all') {
    for (let i = 0; i < spec.n; i++) {
      const [severityNumber, severityText] = LEVELS[i % LEVELS.length];
      logger.emit({ severityNumber, severityText, body: `order ${i} processed`, timestamp: T0 + i, attributes: { 'order.id': i, 'order.paid': i % 2 === 0 } });
    }
  } else if (spec.scenario === 'partial') {
    logger.emit({ severityNumber: SeverityNumber.INFO, body: 'kept 1' });
    logger.emit({ severityNumber: SeverityNumber.INFO, body: '' });
    logger.emit({ severityNumber: SeverityNumber.INFO, body: 'kept 2' });
  } else {
    logger.emit({ body: '' });
  }
  await provider.forceFlush();
  await provider.shutdown();
}

async function pinoClient() {
  const pino = require('pino');
  const transport = pino.transport({
    target: 'pino-opentelemetry-transport',
    options: {
      loggerName: 'pino-e2e',
      resourceAttributes: { 'service.name': 'billing' },
      logRecordProcessorOptions: {
        recordProcessorType: 'batch',
        exporterOptions: { protocol: 'http/protobuf', protobufExporterOptions: { url: spec.url, headers: { Authorization: `Bearer ${spec.key}` } } },
      },
    },
  });
  const logger = pino({ level: 'debug' }, transport);
  const levels = ['debug', 'info', 'warn', 'error', 'fatal'];
  for (let i = 0; i < spec.n; i++) logger[levels[i % levels.length]]({ invoice: i }, `invoice ${i} sent`);
  await new Promise((resolve) => {
    transport.on('close', resolve);
    transport.end();
  });
}

async function winstonClient() {
  const winston = require('winston');
  const { OpenTelemetryTransportV3 } = require('@opentelemetry/winston-transport');
  const provider = new LoggerProvider({
    resource: resourceFromAttributes({ 'service.name': 'inventory' }),
    processors: [new BatchLogRecordProcessor({ exporter: exporter('proto') })],
  });
  logs.setGlobalLoggerProvider(provider);
  const logger = winston.createLogger({ level: 'debug', transports: [new OpenTelemetryTransportV3()] });
  const levels = ['debug', 'info', 'warn', 'error'];
  for (let i = 0; i < spec.n; i++) logger.log(levels[i % levels.length], `sku ${i} restocked`, { sku: `S-${i}` });
  await new Promise((r) => setImmediate(r)); // winston writes through a stream
  await provider.forceFlush();
  await provider.shutdown();
}

// pino's transport worker is unref'd: hold the process open until the run ends.
const keepAlive = setInterval(() => undefined, 1000);
const run = { 'sdk-json': () => sdk('json'), 'sdk-proto': () => sdk('proto'), pino: pinoClient, winston: winstonClient }[spec.client];
run()
  .finally(() => clearInterval(keepAlive))
  .then(() => process.stdout.write(`${JSON.stringify({ errors, warnings })}\n`))
  .catch((e) => {
    process.stdout.write(`${JSON.stringify({ errors: [...errors, { message: String(e && e.stack) }], warnings })}\n`);
    process.exitCode = 1;
  });
