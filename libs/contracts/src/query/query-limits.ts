/** Page size of a query that names none. */
export const DEFAULT_QUERY_LIMIT = 100;

/** Largest page (and `around` context) a query may ask for: bounds memory and answer size. */
export const MAX_QUERY_LIMIT = 1000;
