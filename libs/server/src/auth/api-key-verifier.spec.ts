import { ApiKeyVerifier } from './api-key-verifier';
import { MissingOrUnknownKeyProblem, RevokedKeyProblem } from './auth.problems';
import { TokenBucketLimiter } from './token-bucket-limiter';

describe('ApiKeyVerifier', () => {
  const v = new ApiKeyVerifier(['k-alpha', 'k-beta'], ['k-old']);

  it('accepts an active key by Bearer or X-API-Key and names it by a digest prefix, never the key', () => {
    const a = v.verify({ authorization: 'Bearer k-alpha' });
    expect(a).toMatch(/^[0-9a-f]{12}$/);
    expect(a).not.toContain('alpha');
    expect(v.verify({ 'x-api-key': 'k-alpha' })).toBe(a);
    expect(v.verify({ authorization: 'bearer k-beta' })).not.toBe(a);
  });

  it('answers 401 without a key or with an unknown one, and 403 for a revoked one', () => {
    expect(() => v.verify({})).toThrow(MissingOrUnknownKeyProblem);
    expect(() => v.verify({ authorization: 'Basic abc' })).toThrow(MissingOrUnknownKeyProblem);
    expect(() => v.verify({ authorization: 'Bearer k-alph' })).toThrow('unknown API key');
    expect(() => v.verify({ 'x-api-key': 'k-old' })).toThrow(RevokedKeyProblem);
  });

  it('takes the key from Basic auth (the password, else the user) and from ApiKey, raw or as base64 id:key', () => {
    const a = v.verify({ authorization: 'Bearer k-alpha' });
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    expect(v.verify({ authorization: `Basic ${b64('loki:k-alpha')}` })).toBe(a);
    expect(v.verify({ authorization: `Basic ${b64('k-alpha:')}` })).toBe(a);
    expect(v.verify({ authorization: 'ApiKey k-alpha' })).toBe(a);
    expect(v.verify({ authorization: `ApiKey ${b64('some-id:k-alpha')}` })).toBe(a);
    expect(() => v.verify({ authorization: `ApiKey ${b64('some-id:k-alph')}` })).toThrow('unknown API key');
    expect(() => v.verify({ authorization: `ApiKey ${b64('some-id:k-old')}` })).toThrow(RevokedKeyProblem);
    expect(() => v.verify({ authorization: `Basic ${b64('user:nope')}` })).toThrow(MissingOrUnknownKeyProblem);
  });

  it('is off when no key is configured', () => {
    expect(new ApiKeyVerifier([]).enabled).toBe(false);
    expect(v.enabled).toBe(true);
  });
});

describe('TokenBucketLimiter', () => {
  it('lets a burst through, then refills at the rate, per key', () => {
    let t = 0;
    const l = new TokenBucketLimiter(100, 200, () => t);
    expect(l.take('a', 150).ok).toBe(true);
    expect(l.take('a', 100)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(l.take('b', 200).ok).toBe(true);
    t += 1000;
    expect(l.take('a', 100).ok).toBe(true);
    expect(l.take('a', 1000)).toEqual({ ok: false, retryAfterSeconds: 2 });
  });
});
