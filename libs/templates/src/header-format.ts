/** A compiled LogHub-style header format; build it with {@link compileHeaderFormat}. */
export interface HeaderFormat {
  /** The format string it was compiled from. */
  readonly format: string;
  /** The field names in order of appearance, `Content` included. */
  readonly fields: readonly string[];
  /** The anchored regular expression, one named group per field. */
  readonly regex: RegExp;
}
