import { LeanPredictEventsResult, ModelInfo, PredictEvent, PredictEventsResult, PredictSessionsResult } from '@logad/contracts';
import { UnrecoverableError } from '@logad/queue';
import { MSGPACK_TYPE, packMsgpack, unpackMsgpack } from '@logad/server';
import { HttpAnswer, HttpExchange } from './http-exchange';
import { MlApiUnavailableError } from './ml-api-unavailable.error';

/** How the worker's calls to ml-api are encoded (`ML_API_ENCODING`). */
export type MlApiEncoding = 'msgpack' | 'json';

/**
 * Calls ml-api over kept-alive connections. Bodies and answers are MessagePack by default (about a
 * third of JSON's CPU on both sides and a quarter of the answer's bytes); an ml-api older than that
 * answers 415, and the client then speaks JSON to it from that call on.
 */
export class MlClient {
  private readonly eventsUrl: URL;
  private readonly sessionsUrl: URL;
  private readonly modelUrl: URL;
  private readonly headers: Record<string, string>;
  private readonly http: HttpExchange;
  private readonly msgpackHeaders: Record<string, string>;

  constructor(
    baseUrl: string,
    private readonly timeoutMs: number,
    token?: string,
    private encoding: MlApiEncoding = 'msgpack',
  ) {
    this.eventsUrl = new URL('/predict/events', baseUrl);
    this.sessionsUrl = new URL('/predict/sessions', baseUrl);
    this.modelUrl = new URL('/model', baseUrl);
    this.http = new HttpExchange(baseUrl);
    this.headers = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
    this.msgpackHeaders = { ...this.headers, 'content-type': MSGPACK_TYPE, accept: `${MSGPACK_TYPE}, application/json` };
  }

  /** What the calls are encoded in now (`json` after an older ml-api refused MessagePack). */
  get wireEncoding(): MlApiEncoding {
    return this.encoding;
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
    for (const r of body.results)
      if (!(r.t >= 0 && r.t < n)) throw new MlApiUnavailableError(`ml-api answered a template reference ${r.t} outside its ${n} templates`);
    return body;
  }

  async predictSessions(
    sessions: Array<{ key: string; messages: string[]; levels: (string | null)[]; timestamps?: string[] }>,
  ): Promise<PredictSessionsResult> {
    return this.post<PredictSessionsResult>(this.sessionsUrl, { sessions });
  }

  /** The served model's description, or null while ml-api has none or cannot be reached. */
  async model(): Promise<ModelInfo | null> {
    try {
      const { status, body } = await this.http.send(this.modelUrl, 'GET', this.headers, undefined, this.timeoutMs);
      return status >= 200 && status < 300 ? (JSON.parse(body.toString('utf8')) as ModelInfo) : null;
    } catch {
      return null;
    }
  }

  /** Closes the kept-alive connections. */
  close(): void {
    this.http.close();
  }

  private async post<T>(url: URL, payload: unknown): Promise<T> {
    const msgpack = this.encoding === 'msgpack';
    let answer: HttpAnswer;
    try {
      answer = await this.http.send(
        url,
        'POST',
        msgpack ? this.msgpackHeaders : this.headers,
        msgpack ? packMsgpack(payload) : Buffer.from(JSON.stringify(payload), 'utf8'),
        this.timeoutMs,
      );
    } catch (err) {
      throw new MlApiUnavailableError(`ml-api at ${url.href} unreachable: ${(err as Error).message}`, { cause: err });
    }
    const { status, contentType, body } = answer;
    if (status === 415 && msgpack) {
      // An ml-api from before MessagePack: JSON from now on (both can be upgraded in either order).
      this.encoding = 'json';
      return this.post<T>(url, payload);
    }
    // 400 means this request can never be scored (a contract bug, not an outage): retrying cannot help.
    // 401/403 (a misconfigured token) and 5xx are retried: an operator's fix or ml-api's return ends them.
    if (status === 400) throw new UnrecoverableError(`ml-api refused the request: ${body.toString('utf8', 0, 500)}`);
    if (status < 200 || status >= 300) throw new MlApiUnavailableError(`ml-api answered ${status}: ${body.toString('utf8', 0, 500)}`);
    return (contentType.startsWith(MSGPACK_TYPE) ? unpackMsgpack(body) : JSON.parse(body.toString('utf8'))) as T;
  }
}

/** The full answer of an older ml-api in the lean form (one template entry per event). */
function leanOf(full: PredictEventsResult): LeanPredictEventsResult {
  const results = Array.isArray(full.results) ? full.results : [];
  return {
    model_version: full.model_version,
    lean: true,
    templates: results.map((r) => [r.template_id, r.template] as const),
    results: results.map((r, t) => ({
      t,
      is_anomaly: r.is_anomaly,
      anomaly_score: r.anomaly_score,
      score: r.score,
      ...(r.kind ? { kind: r.kind } : {}),
      ...(r.reason ? { reason: r.reason } : {}),
    })),
  };
}
