import { loadWorkerConfig } from './worker.config';

describe('loadWorkerConfig: alerts', () => {
  it('takes the Alertmanager format with its base URL, the resolve time and the public URL', () => {
    const c = loadWorkerConfig({
      ALERT_WEBHOOK_URL: 'http://alertmanager:9093',
      ALERT_WEBHOOK_FORMAT: 'alertmanager',
      ALERT_RESOLVE_AFTER_MS: '600000',
      PUBLIC_URL: 'https://logad.example.com',
    });
    expect(c).toMatchObject({ alertWebhookFormat: 'alertmanager', alertResolveAfterMs: 600_000, publicUrl: 'https://logad.example.com' });
  });

  it('defaults to JSON, a 5 min resolve time and no link', () => {
    expect(loadWorkerConfig({})).toMatchObject({ alertWebhookFormat: 'json', alertResolveAfterMs: 300_000, publicUrl: undefined });
  });

  it('refuses an unknown format, a resolve time under 1 s and a PUBLIC_URL that is not http(s), naming each', () => {
    expect(() => loadWorkerConfig({ ALERT_WEBHOOK_FORMAT: 'pagerduty', ALERT_RESOLVE_AFTER_MS: '10', PUBLIC_URL: 'ftp://x' })).toThrow(
      /ALERT_WEBHOOK_FORMAT="pagerduty" must be one of json, slack, alertmanager[\s\S]*ALERT_RESOLVE_AFTER_MS="10" must be an integer ≥ 1000[\s\S]*PUBLIC_URL must be a http: or https: URL/,
    );
  });
});

describe('loadWorkerConfig: Redis through Sentinel', () => {
  it('reads the sentinels and the primary name; none set means REDIS_URL itself', () => {
    expect(loadWorkerConfig({ REDIS_SENTINELS: '10.0.0.5:26379,10.0.0.6:26379', REDIS_SENTINEL_NAME: 'queue' }).redisSentinel).toEqual({
      sentinels: [
        { host: '10.0.0.5', port: 26379 },
        { host: '10.0.0.6', port: 26379 },
      ],
      name: 'queue',
    });
    expect(loadWorkerConfig({}).redisSentinel).toBeUndefined();
  });

  it('refuses a sentinel without a port, naming the variable', () => {
    expect(() => loadWorkerConfig({ REDIS_SENTINELS: '10.0.0.5' })).toThrow(/REDIS_SENTINELS: .*"10\.0\.0\.5"/);
  });
});
