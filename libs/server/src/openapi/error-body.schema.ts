import type { ResponseObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/** Name of logad's error body in `components.schemas`. */
export const ERROR_BODY_SCHEMA_NAME = 'ErrorBody';

/** The one body of every 4xx/5xx answer of every logad app (`toErrorAnswer`). */
export const ERROR_BODY_SCHEMA: SchemaObject = {
  type: 'object',
  description: 'The body of every 4xx and 5xx answer. `code` is stable (docs/errors.md lists them all).',
  required: ['statusCode', 'error', 'code', 'message'],
  properties: {
    statusCode: { type: 'integer', example: 400 },
    error: { type: 'string', description: 'HTTP reason phrase', example: 'Bad Request' },
    code: { type: 'string', description: 'Stable machine-readable code', example: 'ingest:validation-failed' },
    message: { type: 'string', description: 'What is wrong, for a person' },
    details: {
      description: 'Per-field errors (`[{field, message}]`) or facts about the error (e.g. `{line}`)',
      oneOf: [
        {
          type: 'array',
          items: {
            type: 'object',
            required: ['field', 'message'],
            properties: { field: { type: 'string', example: '[3].level' }, message: { type: 'string' } },
          },
        },
        { type: 'object', additionalProperties: true },
      ],
    },
  },
};

/** An answer whose body is logad's error body. */
export function errorResponse(description: string): ResponseObject {
  return { description, content: { 'application/json': { schema: { $ref: `#/components/schemas/${ERROR_BODY_SCHEMA_NAME}` } } } };
}
