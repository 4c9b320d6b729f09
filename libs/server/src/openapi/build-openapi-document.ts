import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { OperationObject, ResponseObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { contractSchemas } from './contract-schemas';
import { ERROR_BODY_SCHEMA, ERROR_BODY_SCHEMA_NAME, errorResponse } from './error-body.schema';
import { OpenApiRoute, OpenApiSpec } from './openapi-spec';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const REF = /"\$ref":"#\/components\/schemas\/([^"]+)"/g;

/**
 * An OpenAPI 3 document of a Nest app: paths from its controllers (`@nestjs/swagger`), request
 * schemas from the class-validator DTOs (`@logad/contracts`' among them) in place of Nest's
 * property-less ones, logad's error body on every 4xx/5xx answer, and what `spec` adds per route.
 */
export function buildOpenApiDocument(app: INestApplication, spec: OpenApiSpec): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle(spec.title)
    .setVersion(spec.version ?? '1')
    .setOpenAPIVersion('3.0.3');
  if (spec.description) builder.setDescription(spec.description);
  if (spec.auth) builder.addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Authorization: Bearer <key>' }, 'bearer');
  if (spec.auth === 'api-key') builder.addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'the same key, in X-API-Key' }, 'apiKey');
  const doc = SwaggerModule.createDocument(app, builder.build());
  const generated = contractSchemas();
  const schemas: Record<string, SchemaObject> = { ...((doc.components?.schemas ?? {}) as Record<string, SchemaObject>) };
  for (const name of Object.keys(schemas)) if (generated[name]) schemas[name] = generated[name];
  schemas[ERROR_BODY_SCHEMA_NAME] = ERROR_BODY_SCHEMA;
  Object.assign(schemas, spec.schemas ?? {});
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const route = spec.routes?.[`${method.toUpperCase()} ${path}`] ?? {};
      const secured = spec.auth !== undefined && (route.secured ?? (spec.securedPrefix !== undefined && path.startsWith(spec.securedPrefix)));
      complete(op, route, secured, spec);
    }
  }
  doc.components = { ...doc.components, schemas: withReferenced(schemas, generated, doc) };
  return doc;
}

function complete(op: OperationObject, route: OpenApiRoute, secured: boolean, spec: OpenApiSpec): void {
  if (route.summary) op.summary = route.summary;
  if (route.description) op.description = route.description;
  if (route.requestBody) op.requestBody = route.requestBody;
  const responses: Record<string, ResponseObject> = {};
  for (const [status, r] of Object.entries(op.responses ?? {})) responses[status] = r as ResponseObject;
  for (const r of Object.values(responses)) if (!r.description) r.description = 'success';
  if (op.requestBody) {
    responses['400'] = errorResponse('the body is malformed or a field breaks a rule (`details` names each); nothing was accepted');
    responses['413'] = errorResponse('the body is over the size limit (`http:body-too-large`)');
    responses['415'] = errorResponse('another content type (`http:unsupported-media-type`)');
  }
  if (secured) {
    op.security = spec.auth === 'api-key' ? [{ bearer: [] }, { apiKey: [] }] : [{ bearer: [] }];
    responses['401'] = errorResponse('no credentials, or unknown ones (`auth:unauthorized`)');
    if (spec.auth === 'api-key') responses['403'] = errorResponse('the key was revoked (`auth:revoked-key`)');
  }
  responses['500'] = errorResponse('an unforeseen failure (`internal`); it was logged');
  for (const [status, r] of Object.entries(route.responses ?? {})) {
    responses[status] = typeof r !== 'string' ? r : Number(status) >= 400 ? errorResponse(r) : { description: r };
  }
  op.responses = responses;
}

/** `schemas` plus every generated schema they (or the paths) reference, transitively. */
function withReferenced(schemas: Record<string, SchemaObject>, generated: Record<string, SchemaObject>, doc: OpenAPIObject): Record<string, SchemaObject> {
  const out = { ...schemas };
  const todo = [JSON.stringify(doc.paths), ...Object.values(out).map((s) => JSON.stringify(s))];
  while (todo.length > 0) {
    for (const m of (todo.pop() as string).matchAll(REF)) {
      const name = m[1];
      if (out[name] || !generated[name]) continue;
      out[name] = generated[name];
      todo.push(JSON.stringify(out[name]));
    }
  }
  return out;
}
