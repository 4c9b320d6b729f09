import pino, { Logger } from 'pino';

/** One structured JSON logger per app, as Fastify's own logger is (pino). */
export function createLogger(app: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    name: app,
    level,
    base: { app, pid: process.pid },
    // Keys never logged, wherever they appear.
    redact: { paths: ['req.headers.authorization', 'req.headers["x-api-key"]', '*.apiKey', '*.token'], censor: '[redacted]' },
  });
}
