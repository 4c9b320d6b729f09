/**
 * scikit-learn's default `token_pattern` `(?u)\b\w\w+\b`: maximal runs of at least two word
 * characters, after lowercasing. Written with lookarounds because in JavaScript `\w` and `\b`
 * stay ASCII-only even under the `u` flag, whereas Python's Unicode `\w` is `[\p{L}\p{N}_]`;
 * the literal `/\b\w\w+\b/gu` would split "café" and drop "東京". For ASCII text both agree.
 */
export const SKLEARN_TOKEN_PATTERN: RegExp = /(?<![\p{L}\p{N}_])[\p{L}\p{N}_]{2,}(?![\p{L}\p{N}_])/gu;
