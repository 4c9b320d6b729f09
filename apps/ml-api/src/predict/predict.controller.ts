import {
  ModelInfo,
  PredictBatchDto,
  PredictBatchResult,
  PredictDto,
  PredictEventsDto,
  PredictEventsResult,
  LeanPredictEventsResult,
  PredictSessionsDto,
  PredictSessionsResult,
  Prediction,
} from '@logad/contracts';
import { decideEvent, scoreFamiliar } from '@logad/detector';
import { fullEventsAnswer, type JudgedEvent, leanEventsAnswer } from './event-answers';
import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ModelService } from '../model/model.service';
import { BaselineService } from '../baselines/baseline.service';
import { MlApiMetrics } from '../metrics/ml-api.metrics';
import { sessionSettingsOf } from '../model/model-bundle';
import { NoSessionModelProblem } from '../model/no-session-model.problem';

/** Scores messages with the served model. */
@Controller()
export class PredictController {
  constructor(
    private readonly models: ModelService,
    private readonly metrics: MlApiMetrics,
    private readonly baselines: BaselineService,
  ) {}

  /** One message: the seed's contract, plus a 0–100 score, an explanation and the model version. */
  @Post('predict')
  @HttpCode(200)
  predict(@Body() dto: PredictDto): Prediction & { model_version: string } {
    const model = this.models.require();
    const [p] = this.timed('predict', model.version, 1, () =>
      model.line.score([{ message: dto.message, level: dto.level ?? null, source: dto.source ?? null }]),
    );
    if (!p.is_anomaly) return { ...p, model_version: model.version };
    // The line model alone: an anomaly is a pattern its training corpus never had, or a line far out for its pattern.
    const top = p.explanation.top_features[0]?.feature;
    const why = p.explanation.new_template
      ? { kind: 'new_pattern' as const, reason: 'a pattern the model never saw in its training corpus' }
      : { kind: 'rare' as const, reason: `unusual line for its pattern${top ? ` (${top})` : ''}: the line model scores it ${p.score.toFixed(0)}/100` };
    return { ...p, ...why, model_version: model.version };
  }

  /** Many messages, answered in order; `levels`, when given, lines up with `messages`. */
  @Post('predict/batch')
  @HttpCode(200)
  predictBatch(@Body() dto: PredictBatchDto): PredictBatchResult {
    const model = this.models.require();
    const levels = dto.levels;
    const events = levels ? dto.messages.map((message, i) => ({ message, level: levels[i] ?? null })) : dto.messages;
    const results = this.timed('predict/batch', model.version, events.length, () => model.line.score(events, { explain: !dto.compact }));
    if (!dto.compact) return { model_version: model.version, results };
    // Workers store the verdict and the template only; the feature weights would be serialised for nothing.
    return {
      model_version: model.version,
      results: results.map((p) => ({
        is_anomaly: p.is_anomaly,
        anomaly_score: p.anomaly_score,
        prediction: p.prediction,
        score: p.score,
        explanation: { template: p.explanation.template, template_id: p.explanation.template_id, new_template: p.explanation.new_template, top_features: [] },
      })),
    };
  }

  /**
   * The online path the worker uses: whole events, scored in order against their source's baseline
   * (which each event also teaches) and the line model. New patterns, surges and rare lines come
   * back with their kind, a 0–100 score and a one-sentence reason.
   */
  @Post('predict/events')
  @HttpCode(200)
  predictEvents(@Body() dto: PredictEventsDto): PredictEventsResult | LeanPredictEventsResult {
    const model = this.models.require();
    const stream = this.baselines.require();
    const now = Date.now();
    const events = dto.events;
    const compact = dto.compact === true || dto.lean === true;
    const judged = this.timed('predict/events', model.version, events.length, () => {
      const verdicts = events.map((e) => {
        const ts = e.timestamp == null ? now : typeof e.timestamp === 'number' ? e.timestamp : Date.parse(e.timestamp);
        return stream.observe({ message: e.message, level: e.level ?? null, source: e.source ?? null, timestamp: ts });
      });
      // The line model is asked only where its opinion counts (see decideEvent and scoreFamiliar).
      const knows = (source: string) => model.stream?.hasSource(source) ?? false;
      const lines = scoreFamiliar(model.line, events, verdicts, knows, { explain: !compact });
      return verdicts.map((v, i): JudgedEvent & { is_anomaly: boolean } => {
        const decision = decideEvent(v, lines[i], knows(v.source));
        const explanation = compact ? undefined : lines[i]?.explanation;
        return { verdict: v, decision, is_anomaly: decision.is_anomaly, ...(explanation ? { explanation } : {}) };
      });
    });
    // Workers ask for the lean form; any other client gets every field per event, as before.
    return dto.lean === true ? leanEventsAnswer(model.version, judged) : fullEventsAnswer(model.version, judged);
  }

  /** Whole sessions (a block, request, job or trace), answered in order. */
  @Post('predict/sessions')
  @HttpCode(200)
  predictSessions(@Body() dto: PredictSessionsDto): PredictSessionsResult {
    const model = this.models.require();
    if (!model.session) throw new NoSessionModelProblem();
    const input = dto.sessions.map((s) => s.messages.map((message, i) => ({ message, level: s.levels?.[i] ?? null, timestamp: s.timestamps?.[i] ?? null })));
    const session = model.session;
    const scored = this.timed('predict/sessions', model.version, 0, () => session.score(input));
    this.metrics.sessionsScored.inc(scored.length);
    this.metrics.anomalies.inc({ kind: 'session' }, scored.filter((p) => p.is_anomaly).length);
    const results = scored.map((p, i) => ({
      key: dto.sessions[i].key,
      is_anomaly: p.is_anomaly,
      anomaly_score: p.anomaly_score,
      prediction: p.prediction,
      score: p.score,
      reason: p.reason,
      unseen_templates: p.unseen_templates,
    }));
    return { model_version: model.version, results };
  }

  private timed<T extends { is_anomaly: boolean }>(route: string, version: string, messages: number, score: () => T[]): T[] {
    const end = this.metrics.scoringSeconds.startTimer({ route });
    const out = score();
    end();
    this.metrics.modelInfo.set(version);
    if (messages > 0) {
      this.metrics.scored.inc({ route }, messages);
      this.metrics.anomalies.inc({ kind: 'line' }, out.filter((p) => p.is_anomaly).length);
    }
    return out;
  }

  /** Each source's baseline: learning or learnt, templates and lines seen (event time). */
  @Get('baselines')
  baselinesInfo(): { learning_period_ms: number; sources: Array<Record<string, unknown>> } {
    const stream = this.baselines.require();
    const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
    return {
      learning_period_ms: stream.options.learningMs,
      sources: stream.describe().map((s) => ({
        source: s.source,
        learning: s.learning,
        learning_ends_at: iso(s.learningEndsAt),
        trained: s.trained,
        templates: s.templates,
        lines: s.lines,
        last_seen: iso(s.lastSeen),
      })),
    };
  }

  @Get('model')
  model(): ModelInfo {
    const model = this.models.require();
    return { ...model.line.info(), sessions: sessionSettingsOf(model) };
  }
}
