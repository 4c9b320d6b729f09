import 'reflect-metadata';
import { createFastifyApp, createLogger } from '@logad/server';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { IngestConfig, loadIngestConfig } from './config/ingest.config';
import { IngestModule } from './ingest.module';
import { parseNdjson } from './logs/parse-ndjson';

/** Starts ingest-api listening on the configured host and port; resolves once it accepts requests. */
export async function startIngestApi(config: IngestConfig = loadIngestConfig()): Promise<NestFastifyApplication> {
  const logger = createLogger('ingest-api', config.logLevel);
  const app = await createFastifyApp({
    module: IngestModule.forRoot(config),
    logger,
    bodyLimit: config.maxBodyBytes,
    codes: {
      'queue:unavailable': { status: 503, headers: { 'Retry-After': '5' } },
      'queue:closed': { status: 503, headers: { 'Retry-After': '5' } },
    },
  });
  app
    .getHttpAdapter()
    .getInstance()
    .addContentTypeParser('application/x-ndjson', { parseAs: 'string' }, (_req, body, done) => {
      try {
        done(null, parseNdjson(body as string));
      } catch (err) {
        done(err as Error, undefined);
      }
    });
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
  logger.info({ url: await app.getUrl() }, 'ingest-api listening');
  return app;
}
