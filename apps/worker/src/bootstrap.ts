import 'reflect-metadata';
import { PinoNestLogger, createLogger, installShutdownDeadline } from '@logad/server';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WorkerConfig, loadWorkerConfig } from './config/worker.config';
import { WorkerModule } from './worker.module';

/** Starts a worker: no HTTP, just the queue consumer. Several may run against one Redis. */
export async function startWorker(config: WorkerConfig = loadWorkerConfig()): Promise<INestApplicationContext> {
  const logger = createLogger('worker', config.logLevel);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, logger), { logger: new PinoNestLogger(logger), abortOnError: false });
  app.enableShutdownHooks();
  installShutdownDeadline(config.shutdownTimeoutMs);
  return app;
}
