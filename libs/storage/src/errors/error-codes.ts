/** Every error code @logad/storage throws, with what it means. */
export const STORAGE_ERROR_CODES = {
  'storage:write-failed': 'The store could not take a write; the caller should retry later.',
  'storage:not-open': 'write() was called before open() or after close().',
} as const;
