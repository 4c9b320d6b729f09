/** DI tokens of values (not classes) that ingest-api's providers share. */
export const INGEST_CONFIG = Symbol('INGEST_CONFIG');
