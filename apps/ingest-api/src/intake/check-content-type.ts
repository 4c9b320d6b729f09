import type { FastifyInstance } from 'fastify';
import { acceptedTypesOf, isIntakeRoute, mediaTypeOf } from './intake-route';
import { UnsupportedMediaTypeProblem } from './unsupported-media-type.problem';

/**
 * Every intake route refuses, with 415 and before its body is read, a content type that its route
 * config's `accepts` does not list: the body parsers are global (any route could be handed
 * protobuf bytes), the types a route takes are its own.
 */
export function installContentTypeCheck(fastify: FastifyInstance): void {
  fastify.addHook('preParsing', async (req, _reply, payload) => {
    const config = req.routeOptions?.config;
    const sent = req.headers['content-type'];
    if (sent === undefined || !isIntakeRoute(config)) return payload;
    const type = mediaTypeOf(sent);
    const accepted = acceptedTypesOf(config);
    if (!accepted.includes(type)) throw new UnsupportedMediaTypeProblem(sent, accepted);
    return payload;
  });
}
