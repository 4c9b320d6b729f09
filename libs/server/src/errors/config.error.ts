/** The environment holds a setting that cannot be used; the message names every bad variable. */
export class ConfigError extends Error {
  readonly code = 'config:invalid';
  override readonly name = this.constructor.name;
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}
