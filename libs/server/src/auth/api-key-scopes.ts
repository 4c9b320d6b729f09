import { ConfigError } from '../errors/config.error';

/** What a key may do: ship logs, read stored logs (query API, dashboard), or change state (mutes, confirmations, models). */
export const API_KEY_SCOPES = ['ingest', 'read', 'admin'] as const;

export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** One configured key and its scopes. */
export interface ApiKeyGrant {
  readonly key: string;
  readonly scopes: readonly ApiKeyScope[];
}

const SCOPE_LIST = /^[a-z]+(?:\+[a-z]+)*$/;

/**
 * Reads `key` or `key:scope+scope` entries (e.g. `ship-1:ingest`, `dash-1:read+admin`). A key
 * without scopes has every scope, as every key had before scopes existed. The scopes are what
 * follows the last `:` when that is lowercase words joined by `+`; a misspelt scope fails at boot
 * rather than silently giving the key every scope. `variable` names the setting in the error.
 */
export function parseApiKeyGrants(entries: readonly string[], variable = 'API_KEYS'): ApiKeyGrant[] {
  const problems: string[] = [];
  const grants = entries.filter(Boolean).map((entry, i): ApiKeyGrant => {
    const at = entry.lastIndexOf(':');
    const suffix = at > 0 ? entry.slice(at + 1) : '';
    if (!SCOPE_LIST.test(suffix)) return { key: entry, scopes: API_KEY_SCOPES };
    const scopes = suffix.split('+');
    const unknown = scopes.filter((s) => !(API_KEY_SCOPES as readonly string[]).includes(s));
    if (unknown.length > 0)
      problems.push(`${variable}: entry ${i + 1} has unknown scope ${unknown.join(', ')} (scopes are ${API_KEY_SCOPES.join(', ')}, joined by +)`);
    return { key: entry.slice(0, at), scopes: [...new Set(scopes)] as ApiKeyScope[] };
  });
  if (problems.length > 0) throw new ConfigError(problems);
  return grants;
}
