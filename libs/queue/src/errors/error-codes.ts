/** Every error code @logad/queue throws, with what it means. */
export const QUEUE_ERROR_CODES = {
  'queue:unavailable': 'The queue backend (Redis) is unreachable or refused the request; retry later.',
  'queue:closed': 'The queue was used after close().',
} as const;
