import { OpenApiSpec, serveOpenApi } from '@logad/server';
import { NestFastifyApplication } from '@nestjs/platform-fastify';

const json = (name: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } });
const NO_MODEL = 'no model is loaded yet (`ml:model-not-loaded`): train one; it is picked up without a restart';

/** What ml-api's OpenAPI document says beyond its controllers: answers, and the internal token. */
export function mlApiOpenApi(secured: boolean): OpenApiSpec {
  return {
    title: 'logad ml-api',
    description:
      'Scores log messages with the trained model (templates + TF-IDF + Isolation Forest). Workers call it; ' +
      'with ML_API_TOKEN set every route but /health, /ready, /metrics and /docs requires `Authorization: Bearer <token>`.',
    auth: secured ? 'bearer' : undefined,
    securedPrefix: '/',
    schemas: {
      Prediction: {
        type: 'object',
        required: ['is_anomaly', 'anomaly_score', 'prediction', 'score'],
        properties: {
          is_anomaly: { type: 'boolean' },
          anomaly_score: { type: 'number', description: 'Isolation Forest decision value: negative is anomalous' },
          prediction: { type: 'integer', enum: [-1, 1], description: '-1 anomalous, 1 normal' },
          score: { type: 'number', minimum: 0, maximum: 100, description: 'higher is more anomalous; 50 is the threshold' },
          explanation: {
            type: 'object',
            properties: {
              template: { type: 'string' },
              template_id: { type: 'integer' },
              new_template: { type: 'boolean' },
              usual_for_template: { type: 'boolean', description: 'a training template: the line scores no further out than some training line of it did' },
              top_features: { type: 'array', items: { type: 'object', properties: { feature: { type: 'string' }, weight: { type: 'number' } } } },
            },
          },
          model_version: { type: 'string', description: 'the model that scored it (`POST /predict` only)' },
        },
      },
      PredictBatchResult: {
        type: 'object',
        required: ['model_version', 'results'],
        properties: { model_version: { type: 'string' }, results: { type: 'array', items: { $ref: '#/components/schemas/Prediction' } } },
      },
      EventPrediction: {
        type: 'object',
        required: ['is_anomaly', 'anomaly_score', 'prediction', 'score', 'level', 'learning', 'template', 'template_id'],
        properties: {
          is_anomaly: { type: 'boolean' },
          anomaly_score: { type: 'number', description: '(50 − score) / 50: negative exactly when anomalous' },
          prediction: { type: 'integer', enum: [-1, 1] },
          score: { type: 'number', minimum: 0, maximum: 100, description: 'above 50: anomalous' },
          kind: { type: 'string', enum: ['new_pattern', 'surge', 'rare'] },
          reason: { type: 'string', description: 'one sentence for a person' },
          level: { type: 'string', nullable: true, description: 'as given, else as the line states it' },
          learning: { type: 'boolean', description: "the source's baseline is still in its learning period" },
          template: { type: 'string' },
          template_id: { type: 'integer', description: "the template's id in its source's baseline (negative)" },
        },
      },
      PredictEventsResult: {
        type: 'object',
        required: ['model_version', 'results'],
        properties: { model_version: { type: 'string' }, results: { type: 'array', items: { $ref: '#/components/schemas/EventPrediction' } } },
      },
      LeanPredictEventsResult: {
        type: 'object',
        description: 'the answer with `lean: true`: each template of the batch once, per event what a worker stores',
        required: ['model_version', 'lean', 'templates', 'results'],
        properties: {
          model_version: { type: 'string' },
          lean: { type: 'boolean', enum: [true] },
          templates: { type: 'array', description: '`[template_id, template]`, each once', items: { type: 'array', items: {}, minItems: 2, maxItems: 2 } },
          results: {
            type: 'array',
            items: {
              type: 'object',
              required: ['t', 'is_anomaly', 'anomaly_score', 'score'],
              properties: {
                t: { type: 'integer', description: 'index in `templates`' },
                is_anomaly: { type: 'boolean' },
                anomaly_score: { type: 'number' },
                score: { type: 'number', minimum: 0, maximum: 100 },
                kind: { type: 'string', enum: ['new_pattern', 'surge', 'rare'] },
                reason: { type: 'string' },
              },
            },
          },
        },
      },
      ModelInfo: {
        type: 'object',
        properties: {
          version: { type: 'string' },
          trained_at: { type: 'string', format: 'date-time' },
          parameters: { type: 'object', additionalProperties: true },
          vocabulary_size: { type: 'integer' },
          training_lines: { type: 'integer' },
          templates: { type: 'integer' },
          sessions: { type: 'object', nullable: true, description: '`{key_pattern, end_pattern, idle_timeout_ms}` when the model has a session detector' },
        },
      },
    },
    routes: {
      'POST /predict': { summary: 'Score one message', responses: { '200': { description: 'the verdict', content: json('Prediction') }, '503': NO_MODEL } },
      'POST /predict/batch': {
        summary: 'Score many messages, answered in order',
        responses: { '200': { description: 'the verdicts, in the order sent', content: json('PredictBatchResult') }, '503': NO_MODEL },
      },
      'POST /predict/events': {
        summary: "Whole events, in order, against their source's baseline (which they teach) and the line model: the worker's online path",
        responses: {
          '200': {
            description: 'the verdicts, in the order sent (`LeanPredictEventsResult` when the body says `lean: true`)',
            content: json('PredictEventsResult'),
          },
          '503': NO_MODEL,
        },
      },
      'GET /baselines': { summary: 'Each source: learning or learnt, templates and lines seen', responses: { '503': NO_MODEL } },
      'POST /predict/sessions': {
        summary: 'Score whole sessions',
        responses: {
          '200': 'the verdict of each session, in the order sent',
          '409': 'the served model was trained without `--session-key` (`ml:no-session-model`)',
          '503': NO_MODEL,
        },
      },
      'GET /model': { summary: 'The served model', responses: { '200': { description: 'the served model', content: json('ModelInfo') }, '503': NO_MODEL } },
      'GET /health': { summary: 'Liveness, and the served model version', secured: false },
      'GET /ready': { summary: 'Readiness: 200 once a model is loaded', secured: false, responses: { '503': 'no model loaded' } },
    },
  };
}

/** `GET /docs` (Swagger UI) and `GET /docs/openapi.json`; open even with ML_API_TOKEN (they hold no data). */
export function registerMlApiOpenApi(app: NestFastifyApplication, token: string | undefined): void {
  serveOpenApi(app, mlApiOpenApi(token !== undefined));
}
