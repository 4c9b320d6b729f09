/** Every error code @logad/storage throws, with what it means. */
export const STORAGE_ERROR_CODES = {
  'storage:write-failed': 'The store could not take a write; the caller should retry later.',
  'storage:not-open': 'write() or a query was called before open() or after close().',
  'storage:open-failed': 'open() could not reach or prepare the store (database down, migration failed).',
  'storage:invalid-record': 'A record cannot be stored as given (unparsable timestamp, NUL in a text field); retrying will not help.',
  'storage:invalid-query': 'A query argument is out of range (limit, date, cursor, level, template id).',
  'storage:query-failed': 'The store could not answer a query (database down, unreadable file); retry later.',
  'storage:invalid-options': 'A storage option or STORAGE_URL is unusable.',
} as const;
