import 'reflect-metadata';
import { ApiKeyVerifier, createFastifyApp, createLogger, installAuthHook, installShutdownDeadline } from '@logad/server';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { registerBodyParsers } from './body/register-body-parsers';
import { registerIngestOpenApi } from './body/ingest-openapi';
import { registerDashboard } from './dashboard/register-dashboard';
import { IngestConfig, loadIngestConfig } from './config/ingest.config';
import { IngestModule } from './ingest.module';
import { IngestMetrics } from './metrics/ingest.metrics';
import { explainRefusal } from './intake/explain-refusal';
import { explainInProtocol } from './intake/protocol-errors';
import { registerElasticsearchCompat, rootForElasticsearch } from './intake/elasticsearch-info';
import { isIntakeRoute } from './intake/intake-route';
import { installContentTypeCheck } from './intake/check-content-type';
import { otlpPort } from './intake/otlp-port';
import { createLogQueue } from '@logad/queue';
import { IntakeService } from './intake/intake.service';
import { SyslogListener } from './syslog/syslog-listener';

/** Routes registered outside Nest that hold no data: open even with API_KEYS. */
const PUBLIC_ROUTES = ['/metrics', '/docs', '/docs/openapi.json', '/docs/assets/:file', '/', '/dashboard', '/dashboard/', '/dashboard/:file'];

/** Starts ingest-api listening on the configured host and port; resolves once it accepts requests. */
export async function startIngestApi(config: IngestConfig = loadIngestConfig()): Promise<NestFastifyApplication> {
  const logger = createLogger('ingest-api', config.logLevel);
  const queue = createLogQueue({
    driver: config.queueDriver,
    redisUrl: config.redisUrl,
    sentinel: config.redisSentinel,
    waitReplicas: config.redisWaitReplicas,
    waitTimeoutMs: config.redisWaitTimeoutMs,
    name: config.queueName,
    recordsPerJob: config.recordsPerJob,
  });
  const metrics = new IngestMetrics(queue);
  // Set once the module is built; no request is answered before.
  let intakeService: IntakeService | undefined;
  const app = await createFastifyApp({
    module: IngestModule.forRoot(config, queue, metrics),
    metrics: metrics.registry,
    onError: (a, req, err) => {
      // logad_ingest_requests_total counts intake routes only; the query API shares the rest.
      const intake = isIntakeRoute(req.routeOptions?.config);
      if (intake) metrics.requests.inc({ outcome: 'rejected' });
      if (intake) intakeService?.countRefusedRequest(req, err, a.body.code, a.statusCode);
      if (intake || req.url.startsWith('/api/')) metrics.rejected.inc({ reason: a.body.code });
    },
    explainError: explainInProtocol(explainRefusal(config.maxBodyBytes)),
    logger,
    bodyLimit: config.maxBodyBytes,
    timeouts: config.httpTimeouts,
    ownBodyParsers: true,
    codes: {
      'queue:unavailable': { status: 503, headers: { 'Retry-After': '5' } },
      'queue:closed': { status: 503, headers: { 'Retry-After': '5' } },
      // The query API: a bad filter is the caller's; a store that cannot answer (yet) is transient.
      'storage:invalid-query': { status: 400 },
      'storage:query-failed': { status: 503, headers: { 'Retry-After': '5' } },
      'storage:not-open': { status: 503, headers: { 'Retry-After': '5' } },
      'storage:write-failed': { status: 503, headers: { 'Retry-After': '5' } },
      'query:ml-api-unavailable': { status: 503, headers: { 'Retry-After': '5' } },
    },
  });
  const intake = app.get(IntakeService);
  intakeService = intake;
  installContentTypeCheck(app.getHttpAdapter().getInstance());
  registerBodyParsers(app);
  registerIngestOpenApi(app, config.apiKeys, config.revokedApiKeys);
  registerElasticsearchCompat(app.getHttpAdapter().getInstance());
  registerDashboard(app.getHttpAdapter().getInstance(), undefined, rootForElasticsearch);
  const keys = new ApiKeyVerifier(config.apiKeys, config.revokedApiKeys);
  if (keys.enabled) {
    // Each route says what it needs (intake: `ingest`; query GETs: `read`; the rest: `admin`).
    installAuthHook(app.getHttpAdapter().getInstance(), keys, { publicRoutes: PUBLIC_ROUTES });
  } else if (config.host !== '127.0.0.1' && config.host !== 'localhost' && config.host !== '::1') {
    logger.warn({ host: config.host }, 'ingest-api listens beyond loopback with no API_KEYS: anyone who reaches it can send logs');
  }
  app.enableShutdownHooks();
  installShutdownDeadline(config.shutdownTimeoutMs);
  const otlp = config.otlpPort > 0 ? otlpPort(app.getHttpAdapter().getInstance(), config.httpTimeouts) : undefined;
  const syslog = config.syslog.port > 0 ? new SyslogListener(config, intake, metrics.syslog, logger) : undefined;
  // Closed with the app, before the queue: what its connections sent whole is still enqueued.
  if (syslog)
    app
      .getHttpAdapter()
      .getInstance()
      .addHook('onClose', () => syslog.close());
  await app.listen(config.port, config.host);
  if (syslog) await syslog.listen();
  let otlpListening = false;
  if (otlp) {
    try {
      await otlp.listen(config.otlpPort, config.host);
      otlpListening = true;
    } catch (err) {
      // The default port taken (a second ingest-api or a collector on this host): /v1/logs still answers on the main port.
      if (config.otlpPortSet || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
      logger.warn(
        { otlpPort: config.otlpPort },
        'the OTLP port is taken: OTLP/HTTP is served at /v1/logs on the main port only (set OTLP_PORT to choose another, 0 for none)',
      );
    }
  }
  logger.info({ url: await app.getUrl(), otlpPort: otlpListening ? config.otlpPort : undefined, auth: keys.enabled }, 'ingest-api listening');
  return app;
}
