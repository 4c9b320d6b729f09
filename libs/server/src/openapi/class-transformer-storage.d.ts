// class-transformer keeps its metadata storage in a module it ships without typings;
// class-validator-jsonschema needs it to follow `@Type(() => Nested)` into nested DTOs.
declare module 'class-transformer/cjs/storage' {
  import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';
  export const defaultMetadataStorage: MetadataStorage;
}
