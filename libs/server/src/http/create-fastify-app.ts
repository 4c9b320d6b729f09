import { ModuleMetadata, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'pino';
import { PinoNestLogger } from '../config/pino-nest-logger';
import { ErrorFilter } from './error.filter';
import { CodeMap } from './to-error-body';

export interface FastifyAppOptions {
  readonly module: Type<unknown> | ModuleMetadata;
  readonly logger: Logger;
  readonly codes?: CodeMap;
  /** Largest request body in bytes. */
  readonly bodyLimit: number;
  /** The app registers its own body parsers (Nest's are then left out). */
  readonly ownBodyParsers?: boolean;
}

/** A Nest app on Fastify with logad's logging and error answers wired in, not yet listening. */
export async function createFastifyApp(opts: FastifyAppOptions): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: opts.bodyLimit, logger: false });
  const app = await NestFactory.create<NestFastifyApplication>(opts.module as Type<unknown>, adapter, {
    logger: new PinoNestLogger(opts.logger),
    bodyParser: !opts.ownBodyParsers,
    abortOnError: false,
  });
  const codes = opts.codes ?? {};
  app.useGlobalFilters(new ErrorFilter(opts.logger, codes));
  const fastify = app.getHttpAdapter().getInstance();
  // Only JSON (and what an app adds) is accepted: anything else is 415.
  fastify.removeContentTypeParser('text/plain');
  return app;
}
