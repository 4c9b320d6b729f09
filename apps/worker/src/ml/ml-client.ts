import { LeanPredictEventsResult, ModelInfo, PredictEvent, PredictEventsResult, PredictSessionsResult } from '@logad/contracts';
import { UnrecoverableError } from '@logad/queue';
import { MlApiUnavailableError } from './ml-api-unavailable.error';

/** Calls ml-api over kept-alive connections (Node's fetch pools them). */
export class MlClient {
  private readonly eventsUrl: string;
  private readonly sessionsUrl: string;
  private readonly modelUrl: string;
  private readonly headers: Record<string, string>;

  constructor(
    baseUrl: string,
    private readonly timeoutMs: number,
    token?: string,
  ) {
    this.eventsUrl = new URL('/predict/events', baseUrl).toString();
    this.sessionsUrl = new URL('/predict/sessions', baseUrl).toString();
    this.modelUrl = new URL('/model', baseUrl).toString();
    this.headers = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
  }

  /**
   * Whole events in order (their source's baseline learns from them): the pipeline's online path.
   * Asks for the lean answer (each template once per batch): the worker stores nothing else. An
   * ml-api older than this worker answers in full; that is read too, so either can be upgraded first.
   */
  async predictEvents(events: PredictEvent[]): Promise<LeanPredictEventsResult> {
    const answer = await this.post<LeanPredictEventsResult | PredictEventsResult>(this.eventsUrl, { events, compact: true, lean: true });
    const body = 'lean' in answer && answer.lean === true ? answer : leanOf(answer as PredictEventsResult);
    if (!Array.isArray(body.templates) || !Array.isArray(body.results) || body.results.length !== events.length) {
      throw new MlApiUnavailableError(`ml-api answered ${body.results?.length} results for ${events.length} events`);
    }
    const n = body.templates.length;
    for (const r of body.results) if (!(r.t >= 0 && r.t < n)) throw new MlApiUnavailableError(`ml-api answered a template reference ${r.t} outside its ${n} templates`);
    return body;
  }

  async predictSessions(sessions: Array<{ key: string; messages: string[]; levels: (string | null)[]; timestamps?: string[] }>): Promise<PredictSessionsResult> {
    return this.post<PredictSessionsResult>(this.sessionsUrl, { sessions });
  }

  /** The served model's description, or null while ml-api has none or cannot be reached. */
  async model(): Promise<ModelInfo | null> {
    try {
      const res = await fetch(this.modelUrl, { headers: this.headers, signal: AbortSignal.timeout(this.timeoutMs) });
      if (!res.ok) {
        await res.arrayBuffer();
        return null;
      }
      return (await res.json()) as ModelInfo;
    } catch {
      return null;
    }
  }

  private async post<T>(url: string, payload: unknown): Promise<T> {
    let res: Response;
    try {
      res = await fetch(url, { method: 'POST', headers: this.headers, body: JSON.stringify(payload), signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (err) {
      throw new MlApiUnavailableError(`ml-api at ${url} unreachable: ${(err as Error).message}`, { cause: err });
    }
    const text = await res.text();
    // 400 means this request can never be scored (a contract bug, not an outage): retrying cannot help.
    // 401/403 (a misconfigured token) and 5xx are retried: an operator's fix or ml-api's return ends them.
    if (res.status === 400) throw new UnrecoverableError(`ml-api refused the request: ${text.slice(0, 500)}`);
    if (!res.ok) throw new MlApiUnavailableError(`ml-api answered ${res.status}: ${text.slice(0, 500)}`);
    return JSON.parse(text) as T;
  }
}

/** The full answer of an older ml-api in the lean form (one template entry per event). */
function leanOf(full: PredictEventsResult): LeanPredictEventsResult {
  const results = Array.isArray(full.results) ? full.results : [];
  return {
    model_version: full.model_version,
    lean: true,
    templates: results.map((r) => [r.template_id, r.template] as const),
    results: results.map((r, t) => ({ t, is_anomaly: r.is_anomaly, anomaly_score: r.anomaly_score, score: r.score, ...(r.kind ? { kind: r.kind } : {}), ...(r.reason ? { reason: r.reason } : {}) })),
  };
}
