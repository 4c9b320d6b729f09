import { createHash, timingSafeEqual } from 'node:crypto';
import { MissingOrUnknownKeyProblem, RevokedKeyProblem } from './auth.problems';

type Headers = Readonly<Record<string, string | string[] | undefined>>;

const digest = (key: string) => createHash('sha256').update(key, 'utf8').digest();

/**
 * Checks `Authorization: Bearer <key>` or `X-API-Key: <key>` against configured keys. Keys are
 * kept and compared as SHA-256 digests with `timingSafeEqual`, against every key each time, so
 * the answer's timing does not depend on which key (if any) matched. Keys are never logged:
 * callers get a short digest prefix (`keyId`) to name a key in logs and limits.
 */
export class ApiKeyVerifier {
  private readonly active: Buffer[];
  private readonly revoked: Buffer[];

  constructor(activeKeys: readonly string[], revokedKeys: readonly string[] = []) {
    this.active = activeKeys.filter(Boolean).map(digest);
    this.revoked = revokedKeys.filter(Boolean).map(digest);
  }

  /** False when no key is configured: the endpoint is open. */
  get enabled(): boolean {
    return this.active.length > 0 || this.revoked.length > 0;
  }

  /** The caller's keyId, or throws 401 (missing/unknown) or 403 (revoked). */
  verify(headers: Headers): string {
    const key = presentedKey(headers);
    if (key === undefined) throw new MissingOrUnknownKeyProblem('an API key is required: send Authorization: Bearer <key> or X-API-Key: <key>');
    const d = digest(key);
    let isActive = false;
    let isRevoked = false;
    for (const a of this.active) isActive = timingSafeEqual(a, d) || isActive;
    for (const r of this.revoked) isRevoked = timingSafeEqual(r, d) || isRevoked;
    if (isRevoked) throw new RevokedKeyProblem();
    if (!isActive) throw new MissingOrUnknownKeyProblem('unknown API key');
    return d.toString('hex').slice(0, 12);
  }
}

function presentedKey(headers: Headers): string | undefined {
  const auth = headers['authorization'];
  if (typeof auth === 'string') {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (m) return m[1];
  }
  const x = headers['x-api-key'];
  if (typeof x === 'string' && x.trim()) return x.trim();
  return undefined;
}
