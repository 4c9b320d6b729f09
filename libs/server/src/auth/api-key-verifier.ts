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
 * Checks `Authorization: Bearer <key>`, `Authorization: ApiKey <key>`, `Authorization: Basic`
 * (the password, or the user when there is none: what Loki and Elasticsearch clients send) or
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
    const key = presentedKey(headers);
    if (key === undefined) throw new MissingOrUnknownKeyProblem('an API key is required: send Authorization: Bearer <key> or X-API-Key: <key>');
    const d = digest(key);
    let scopes: readonly ApiKeyScope[] | undefined;
    let isRevoked = false;
    for (const a of this.active) if (timingSafeEqual(a.digest, d) && scopes === undefined) scopes = a.scopes;
    for (const r of this.revoked) isRevoked = timingSafeEqual(r, d) || isRevoked;
    if (isRevoked) throw new RevokedKeyProblem();
    if (scopes === undefined) throw new MissingOrUnknownKeyProblem('unknown API key');
    return { keyId: d.toString('hex').slice(0, 12), scopes };
  }
}

function presentedKey(headers: Headers): string | undefined {
  const auth = headers['authorization'];
  if (typeof auth === 'string') {
    const m = /^(Bearer|ApiKey|Basic)\s+(\S+)\s*$/i.exec(auth);
    if (m) return m[1].toLowerCase() === 'basic' ? basicSecret(m[2]) : m[2];
  }
  const x = headers['x-api-key'];
  if (typeof x === 'string' && x.trim()) return x.trim();
  return undefined;
}

/** `user:password` in base64: the password is the key; with an empty password, the user is. */
function basicSecret(b64: string): string | undefined {
  const text = Buffer.from(b64, 'base64').toString('utf8');
  const at = text.indexOf(':');
  const secret = at < 0 ? text : text.slice(at + 1) || text.slice(0, at);
  return secret || undefined;
}
