/** Page size of a query that names none. */
export const DEFAULT_QUERY_LIMIT = 100;

/** Largest page (and `around` context) a query may ask for: bounds memory and answer size. */
export const MAX_QUERY_LIMIT = 1000;

/** Most buckets one time-series query may ask for. */
export const MAX_TIME_BUCKETS = 1000;

/** Longest template text a mute may carry (templates come from messages of at most 64 KiB). */
export const MAX_MUTE_TEMPLATE_LENGTH = 65536;

/** Longest note on a mute. */
export const MAX_MUTE_NOTE_LENGTH = 1000;
