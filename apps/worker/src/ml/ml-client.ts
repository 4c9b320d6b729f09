import { PredictBatchResult } from '@logad/contracts';
import { UnrecoverableError } from '@logad/queue';
import { MlApiUnavailableError } from './ml-api-unavailable.error';

/** Calls ml-api's `POST /predict/batch` over a kept-alive connection. */
export class MlClient {
  private readonly url: string;

  constructor(
    baseUrl: string,
    private readonly timeoutMs: number,
    private readonly token?: string,
  ) {
    this.url = new URL('/predict/batch', baseUrl).toString();
  }

  async predictBatch(messages: string[], levels: (string | null)[]): Promise<PredictBatchResult> {
    let res: Response;
    try {
      res = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
        body: JSON.stringify({ messages, levels }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw new MlApiUnavailableError(`ml-api at ${this.url} unreachable: ${(err as Error).message}`, { cause: err });
    }
    const text = await res.text();
    // 401/403: a misconfigured token; an operator fixes it and the retries then succeed.
    // 400 means this batch can never be scored (a contract bug, not an outage): retrying cannot help.
    if (res.status === 400) throw new UnrecoverableError(`ml-api refused the batch: ${text.slice(0, 500)}`);
    if (!res.ok) throw new MlApiUnavailableError(`ml-api answered ${res.status}: ${text.slice(0, 500)}`);
    const body = JSON.parse(text) as PredictBatchResult;
    if (!Array.isArray(body.results) || body.results.length !== messages.length) {
      throw new MlApiUnavailableError(`ml-api answered ${body.results?.length} results for ${messages.length} messages`);
    }
    return body;
  }
}
