// MlClient over real HTTP on loopback: a small server answers /predict/events the way a current ml-api
// (lean) and an older one (full, every field per event) do; the worker must read both alike.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerJson, startLoopbackMlApi, type LoopbackMlApi } from '../../test/loopback-ml-api';
import { MSGPACK_TYPE, packMsgpack } from '@logad/server';
import { MlApiUnavailableError } from './ml-api-unavailable.error';
import { MlClient } from './ml-client';

const EVENTS = [
  { message: 'User login successful', level: 'INFO', source: 'auth' },
  { message: 'User login successful', level: 'INFO', source: 'auth' },
  { message: 'disk quota exceeded on /var/lib/db', level: 'ERROR', source: 'db' },
];

const LEAN = {
  model_version: 'v1',
  lean: true,
  templates: [
    [-11, 'User login successful'],
    [-22, 'disk quota exceeded on <*>'],
  ],
  results: [
    { t: 0, is_anomaly: false, anomaly_score: 0.8, score: 10 },
    { t: 0, is_anomaly: false, anomaly_score: 0.8, score: 10 },
    { t: 1, is_anomaly: true, anomaly_score: -0.64, score: 82, kind: 'new_pattern', reason: 'new ERROR pattern: never seen on db before' },
  ],
};

const FULL = {
  model_version: 'v1',
  results: [
    { is_anomaly: false, anomaly_score: 0.8, prediction: 1, score: 10, level: 'INFO', learning: false, template: 'User login successful', template_id: -11 },
    { is_anomaly: false, anomaly_score: 0.8, prediction: 1, score: 10, level: 'INFO', learning: false, template: 'User login successful', template_id: -11 },
    {
      is_anomaly: true,
      anomaly_score: -0.64,
      prediction: -1,
      score: 82,
      kind: 'new_pattern',
      reason: 'new ERROR pattern: never seen on db before',
      level: 'ERROR',
      learning: false,
      template: 'disk quota exceeded on <*>',
      template_id: -22,
    },
  ],
};

describe('MlClient.predictEvents', () => {
  let server: LoopbackMlApi;
  let answer: unknown;
  let asked: Record<string, unknown> | undefined;
  let client: MlClient;

  beforeAll(async () => {
    server = await startLoopbackMlApi((body, res) => {
      asked = body as Record<string, unknown>;
      answerJson(res, answer);
    });
    client = new MlClient(server.url, 2000);
  });
  afterAll(() => server.close());

  /** What the worker stores of each event, from either form. */
  const stored = (a: Awaited<ReturnType<MlClient['predictEvents']>>) =>
    a.results.map((r) => ({
      is_anomaly: r.is_anomaly,
      anomaly_score: r.anomaly_score,
      score: r.score,
      kind: r.kind,
      reason: r.reason,
      template: a.templates[r.t],
    }));

  it('asks for the lean answer and reads an older ml-api full answer to the same records', async () => {
    answer = LEAN;
    const lean = await client.predictEvents(EVENTS);
    expect(asked).toMatchObject({ events: EVENTS, lean: true });
    answer = FULL;
    const full = await client.predictEvents(EVENTS);
    expect(stored(full)).toEqual(stored(lean));
    expect(stored(lean)[2]).toMatchObject({ is_anomaly: true, kind: 'new_pattern', template: [-22, 'disk quota exceeded on <*>'] });
  });

  it('takes a short answer or a template reference out of range for an outage (the job is retried)', async () => {
    answer = { ...LEAN, results: LEAN.results.slice(0, 2) };
    await expect(client.predictEvents(EVENTS)).rejects.toBeInstanceOf(MlApiUnavailableError);
    answer = { ...LEAN, results: [...LEAN.results.slice(0, 2), { ...LEAN.results[2], t: 2 }] };
    await expect(client.predictEvents(EVENTS)).rejects.toThrow(/template reference 2 outside its 2 templates/);
  });
});

describe('MlClient encodings', () => {
  it('speaks MessagePack by default, reads either answer, and falls back to JSON for good when ml-api answers 415', async () => {
    const types: string[] = [];
    let knowsMsgpack = true;
    let answerIn: 'json' | 'msgpack' = 'msgpack';
    const server = await startLoopbackMlApi((body, res, req) => {
      const type = req.headers['content-type'] ?? '';
      types.push(type);
      expect(body).toMatchObject({ events: EVENTS, lean: true });
      if (type === MSGPACK_TYPE && !knowsMsgpack)
        return void res.writeHead(415, { 'content-type': 'application/json' }).end('{"code":"http:unsupported-media-type"}');
      if (answerIn === 'json') return answerJson(res, LEAN);
      expect(req.headers.accept).toContain(MSGPACK_TYPE);
      res.writeHead(200, { 'content-type': MSGPACK_TYPE }).end(packMsgpack(LEAN));
    });
    try {
      const client = new MlClient(server.url, 2000);
      expect(client.wireEncoding).toBe('msgpack');
      const fromMsgpack = await client.predictEvents(EVENTS);
      answerIn = 'json';
      expect(await client.predictEvents(EVENTS)).toEqual(fromMsgpack);
      expect(fromMsgpack).toEqual(LEAN);
      // An ml-api from before MessagePack: the call is made again in JSON, and so is every later one.
      knowsMsgpack = false;
      expect(await client.predictEvents(EVENTS)).toEqual(LEAN);
      expect(client.wireEncoding).toBe('json');
      await client.predictEvents(EVENTS);
      expect(types).toEqual([MSGPACK_TYPE, MSGPACK_TYPE, MSGPACK_TYPE, 'application/json', 'application/json']);
      const json = new MlClient(server.url, 2000, undefined, 'json');
      await json.predictEvents(EVENTS);
      expect(types.at(-1)).toBe('application/json');
      client.close();
      json.close();
    } finally {
      await server.close();
    }
  });
});

describe('MlClient over HTTP', () => {
  let server: Server;
  let reply: (res: import('node:http').ServerResponse) => void;
  let base: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => reply(res));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    return new Promise<void>((r) => server.close(() => r()));
  });

  it('fails a batch ml-api refuses (400) for good, and retries 5xx, a silent ml-api and an unreachable one', async () => {
    const client = new MlClient(base, 300);
    reply = (res) => res.writeHead(400).end('bad events');
    await expect(client.predictEvents(EVENTS)).rejects.toMatchObject({ name: 'UnrecoverableError', message: expect.stringContaining('bad events') });
    reply = (res) => res.writeHead(503).end('no model');
    await expect(client.predictEvents(EVENTS)).rejects.toMatchObject({ code: 'worker:ml-api-unavailable', message: 'ml-api answered 503: no model' });
    reply = (res) => res.writeHead(200, { 'content-type': 'application/json' }).write('{"model_version"'); // never ends
    await expect(client.predictEvents(EVENTS)).rejects.toMatchObject({ code: 'worker:ml-api-unavailable', message: expect.stringContaining('within 300 ms') });
    client.close();
    const gone = new MlClient('http://127.0.0.1:1', 300);
    await expect(gone.predictEvents(EVENTS)).rejects.toBeInstanceOf(MlApiUnavailableError);
    await expect(gone.model()).resolves.toBeNull();
  });

  it('sends the token and reads the model description', async () => {
    let auth: string | undefined;
    server.removeAllListeners('request');
    server.on('request', (req, res) => {
      auth = req.headers.authorization;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ version: 'v7' }));
    });
    const client = new MlClient(base, 1000, 's3cret');
    await expect(client.model()).resolves.toEqual({ version: 'v7' });
    expect(auth).toBe('Bearer s3cret');
    client.close();
  });
});
