import { BaselinesInfo } from '@logad/contracts';
import { MlApiUnavailableError } from './ml-api-unavailable.error';

/** A question the dashboard asks now and then: a slow ml-api must not hold a query for long. */
const TIMEOUT_MS = 3000;

/** Asks ml-api for its per-source baselines (`GET /baselines`); the only call ingest-api makes to ml-api. */
export class MlApiBaselines {
  private readonly url: string;
  private readonly headers: Record<string, string>;

  constructor(baseUrl: string, token?: string) {
    this.url = new URL('/baselines', baseUrl).toString();
    this.headers = { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
  }

  /** ml-api's answer; rejects with {@link MlApiUnavailableError} when it gives none. */
  async fetch(): Promise<BaselinesInfo> {
    let res: Response;
    try {
      res = await fetch(this.url, { headers: this.headers, signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (err) {
      throw new MlApiUnavailableError(`ml-api does not answer at ${this.url} (${(err as Error).message}); check ML_API_URL`, { cause: err });
    }
    const text = await res.text();
    if (!res.ok) {
      // ml-api's own code says why (ml:model-not-loaded, auth:unauthorized for a wrong ML_API_TOKEN).
      let why = text.slice(0, 300);
      try {
        const body = JSON.parse(text) as { code?: string; message?: string };
        if (body.code) why = `${body.code}: ${body.message ?? ''}`;
      } catch {
        /* not JSON: keep the text */
      }
      throw new MlApiUnavailableError(`ml-api answered ${res.status} to GET /baselines (${why})`);
    }
    const body = JSON.parse(text) as BaselinesInfo;
    if (typeof body?.learning_period_ms !== 'number' || !Array.isArray(body.sources)) {
      throw new MlApiUnavailableError('ml-api answered GET /baselines with an unexpected body');
    }
    return body;
  }
}
