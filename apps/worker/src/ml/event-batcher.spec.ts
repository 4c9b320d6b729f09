// EventBatcher over real HTTP on loopback: a small server scores each event by its message and
// counts the calls; jobs that run at once must share calls and still get their own answers.
import { answerJson, startLoopbackMlApi, type LoopbackMlApi } from '../../test/loopback-ml-api';
import { EventBatcher } from './event-batcher';
import { MlClient } from './ml-client';

const event = (message: string) => ({ message, level: 'INFO', source: 'svc' });

describe('EventBatcher', () => {
  let server: LoopbackMlApi;
  let calls: string[][];
  let client: MlClient;

  beforeAll(async () => {
    server = await startLoopbackMlApi((body, res) => {
      const messages = (body as { events: Array<{ message: string }> }).events.map((e) => e.message);
      calls.push(messages);
      // A message 'bad' makes the whole call unscorable (400), as a contract bug would.
      if (messages.includes('bad')) return void res.writeHead(400).end('bad event');
      const templates = [...new Set(messages)].map((m, i) => [i, `tpl ${m}`]);
      const results = messages.map((m) => ({ t: templates.findIndex(([, t]) => t === `tpl ${m}`), is_anomaly: false, anomaly_score: 0.5, score: m.length }));
      answerJson(res, { model_version: 'v1', lean: true, templates, results });
    });
    client = new MlClient(server.url, 2000);
  });
  beforeEach(() => (calls = []));
  afterAll(() => {
    client.close();
    return server.close();
  });

  /** What a caller reads of its answer: each event's template and score. */
  const read = (a: Awaited<ReturnType<EventBatcher['score']>>) => a.results.map((r) => [a.templates[r.t][1], r.score]);

  it('scores jobs that come together in one call, each getting the answer to its own events', async () => {
    const batcher = new EventBatcher(client, 10, 20);
    const [a, b] = await Promise.all([batcher.score([event('a'), event('bb')]), batcher.score([event('ccc'), event('a')])]);
    expect(calls).toEqual([['a', 'bb', 'ccc', 'a']]);
    expect(read(a)).toEqual([
      ['tpl a', 1],
      ['tpl bb', 2],
    ]);
    expect(read(b)).toEqual([
      ['tpl ccc', 3],
      ['tpl a', 1],
    ]);
  });

  it('never sends more than maxEvents in one call, and a full call goes without waiting', async () => {
    const batcher = new EventBatcher(client, 3, 60_000);
    const started = Date.now();
    await Promise.all([
      batcher.score([event('1'), event('2')]),
      batcher.score([event('3'), event('4')]),
      batcher.score([event('5')]),
      batcher.score([event('6'), event('7'), event('8')]),
    ]);
    expect(calls).toEqual([
      ['1', '2'],
      ['3', '4', '5'],
      ['6', '7', '8'],
    ]);
    expect(Date.now() - started).toBeLessThan(60_000);
  });

  it('fails for good only the job whose events ml-api refuses, not the ones that shared its call', async () => {
    const batcher = new EventBatcher(client, 10, 20);
    const [good, bad] = await Promise.allSettled([batcher.score([event('ok')]), batcher.score([event('bad')])]);
    expect(good).toMatchObject({ status: 'fulfilled' });
    expect(bad).toMatchObject({ status: 'rejected', reason: { name: 'UnrecoverableError' } });
    expect(calls).toEqual([['ok', 'bad'], ['ok'], ['bad']]);
  });
});
