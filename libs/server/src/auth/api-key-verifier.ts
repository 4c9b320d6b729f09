import { createHash, timingSafeEqual } from 'node:crypto';
import { ApiKeyGrant, ApiKeyScope, API_KEY_SCOPES } from './api-key-scopes';
import { MissingOrUnknownKeyProblem, MissingScopeProblem, RevokedKeyProblem } from './auth.problems';

type Headers = Readonly<Record<string, string | string[] | undefined>>;

const digest = (key: string) => createHash('sha256').update(key, 'utf8').digest();

/** Who called: a short digest prefix naming the key (never the key) and what it may do. */
export interface VerifiedKey {
  readonly keyId: string;
  readonly scopes: readonly ApiKeyScope[];
}

/**
 * Checks `Authorization: Bearer <key>`, `Authorization: ApiKey <key>` (or base64 of `id:key`, as
 * Elasticsearch clients build it from an id and a key), `Authorization: Basic` (the password, or
 * the user when there is none: what Loki and Elasticsearch clients send) or
 * `X-API-Key: <key>` against configured keys. Keys are kept and compared as SHA-256 digests with
 * `timingSafeEqual`, against every key each time, so the answer's timing does not depend on which
 * key (if any) matched. Keys are never logged: callers get a short digest prefix (`keyId`).
 * Plain strings are keys with every scope.
 */
export class ApiKeyVerifier {
  private readonly active: { digest: Buffer; scopes: readonly ApiKeyScope[] }[];
  private readonly revoked: Buffer[];

  constructor(activeKeys: readonly (string | ApiKeyGrant)[], revokedKeys: readonly string[] = []) {
    this.active = activeKeys
      .map((k) => (typeof k === 'string' ? { key: k, scopes: API_KEY_SCOPES } : k))
      .filter((g) => g.key)
      .map((g) => ({ digest: digest(g.key), scopes: g.scopes }));
    this.revoked = revokedKeys.filter(Boolean).map(digest);
  }

  /** False when no key is configured: the endpoint is open. */
  get enabled(): boolean {
    return this.active.length > 0 || this.revoked.length > 0;
  }

  /** The caller's keyId, or throws 401 (missing/unknown) or 403 (revoked, or without `scope`). */
  verify(headers: Headers, scope?: ApiKeyScope): string {
    const k = this.identify(headers);
    if (scope !== undefined && !k.scopes.includes(scope)) throw new MissingScopeProblem(scope);
    return k.keyId;
  }

  /** The caller's key and scopes, or throws 401 (missing/unknown) or 403 (revoked). */
  identify(headers: Headers): VerifiedKey {
    const candidates = presentedKeys(headers);
    if (candidates.length === 0) throw new MissingOrUnknownKeyProblem('an API key is required: send Authorization: Bearer <key> or X-API-Key: <key>');
    let scopes: readonly ApiKeyScope[] | undefined;
    let matched: Buffer | undefined;
    let isRevoked = false;
    for (const key of candidates) {
      const d = digest(key);
      for (const a of this.active) {
        if (timingSafeEqual(a.digest, d) && scopes === undefined) {
          scopes = a.scopes;
          matched = d;
        }
      }
      for (const r of this.revoked) isRevoked = timingSafeEqual(r, d) || isRevoked;
    }
    if (isRevoked) throw new RevokedKeyProblem();
    if (scopes === undefined || matched === undefined) throw new MissingOrUnknownKeyProblem('unknown API key');
    return { keyId: matched.toString('hex').slice(0, 12), scopes };
  }
}

/**
 * The keys a request presents, in the order tried. `ApiKey <token>` is the key itself, or, as
 * Elasticsearch clients send it, base64 of `id:key`: then the part after the colon is tried too.
 */
function presentedKeys(headers: Headers): string[] {
  const auth = headers['authorization'];
  if (typeof auth === 'string') {
    const m = /^(Bearer|ApiKey|Basic)\s+(\S+)\s*$/i.exec(auth);
    if (m) {
      const scheme = m[1].toLowerCase();
      if (scheme === 'basic') {
        const secret = basicSecret(m[2]);
        return secret === undefined ? [] : [secret];
      }
      if (scheme === 'apikey') {
        const inner = encodedApiKey(m[2]);
        return inner === undefined ? [m[2]] : [m[2], inner];
      }
      return [m[2]];
    }
  }
  const x = headers['x-api-key'];
  if (typeof x === 'string' && x.trim()) return [x.trim()];
  return [];
}

/** The `key` of an Elasticsearch-style `base64(id:key)` credential; undefined when the token is not one. */
function encodedApiKey(token: string): string | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(token)) return undefined;
  const text = Buffer.from(token, 'base64').toString('utf8');
  const at = text.indexOf(':');
  if (at <= 0 || at === text.length - 1 || text.includes('\uFFFD')) return undefined;
  return text.slice(at + 1);
}

/** `user:password` in base64: the password is the key; with an empty password, the user is. */
function basicSecret(b64: string): string | undefined {
  const text = Buffer.from(b64, 'base64').toString('utf8');
  const at = text.indexOf(':');
  const secret = at < 0 ? text : text.slice(at + 1) || text.slice(0, at);
  return secret || undefined;
}
