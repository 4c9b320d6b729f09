import 'reflect-metadata';
import { ApiKeyVerifier, createFastifyApp, createLogger, createValidationPipe, installShutdownDeadline, registerMsgpackBody } from '@logad/server';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { MlApiConfig, loadMlApiConfig } from './config/ml-api.config';
import { MlApiModule } from './ml-api.module';
import { MlApiMetrics } from './metrics/ml-api.metrics';
import { registerMlApiOpenApi } from './model/ml-api-openapi';

/** Starts ml-api listening on the configured host and port; resolves once it accepts requests. */
export async function startMlApi(config: MlApiConfig = loadMlApiConfig()): Promise<NestFastifyApplication> {
  const logger = createLogger('ml-api', config.logLevel);
  const metrics = new MlApiMetrics();
  const app = await createFastifyApp({
    module: MlApiModule.forRoot(config, logger, metrics),
    logger,
    bodyLimit: config.bodyLimitBytes,
    metrics: metrics.registry,
  });
  app.useGlobalPipes(createValidationPipe());
  // The worker's calls come in MessagePack (JSON stays for everyone else); see registerMsgpackBody.
  registerMsgpackBody(app.getHttpAdapter().getInstance());
  registerMlApiOpenApi(app, config.token);
  if (config.token) {
    const tokens = new ApiKeyVerifier([config.token]);
    // Probes, metrics and the API docs (no data) stay open.
    app
      .getHttpAdapter()
      .getInstance()
      .addHook('onRequest', async (req) => {
        if (!req.url.startsWith('/health') && !req.url.startsWith('/ready') && !req.url.startsWith('/metrics') && !req.url.startsWith('/docs'))
          tokens.verify(req.headers);
      });
  }
  app.enableShutdownHooks();
  installShutdownDeadline(config.shutdownTimeoutMs);
  await app.listen(config.port, config.host);
  logger.info({ url: await app.getUrl() }, 'ml-api listening');
  return app;
}
