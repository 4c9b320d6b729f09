import type { RequestBodyObject, ResponseObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/** How a route's callers authenticate, as the OpenAPI document states it. */
export type OpenApiAuth = 'api-key' | 'bearer';

/** What an app adds to one route (`'POST /api/v1/logs'`) beyond what its controller says. */
export interface OpenApiRoute {
  readonly summary?: string;
  readonly description?: string;
  /** Replaces the request body Nest inferred (e.g. for a body that is one object, an array or NDJSON). */
  readonly requestBody?: RequestBodyObject;
  /**
   * Answers by status. A string is a description: a 4xx/5xx one gets logad's error body as its
   * schema, a 2xx one no schema. An object is used as it is.
   */
  readonly responses?: Readonly<Record<string, string | ResponseObject>>;
  /** Whether the route requires credentials (see {@link OpenApiSpec.auth}); overrides `securedPrefix`. */
  readonly secured?: boolean;
}

/** What an app tells {@link buildOpenApiDocument} about itself. */
export interface OpenApiSpec {
  /** Document title, e.g. `logad ingest-api`. */
  readonly title: string;
  readonly description?: string;
  /**
   * API version shown in the document.
   * @defaultValue '1'
   */
  readonly version?: string;
  /** How secured routes authenticate; none: no route is secured. */
  readonly auth?: OpenApiAuth;
  /**
   * Routes whose path starts with this require credentials (when `auth` is set), unless their
   * {@link OpenApiRoute.secured} says otherwise.
   * @defaultValue no route
   */
  readonly securedPrefix?: string;
  /** Extra facts per route, keyed `'<METHOD> <path>'`. */
  readonly routes?: Readonly<Record<string, OpenApiRoute>>;
  /** Schemas to add to `components.schemas` (answers the controllers do not type). */
  readonly schemas?: Readonly<Record<string, SchemaObject>>;
}
