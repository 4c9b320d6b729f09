import 'reflect-metadata';
import { LOG_LEVELS, LOG_RULES } from '@logad/contracts';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import type { ISchemaConverters } from 'class-validator-jsonschema/build/defaultConverters';

// The contracts' own validators (registerDecorator / ValidateBy) carry only a name: these say
// what each accepts, in JSON Schema, so that the document states the rules the API applies.
const CUSTOM_RULES: Record<string, SchemaObject> = {
  hasNoNul: { type: 'string', pattern: '^[^\\u0000]*$', description: `${LOG_RULES.message}; at most MAX_MESSAGE_BYTES (64 KiB by default) UTF-8 bytes` },
  isServiceName: {
    type: 'string',
    pattern: '^[^\\u0000-\\u001f\\u007f]*$',
    description: `${LOG_RULES.source}; at most MAX_SOURCE_LENGTH (256 by default) characters`,
  },
  isLogLevel: { type: 'string', enum: [...LOG_LEVELS], description: `${LOG_RULES.level}; stored upper-case` },
  isLogTimestamp: {
    description: `${LOG_RULES.timestamp}; default: the time it was received`,
    oneOf: [
      { type: 'string', format: 'date-time', example: '2026-11-26T09:30:00.123Z' },
      { type: 'integer', minimum: 0, maximum: 8.64e15, example: 1795685400123 },
    ],
  },
  isPlainObject: {
    type: 'object',
    additionalProperties: true,
    description: `${LOG_RULES.attributes}: structured context (e.g. trace_id), at most MAX_ATTRIBUTES_BYTES as JSON and MAX_ATTRIBUTES_DEPTH deep`,
  },
  levelsLineUp: {
    type: 'array',
    items: { type: 'string', nullable: true },
    description: 'level of each message (null where unknown), as long as `messages`',
  },
};

const DESCRIPTIONS: Record<string, Record<string, string>> = {
  CreateLogDto: { id: `${LOG_RULES.id} (at most MAX_ID_LENGTH, 128 by default): a log sent twice with one id is stored once` },
};

/**
 * JSON Schemas of every class-validator DTO loaded in this process (those of `@logad/contracts`
 * among them), by class name, with `$ref`s into `#/components/schemas/`.
 */
export function contractSchemas(): Record<string, SchemaObject> {
  const schemas = validationMetadatasToSchemas({
    refPointerPrefix: '#/components/schemas/',
    classTransformerMetadataStorage: defaultMetadataStorage,
    additionalConverters: Object.fromEntries(
      Object.entries(CUSTOM_RULES).map(([name, schema]) => [name, () => structuredClone(schema)]),
    ) as unknown as ISchemaConverters,
  }) as Record<string, SchemaObject>;
  for (const [name, fields] of Object.entries(DESCRIPTIONS)) {
    const props = schemas[name]?.properties as Record<string, SchemaObject> | undefined;
    for (const [field, description] of Object.entries(fields)) if (props?.[field]) props[field].description = description;
  }
  return schemas;
}
