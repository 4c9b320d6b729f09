import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsOptional, ValidateBy } from 'class-validator';
import type { AnomalyKind } from './anomaly-kind';
import { MAX_PREDICT_BATCH } from './predict-batch.dto';
import type { PredictionExplanation } from './prediction';

/** One whole event as the worker sends it to ml-api: what was logged and its context. */
export interface PredictEvent {
  readonly message: string;
  readonly level?: string | null;
  readonly source?: string | null;
  /** Event time: ISO-8601 or epoch ms; the time of the request when absent. */
  readonly timestamp?: string | number | null;
  readonly attributes?: Record<string, unknown> | null;
}

/** The first problem of an events array, or null: one pass, no per-item validator objects. */
export function eventsProblem(v: unknown): string | null {
  if (!Array.isArray(v)) return 'events must be an array';
  for (let i = 0; i < v.length; i++) {
    const e = v[i] as Record<string, unknown> | null;
    if (e === null || typeof e !== 'object' || Array.isArray(e)) return `events[${i}] must be an object`;
    if (typeof e.message !== 'string' || e.message === '') return `events[${i}].message must be a non-empty string`;
    for (const f of ['level', 'source'] as const) if (e[f] != null && typeof e[f] !== 'string') return `events[${i}].${f} must be a string or null`;
    const ts = e.timestamp;
    if (ts != null && !(typeof ts === 'number' ? Number.isFinite(ts) : typeof ts === 'string' && !Number.isNaN(Date.parse(ts)))) {
      return `events[${i}].timestamp must be ISO-8601 or epoch ms`;
    }
    if (e.attributes != null && (typeof e.attributes !== 'object' || Array.isArray(e.attributes))) return `events[${i}].attributes must be an object`;
  }
  return null;
}

/** Body of ml-api's `POST /predict/events`: the online path (each event also teaches its source's baseline). */
export class PredictEventsDto {
  @IsArray({ message: 'events must be an array of { message, level?, source?, timestamp?, attributes? }' })
  @ArrayMinSize(1, { message: 'events must hold at least one event' })
  @ArrayMaxSize(MAX_PREDICT_BATCH, { message: `events must hold at most ${MAX_PREDICT_BATCH} events` })
  @ValidateBy({ name: 'events', validator: { validate: (v: unknown) => eventsProblem(v) === null, defaultMessage: (a) => eventsProblem(a?.value) ?? 'events are invalid' } })
  events!: PredictEvent[];

  /** Answer only what a worker stores (no `top_features`). */
  @IsOptional()
  @IsBoolean({ message: 'compact must be a boolean' })
  compact?: boolean;

  /**
   * Answer in the lean form ({@link LeanPredictEventsResult}): each template once per batch, per event
   * only what a worker stores. Implies `compact`.
   */
  @IsOptional()
  @IsBoolean({ message: 'lean must be a boolean' })
  lean?: boolean;

  /**
   * The rules above in one pass over the plain body (the validation pipe uses this): the worker
   * sends up to {@link MAX_PREDICT_BATCH} events a call, and copying each into a class instance
   * cost more than scoring it.
   */
  static validatePlain(body: unknown): Array<{ field: string; message: string }> {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return [{ field: '(body)', message: 'the body must be an object { events, compact?, lean? }' }];
    const { events, compact, lean } = body as { events?: unknown; compact?: unknown; lean?: unknown };
    const out: Array<{ field: string; message: string }> = [];
    if (!Array.isArray(events)) out.push({ field: 'events', message: 'events must be an array of { message, level?, source?, timestamp?, attributes? }' });
    else if (events.length < 1) out.push({ field: 'events', message: 'events must hold at least one event' });
    else if (events.length > MAX_PREDICT_BATCH) out.push({ field: 'events', message: `events must hold at most ${MAX_PREDICT_BATCH} events` });
    else {
      const problem = eventsProblem(events);
      if (problem !== null) out.push({ field: 'events', message: problem });
    }
    if (compact !== undefined && typeof compact !== 'boolean') out.push({ field: 'compact', message: 'compact must be a boolean' });
    if (lean !== undefined && typeof lean !== 'boolean') out.push({ field: 'lean', message: 'lean must be a boolean' });
    return out;
  }
}

/** The answer for one event of `POST /predict/events`. */
export interface EventPrediction {
  readonly is_anomaly: boolean;
  /** (50 − score) / 50: negative exactly when anomalous. */
  readonly anomaly_score: number;
  readonly prediction: -1 | 1;
  readonly score: number;
  readonly kind?: AnomalyKind;
  readonly reason?: string;
  /** The event's level as given, else as the line states it. */
  readonly level: string | null;
  /** The source's baseline is still learning. */
  readonly learning: boolean;
  /** The template on this source (the baseline's id and text). */
  readonly template: string;
  readonly template_id: number;
  readonly explanation?: PredictionExplanation;
}

export interface PredictEventsResult {
  readonly model_version: string;
  readonly results: EventPrediction[];
}

/**
 * The lean answer for one event (`lean: true`): what a worker stores, the template by reference.
 * `prediction` is -1 exactly when `is_anomaly`; `kind` and `reason` come with anomalies only.
 */
export interface LeanEventPrediction {
  /** Index of the event's template in {@link LeanPredictEventsResult.templates}. */
  readonly t: number;
  readonly is_anomaly: boolean;
  readonly anomaly_score: number;
  readonly score: number;
  readonly kind?: AnomalyKind;
  readonly reason?: string;
}

/** `POST /predict/events` with `lean: true`: each template of the batch once, then the events in order. */
export interface LeanPredictEventsResult {
  readonly model_version: string;
  readonly lean: true;
  /** The batch's templates, each once, as `[template_id, template]`. */
  readonly templates: ReadonlyArray<readonly [number, string]>;
  readonly results: LeanEventPrediction[];
}
