import type { ErrorAnswer, ErrorExplainer } from '@logad/server';
import type { FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { OTLP_LOGS_PATH, otlpStatusAnswer } from './otlp-answer';

/** The error shape a route's clients read, in its route config (`errorFormat`); logad's JSON when none. */
export type ErrorFormat = 'loki' | 'elasticsearch' | 'otlp';

/** A request that matched no route (a wrong method on `/v1/logs`) still gets its protocol's shape by path. */
const errorFormatOf = (req: FastifyRequest): ErrorFormat | undefined =>
  (req.routeOptions?.config as { errorFormat?: ErrorFormat } | undefined)?.errorFormat ?? (req.url.split('?')[0] === OTLP_LOGS_PATH ? 'otlp' : undefined);

/** Elasticsearch's exception type for an answer's status (what its clients switch on). */
const ES_TYPES: Readonly<Record<number, string>> = {
  400: 'illegal_argument_exception',
  401: 'security_exception',
  403: 'security_exception',
  404: 'resource_not_found_exception',
  413: 'content_too_long_exception',
  415: 'media_type_header_exception',
  429: 'es_rejected_execution_exception',
  503: 'unavailable_shards_exception',
};

/**
 * Answers a foreign protocol's routes in that protocol's error shape, after `inner` (the 413/415
 * explanations): OTLP as a `google.rpc.Status`, Loki as plain text (`http.Error` in its distributor), and
 * Elasticsearch as `{"error":{"root_cause":[…],"type","reason"},"status"}`. logad's code stays in
 * the answer (a header for Loki, the error for Elasticsearch) and in the metrics.
 */
export function explainInProtocol(inner: ErrorExplainer): ErrorExplainer {
  return (raw, req) => {
    const a = inner(raw, req);
    const format = errorFormatOf(req);
    if (format === 'otlp') return otlpStatusAnswer(a, req);
    if (format === 'loki')
      return {
        ...a,
        headers: { ...a.headers, 'x-logad-error-code': a.body.code },
        rendered: { contentType: 'text/plain; charset=utf-8', payload: `${a.body.message}\n` },
      };
    if (format === 'elasticsearch') return { ...a, rendered: { contentType: 'application/json', payload: JSON.stringify(elasticsearchError(a)) } };
    return a;
  };
}

/** `{"error":{…},"status":n}` as Elasticsearch answers a request it refuses whole. */
export function elasticsearchError(a: ErrorAnswer): unknown {
  const cause = {
    type: ES_TYPES[a.statusCode] ?? (STATUS_CODES[a.statusCode] ?? 'error').toLowerCase().replace(/\W+/g, '_'),
    reason: a.body.message,
    'logad.code': a.body.code,
  };
  return { error: { root_cause: [cause], ...cause }, status: a.statusCode };
}
