import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { OpenAPIObject } from '@nestjs/swagger';
import { buildOpenApiDocument } from './build-openapi-document';
import { OpenApiSpec } from './openapi-spec';
import { SwaggerUiAssets } from './swagger-ui-assets';

/**
 * Serves the app's OpenAPI document at `GET /docs/openapi.json` and Swagger UI at `GET /docs`
 * (assets under `/docs/assets/`). Call before `listen`. The routes hold no data, so apps leave
 * them outside authentication.
 */
export function serveOpenApi(app: NestFastifyApplication, spec: OpenApiSpec): OpenAPIObject {
  const doc = buildOpenApiDocument(app, spec);
  const json = JSON.stringify(doc);
  const ui = new SwaggerUiAssets(spec.title);
  const page = ui.page();
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get('/docs/openapi.json', async (_req, reply) => {
    void reply.type('application/json; charset=utf-8').header('cache-control', 'no-cache');
    return json;
  });
  fastify.get('/docs', async (_req, reply) => {
    void reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff');
    return page;
  });
  fastify.get<{ Params: { file: string } }>('/docs/assets/:file', async (req, reply) => {
    const a = await ui.asset(req.params.file);
    if (!a) {
      void reply.code(404).type('application/json');
      return { statusCode: 404, error: 'Not Found', code: 'http:not-found', message: `no docs asset ${JSON.stringify(req.params.file)}` };
    }
    void reply.type(a.type).header('cache-control', 'public, max-age=86400').header('x-content-type-options', 'nosniff');
    return a.body;
  });
  return doc;
}
