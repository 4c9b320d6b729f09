import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Logger } from 'pino';
import { CodeMap, toErrorAnswer } from './to-error-body';

/** Maps every error a route throws to logad's error body; 5xx are logged with their cause. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  constructor(
    private readonly logger: Logger,
    private readonly codes: CodeMap = {},
  ) {}

  catch(err: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    sendError(reply, err, this.logger, this.codes);
  }
}

export function sendError(reply: FastifyReply, err: unknown, logger: Logger, codes: CodeMap): void {
  const a = toErrorAnswer(err, codes);
  // Expected refusals (503 no model, queue down) are one line; anything unforeseen keeps its stack.
  if (a.body.code === 'internal') logger.error({ err }, 'request failed');
  else if (a.statusCode >= 500) logger.warn({ code: a.body.code, status: a.statusCode }, a.body.message);
  void reply.code(a.statusCode).headers(a.headers).type('application/json').send(a.body);
}
