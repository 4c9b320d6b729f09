/** The generic variable token; a template position that holds it matches any token. */
export const WILDCARD = '<*>';
