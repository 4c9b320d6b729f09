import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'pino';
import { CodeMap, ErrorAnswer, toErrorAnswer } from './to-error-body';

/** Told of every error answer, e.g. to count rejections by code. */
export type ErrorObserver = (answer: ErrorAnswer, request: FastifyRequest) => void;

/** Maps every error a route throws to logad's error body; 5xx are logged with their cause. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  constructor(
    private readonly logger: Logger,
    private readonly codes: CodeMap = {},
    private readonly observe?: ErrorObserver,
  ) {}

  catch(err: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const a = toErrorAnswer(err, this.codes);
    this.observe?.(a, http.getRequest<FastifyRequest>());
    // Expected refusals (503 no model, queue down) are one line; anything unforeseen keeps its stack.
    if (a.body.code === 'internal') this.logger.error({ err }, 'request failed');
    else if (a.statusCode >= 500) this.logger.warn({ code: a.body.code, status: a.statusCode }, a.body.message);
    void reply.code(a.statusCode).headers(a.headers).type('application/json').send(a.body);
  }
}
