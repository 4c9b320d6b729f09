/** The generic variable token that every default mask rule writes; a template position holding it matches any token. */
export const WILDCARD = '<*>';
