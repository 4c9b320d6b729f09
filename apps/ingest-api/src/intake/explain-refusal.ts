import type { ErrorAnswer, ErrorExplainer } from '@logad/server';
import { acceptedTypesOf } from './intake-route';

/**
 * Fastify's own 413 and 415 say only "too large" and "unsupported": say the limit, and the types
 * the route takes, so that a shipper's operator can fix the configuration from the answer alone.
 */
export function explainRefusal(maxBodyBytes: number): ErrorExplainer {
  return (a: ErrorAnswer, req) => {
    if (a.body.code === 'http:body-too-large') {
      const message = `the body is over the limit of ${maxBodyBytes} bytes (MAX_BODY_BYTES, counted after decompression); nothing was accepted: send smaller batches`;
      return { ...a, body: { ...a.body, message, details: { limitBytes: maxBodyBytes } } };
    }
    if (a.body.code === 'http:unsupported-media-type') {
      const accepted = acceptedTypesOf(req.routeOptions?.config);
      const sent = req.headers['content-type'] ?? '(none)';
      const message = `Content-Type ${JSON.stringify(sent)} is not accepted here; send ${accepted.join(' or ')}`;
      return { ...a, body: { ...a.body, message, details: { accepted } } };
    }
    return a;
  };
}
