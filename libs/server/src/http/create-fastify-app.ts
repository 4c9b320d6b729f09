import { ModuleMetadata, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Logger } from 'pino';
import { Registry } from 'prom-client';
import { PinoNestLogger } from '../config/pino-nest-logger';
import { closeQuietConnectionsOnClose } from './close-quiet-connections';
import { ErrorExplainer, ErrorFilter, ErrorObserver } from './error.filter';
import { HttpTimeouts, httpServerTimeouts } from './http-timeouts';
import { CodeMap } from './to-error-body';

export interface FastifyAppOptions {
  readonly module: Type<unknown> | ModuleMetadata;
  readonly logger: Logger;
  readonly codes?: CodeMap;
  /** Largest request body in bytes. */
  readonly bodyLimit: number;
  /** The app registers its own body parsers (Nest's are then left out). */
  readonly ownBodyParsers?: boolean;
  /** Served at `GET /metrics` in Prometheus' text format. */
  readonly metrics?: Registry;
  /** Told of every error answer (e.g. to count rejections by code). */
  readonly onError?: ErrorObserver;
  /** Rewrites error answers before they are sent (e.g. a 413 that names the limit). */
  readonly explainError?: ErrorExplainer;
  /** Limits on how long a request may take to arrive; none: Fastify's (no limit on the body). */
  readonly timeouts?: HttpTimeouts;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's `X-Request-Id` when it is sane, else a new UUID; echoed on the answer and carried to storage. */
export function requestIdOf(req: IncomingMessage): string {
  const h = req.headers['x-request-id'];
  return typeof h === 'string' && REQUEST_ID.test(h) ? h : randomUUID();
}

/** A Nest app on Fastify with logad's logging, error answers, request ids and metrics wired in, not yet listening. */
export async function createFastifyApp(opts: FastifyAppOptions): Promise<NestFastifyApplication> {
  const timeouts = opts.timeouts
    ? // Fastify sets the server's requestTimeout itself (0 unless told), after creating it with `http`.
      { requestTimeout: opts.timeouts.requestMs, http: httpServerTimeouts(opts.timeouts) }
    : {};
  const adapter = new FastifyAdapter({ bodyLimit: opts.bodyLimit, logger: false, genReqId: requestIdOf, ...timeouts });
  const app = await NestFactory.create<NestFastifyApplication>(opts.module as Type<unknown>, adapter, {
    logger: new PinoNestLogger(opts.logger),
    bodyParser: !opts.ownBodyParsers,
    abortOnError: false,
  });
  app.useGlobalFilters(new ErrorFilter(opts.logger, opts.codes ?? {}, opts.onError, opts.explainError));
  const fastify = app.getHttpAdapter().getInstance();
  // A connection that never sent a request must not hold the app's close (see closeQuietConnections).
  closeQuietConnectionsOnClose(fastify);
  // Only JSON (and what an app adds) is accepted: anything else is 415.
  fastify.removeContentTypeParser('text/plain');
  fastify.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  const registry = opts.metrics;
  if (registry) {
    fastify.get('/metrics', async (_req, reply) => {
      void reply.type(registry.contentType);
      return registry.metrics();
    });
  }
  return app;
}
