import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'pino';
import { CodeMap, ErrorAnswer, toErrorAnswer } from './to-error-body';

/** Told of every error answer and the error it answers, e.g. to count rejections by code. */
export type ErrorObserver = (answer: ErrorAnswer, request: FastifyRequest, error: unknown) => void;

/** Rewrites an error answer before it is sent, e.g. to say what the limit or the accepted types are. */
export type ErrorExplainer = (answer: ErrorAnswer, request: FastifyRequest) => ErrorAnswer;

/** Maps every error a route throws to logad's error body; 5xx are logged with their cause. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  constructor(
    private readonly logger: Logger,
    private readonly codes: CodeMap = {},
    private readonly observe?: ErrorObserver,
    private readonly explain?: ErrorExplainer,
  ) {}

  catch(err: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const req = http.getRequest<FastifyRequest>();
    const raw = toErrorAnswer(err, this.codes);
    const a = this.explain ? this.explain(raw, req) : raw;
    this.observe?.(a, req, err);
    // Expected refusals (503 no model, queue down) are one line; anything unforeseen keeps its stack.
    if (a.body.code === 'internal') this.logger.error({ err }, 'request failed');
    else if (a.statusCode >= 500) this.logger.warn({ code: a.body.code, status: a.statusCode }, a.body.message);
    void reply.code(a.statusCode).headers(a.headers);
    if (a.rendered) void reply.type(a.rendered.contentType).send(a.rendered.payload);
    else void reply.type('application/json').send(a.body);
  }
}
