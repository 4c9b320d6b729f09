import { ConfigError } from '../errors/config.error';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads typed settings from the environment, collecting every problem so that boot fails once
 * with a message naming each bad variable (call `done()` after the last read).
 */
export class EnvReader {
  private readonly problems: string[] = [];
  /** Every variable read, with its default: the source of docs/configuration.md's check. */
  readonly described: Array<{ name: string; default: string }> = [];

  constructor(private readonly env: Env = process.env) {}

  string(name: string, fallback: string): string {
    this.described.push({ name, default: fallback });
    const v = this.env[name];
    return v === undefined || v === '' ? fallback : v;
  }

  optionalString(name: string): string | undefined {
    this.described.push({ name, default: '' });
    const v = this.env[name];
    return v === undefined || v === '' ? undefined : v;
  }

  /** An optional string that `ok` accepts; `what` says what is expected, for the boot error. */
  optionalMatching(name: string, ok: (v: string) => boolean, what: string): string | undefined {
    const v = this.optionalString(name);
    if (v !== undefined && !ok(v)) this.problems.push(`${name}=${JSON.stringify(v)} must be ${what}`);
    return v;
  }

  int(name: string, fallback: number, min = -Infinity, max = Infinity): number {
    return this.numeric(name, fallback, min, max, Number.isInteger, 'an integer');
  }

  number(name: string, fallback: number, min = -Infinity, max = Infinity): number {
    return this.numeric(name, fallback, min, max, Number.isFinite, 'a number');
  }

  oneOf<T extends string>(name: string, choices: readonly T[], fallback: T): T {
    this.described.push({ name, default: fallback });
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    if (!(choices as readonly string[]).includes(raw)) {
      this.problems.push(`${name}=${JSON.stringify(raw)} must be one of ${choices.join(', ')}`);
      return fallback;
    }
    return raw as T;
  }

  url(name: string, fallback: string, protocols: readonly string[]): string {
    const v = this.string(name, fallback);
    try {
      const u = new URL(v);
      if (!protocols.includes(u.protocol)) this.problems.push(`${name} must be a ${protocols.join(' or ')} URL; got ${u.protocol}`);
    } catch {
      this.problems.push(`${name}=${JSON.stringify(v)} is not a URL`);
    }
    return v;
  }

  optionalUrl(name: string, protocols: readonly string[]): string | undefined {
    const v = this.optionalString(name);
    if (v === undefined) return undefined;
    try {
      const u = new URL(v);
      if (!protocols.includes(u.protocol)) this.problems.push(`${name} must be a ${protocols.join(' or ')} URL; got ${u.protocol}`);
    } catch {
      this.problems.push(`${name}=${JSON.stringify(v)} is not a URL`);
    }
    return v;
  }

  private numeric(name: string, fallback: number, min: number, max: number, ok: (v: number) => boolean, what: string): number {
    this.described.push({ name, default: String(fallback) });
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    const v = Number(raw);
    if (!ok(v) || v < min || v > max) {
      this.problems.push(`${name}=${JSON.stringify(raw)} must be ${what}${rangeText(min, max)}`);
      return fallback;
    }
    return v;
  }

  /** Throws {@link ConfigError} naming every bad variable read so far. */
  done(): void {
    if (this.problems.length > 0) throw new ConfigError(this.problems);
  }
}

function rangeText(min: number, max: number): string {
  if (min > -Infinity && max < Infinity) return ` from ${min} to ${max}`;
  if (min > -Infinity) return ` ≥ ${min}`;
  if (max < Infinity) return ` ≤ ${max}`;
  return '';
}
