// The dashboard in a real browser (Debian's Chromium, headless, driven by playwright-core) over
// the whole pipeline on loopback: ingest-api (query API + dashboard) -> Redis (REDIS_URL) ->
// worker -> ml-api -> JSON Lines files, which ingest-api's query API reads back.
import { BaselinesInfo, Mute, Page as ResultPage, ScoredRecord, TemplateFeedback, TemplateStat, derivedTemplateId } from '@logad/contracts';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Browser, Page, chromium } from 'playwright-core';
import { RunningSystem, SEED_ANOMALY, SEED_NORMAL, startSystem } from './system';

jest.setTimeout(90_000);

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = join(__dirname, 'screenshots');
const KEY = 'dashboard-e2e-key-0123';

// Only a missing browser skips, and it says so; anything else that goes wrong fails.
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`dashboard e2e SKIPPED: ${CHROMIUM} is absent (apt-get install -y chromium)`);
const describeWithBrowser = hasChromium ? describe : describe.skip;

describeWithBrowser('dashboard (e2e, headless Chromium): the stream, the lines around an anomaly, mute and confirm, filters, learning', () => {
  let sys: RunningSystem;
  let base: string;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const foreignRequests: string[] = [];

  beforeAll(async () => {
    sys = await startSystem({ ingestEnv: { API_KEYS: KEY } });
    base = sys.base;

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.on('request', (req) => {
      if (!req.url().startsWith(`${base}/`) && !req.url().startsWith('data:')) foreignRequests.push(req.url());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await sys?.stop();
  });

  const headers = { 'content-type': 'application/json', 'x-api-key': KEY };
  async function post(body: unknown): Promise<string[]> {
    const res = await fetch(`${base}/api/v1/logs`, { method: 'POST', headers, body: JSON.stringify(body) });
    expect(res.status).toBe(202);
    return ((await res.json()) as { ids: string[] }).ids;
  }
  async function getJson<T>(path: string): Promise<T> {
    const res = await fetch(`${base}${path}`, { headers });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  }
  async function until(check: () => Promise<boolean>, ms: number): Promise<void> {
    const end = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > end) throw new Error(`condition not met within ${ms} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  /** Polls the query API until every id is stored; returns them by id. */
  async function waitStored(ids: string[], ms = 30_000): Promise<Map<string, ScoredRecord>> {
    const end = Date.now() + ms;
    for (;;) {
      const { items } = await getJson<ResultPage<ScoredRecord>>('/api/v1/records?kind=all&limit=1000');
      const byId = new Map(items.map((r) => [r.id, r]));
      if (ids.every((id) => byId.has(id))) return byId;
      if (Date.now() > end) throw new Error(`only ${ids.filter((id) => byId.has(id)).length} of ${ids.length} records stored in ${ms} ms`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  it('asks for the API key once, keeps it, and then shows live data', async () => {
    await page.goto(`${base}/`);
    expect(page.url()).toBe(`${base}/dashboard/`);
    const dialog = page.locator('#key-dialog');
    await dialog.waitFor({ state: 'visible', timeout: 10_000 });
    await expect(page.locator('#key-reason').textContent()).resolves.toMatch(/requires an API key/);
    await page.fill('#key-input', KEY);
    await page.click('#key-dialog button[type=submit]');
    await page.locator('#status[data-state="live"]').waitFor({ timeout: 10_000 });
    // Page-side code is passed as text: this project's TypeScript has no DOM types.
    expect(await page.evaluate<string | null>("localStorage.getItem('logad.apiKey')")).toBe(KEY);

    await page.reload();
    await page.locator('#status[data-state="live"]').waitFor({ timeout: 10_000 });
    expect(await dialog.isVisible()).toBe(false);
    // Every control is labelled, every button has a name.
    const unlabelled = await page.evaluate<string[]>(
      "[...document.querySelectorAll('input, select')].filter((el) => el.type !== 'hidden' && el.labels.length === 0).map((el) => el.id)",
    );
    expect(unlabelled).toEqual([]);
    const nameless = await page.evaluate<number>(
      "[...document.querySelectorAll('button')].filter((b) => !(b.getAttribute('aria-label') || b.textContent.trim())).length",
    );
    expect(nameless).toBe(0);
  });

  it('shows the anomalous seed case in the stream within seconds and never the normal one', async () => {
    const context = await post([
      { message: 'Slow query on table sessions: 1125ms', source: 'payments', level: 'WARN' },
      { message: 'Cache hit for key product:986', source: 'payments', level: 'DEBUG' },
    ]);
    const [normalId] = await post({ message: SEED_NORMAL, source: 'auth-service', level: 'INFO' });
    const stored = await waitStored([...context, normalId]);
    expect(stored.get(normalId)?.is_anomaly).toBe(false);

    const [anomalyId] = await post({ message: SEED_ANOMALY, source: 'payments', level: 'ERROR' });
    const postedAt = Date.now();
    const row = page.locator(`#anomaly-rows tr[data-id="${anomalyId}"]`);
    await row.waitFor({ timeout: 15_000 });
    const seenAfterMs = Date.now() - postedAt;
    expect(seenAfterMs).toBeLessThan(15_000);
    await expect(row.locator('.msg').textContent()).resolves.toBe(SEED_ANOMALY);
    await expect(row.locator('.c-source').textContent()).resolves.toBe('payments');
    await expect(row.locator('.level').textContent()).resolves.toBe('ERROR');
    const score = parseInt((await row.locator('.score').textContent()) ?? '', 10);
    expect(score).toBeGreaterThanOrEqual(50);
    expect(score).toBeLessThanOrEqual(100);
    // The normal one was stored before the anomaly, so this refresh saw it, and left it out.
    expect(await page.locator(`#anomaly-rows tr[data-id="${normalId}"]`).count()).toBe(0);
    expect(await page.locator('#anomaly-rows').textContent()).not.toContain(SEED_NORMAL);
    // The chart counts them.
    await page.click('#filters button[type=submit]');
    // Polled from here: page.waitForFunction evaluates text with eval(), which the page's CSP forbids.
    await until(async () => Number((await page.locator('#kpi-logs').textContent())?.replace(/\D/g, '')) >= 4, 10_000);
    expect(await page.locator('#chart svg rect.anom-bar').count()).toBeGreaterThan(0);
  });

  it('opens the lines around the anomaly from the same source, then mutes its template', async () => {
    const { items } = await getJson<ResultPage<ScoredRecord>>('/api/v1/anomalies?source=payments');
    const anomaly = items.find((r) => r.message === SEED_ANOMALY)!;
    // A template the model never saw has no id of its own: the dashboard derives it from the text.
    expect(anomaly.template).toEqual(expect.any(String));
    const templateId = anomaly.template_id ?? derivedTemplateId(anomaly.template!);

    await page.click(`#anomaly-rows tr[data-id="${anomaly.id}"] .open-context`);
    const target = page.locator('#context-lines li.is-target');
    await target.waitFor({ timeout: 10_000 });
    await expect(target.textContent()).resolves.toContain(SEED_ANOMALY);
    const lines = await page.locator('#context-lines li').allTextContents();
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(lines.some((l) => l.includes('Slow query on table sessions'))).toBe(true);
    expect(lines.some((l) => l.includes(SEED_NORMAL))).toBe(false); // another source
    await mkdir(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-context.png') });

    await page.click('#context-mute');
    await page.locator('#verdict-dialog').waitFor({ state: 'visible' });
    await expect(page.locator('#verdict-submit').textContent()).resolves.toBe('Mute');
    await page.fill('#verdict-note', 'known corruption drill');
    await page.click('#verdict-submit');
    await page.locator('#mute-list li').first().waitFor({ timeout: 10_000 });
    await expect(page.locator('#context-mute').textContent()).resolves.toMatch(/^Unmute (template #\d+|this new template)$/);
    // The id the page computed in JS is the one @logad/contracts derives: the workers match it.
    const mutes = await getJson<Mute[]>('/api/v1/mutes');
    expect(mutes).toEqual([{ template_id: templateId, template: anomaly.template, note: 'known corruption drill', muted_at: expect.any(String) }]);
    await page.click('#context-dialog button.close');
    await expect(page.locator(`#anomaly-rows tr[data-id="${anomaly.id}"]`).getAttribute('class')).resolves.toContain('is-muted');
    await expect(page.locator('#mute-list').textContent()).resolves.toContain(anomaly.template);
    await expect(page.locator('#toast').textContent()).resolves.toMatch(/^Muted /);
    await page.locator('#toast').waitFor({ state: 'hidden', timeout: 10_000 }); // not over the screenshot
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-muted.png'), fullPage: true });
  });

  it('unmutes from the list, and says so when the API fails, recovering once it answers', async () => {
    await page.click('#mute-list button');
    await page.locator('#mutes-empty').waitFor({ state: 'visible', timeout: 10_000 });
    expect(await getJson<Mute[]>('/api/v1/mutes')).toEqual([]);

    await page.route('**/api/v1/stats*', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ statusCode: 503, error: 'Service Unavailable', code: 'storage:query-failed', message: 'the store could not answer' }),
      }),
    );
    await page.click('#filters button[type=submit]');
    await page.locator('#chart-card .card-error').waitFor({ state: 'visible', timeout: 10_000 });
    await expect(page.locator('#chart-card .card-error').textContent()).resolves.toContain('503 storage:query-failed');
    await page.locator('#status[data-state="error"]').waitFor();
    expect(await page.locator('#banner').isVisible()).toBe(true);
    // The other panels still show their data.
    expect(await page.locator('#anomaly-rows tr').count()).toBeGreaterThan(0);

    await page.unroute('**/api/v1/stats*');
    await page.click('#filters button[type=submit]');
    await page.locator('#status[data-state="live"]').waitFor({ timeout: 10_000 });
    expect(await page.locator('#chart-card .card-error').isVisible()).toBe(false);
    expect(await page.locator('#banner').isVisible()).toBe(false);
  });
  /** Sets the filter form's fields and applies them (a full refresh of every panel). */
  async function applyFilters(f: { source?: string; kind?: string }): Promise<void> {
    if (f.source !== undefined) await page.fill('#f-source', f.source);
    if (f.kind !== undefined) await page.selectOption('#f-kind', f.kind);
    await page.click('#filters button[type=submit]');
  }
  const text = async (sel: string) => (await page.locator(sel).textContent()) ?? '';

  it('confirms a template from the templates panel: the API has it, the workers alert on its lines, and it is withdrawn', async () => {
    const slow = (await getJson<Array<TemplateStat & { confirmed: boolean }>>('/api/v1/templates?source=payments')).find((t) =>
      t.template.startsWith('Slow query'),
    );
    expect(slow).toBeDefined();
    const tid = slow!.template_id;
    await applyFilters({});
    const row = page.locator(`#top-rows tr[data-template-id="${tid}"]`);
    await row.waitFor({ timeout: 10_000 });
    await row.locator('button.btn-confirm').click();
    await page.locator('#verdict-dialog').waitFor({ state: 'visible' });
    await expect(text('#verdict-title')).resolves.toMatch(/^Confirm (template #\d+|this new template) as an incident$/);
    await page.fill('#verdict-note', 'INC-42 slow database');
    await page.click('#verdict-submit');
    await page.locator(`#confirm-list li[data-template-id="${tid}"]`).waitFor({ timeout: 10_000 });
    expect(await getJson<TemplateFeedback[]>('/api/v1/feedback')).toEqual([
      { template_id: tid, verdict: 'confirm', template: slow!.template, note: 'INC-42 slow database', at: expect.any(String) },
    ]);
    expect(
      (await getJson<Array<TemplateStat & { confirmed: boolean }>>('/api/v1/templates?source=payments')).find((t) => t.template_id === tid)?.confirmed,
    ).toBe(true);
    await expect(row.locator('.tag-confirmed').textContent()).resolves.toBe('confirmed');
    await expect(row.locator('button[aria-pressed="true"]').textContent()).resolves.toBe('Withdraw');
    expect(await row.locator('button.btn-mute').count()).toBe(0); // one verdict per template
    await expect(text('#toast')).resolves.toMatch(/^Confirmed /);

    // The workers pick the verdict up within seconds: a new line of it is stored as an anomaly, saying why.
    let confirmedId = '';
    await until(async () => {
      const [id] = await post({ message: 'Slow query on table sessions: 2210ms', source: 'payments', level: 'WARN' });
      const stored = (await waitStored([id])).get(id)!;
      confirmedId = id;
      return stored.is_anomaly && /operator confirmed/.test(stored.reason ?? '');
    }, 20_000);
    const line = page.locator(`#anomaly-rows tr[data-id="${confirmedId}"]`);
    await line.waitFor({ timeout: 15_000 });
    await expect(line.locator('.c-reason').textContent()).resolves.toBe('An operator confirmed this template as an incident (INC-42 slow database).');
    await expect(line.getAttribute('class')).resolves.toContain('is-confirmed');
    await expect(line.locator('.tag-confirmed').textContent()).resolves.toBe('confirmed');

    await page.click(`#confirm-list li[data-template-id="${tid}"] button`);
    await page.locator('#confirms-empty').waitFor({ state: 'visible', timeout: 10_000 });
    expect(await getJson<TemplateFeedback[]>('/api/v1/feedback')).toEqual([]);
    await expect(row.locator('button.btn-confirm').textContent()).resolves.toBe('Confirm');
    expect(await line.locator('.tag-confirmed').count()).toBe(0);
  });

  it('confirms an anomaly from the lines around it (through its record), shows the verdict there, and withdraws it', async () => {
    const { items } = await getJson<ResultPage<ScoredRecord>>('/api/v1/anomalies?source=payments');
    const anomaly = items.find((r) => r.message === SEED_ANOMALY)!;
    const tid = anomaly.template_id ?? derivedTemplateId(anomaly.template!);
    await page.click(`#anomaly-rows tr[data-id="${anomaly.id}"] .open-context`);
    await page.locator('#context-lines li.is-target').waitFor({ timeout: 10_000 });
    expect(await page.locator('#context-verdict').isVisible()).toBe(false);
    await expect(text('#context-confirm')).resolves.toBe('Confirm as incident');
    await page.click('#context-confirm');
    await page.locator('#verdict-dialog').waitFor({ state: 'visible' });
    await page.fill('#verdict-note', 'real corruption');
    await page.click('#verdict-submit');
    await page.locator('#context-verdict').waitFor({ state: 'visible', timeout: 10_000 });
    await expect(text('#context-verdict')).resolves.toBe('Confirmed as an incident: its lines are anomalies and alert (real corruption).');
    await expect(text('#context-confirm')).resolves.toBe('Withdraw confirmation');
    expect(await getJson<TemplateFeedback[]>('/api/v1/feedback')).toEqual([
      { template_id: tid, verdict: 'confirm', template: anomaly.template, note: 'real corruption', at: expect.any(String) },
    ]);
    await page.click('#context-confirm');
    await page.locator('#context-verdict').waitFor({ state: 'hidden', timeout: 10_000 });
    expect(await getJson<TemplateFeedback[]>('/api/v1/feedback')).toEqual([]);
    await page.click('#context-dialog button.close');
  });

  it('lists kind, score and reason, and filters the anomalies by kind', async () => {
    const { items } = await getJson<ResultPage<ScoredRecord>>('/api/v1/anomalies?source=payments');
    const anomaly = items.find((r) => r.message === SEED_ANOMALY)!;
    expect(anomaly.kind).toEqual(expect.any(String));
    expect(anomaly.reason).toEqual(expect.any(String));
    const row = page.locator(`#anomaly-rows tr[data-id="${anomaly.id}"]`);
    const label = { new_pattern: 'new pattern', surge: 'surge', rare: 'rare line', session: 'session' }[anomaly.kind!];
    await expect(row.locator('.c-kind').textContent()).resolves.toBe(label);
    await expect(row.locator('.c-reason').textContent()).resolves.toBe(anomaly.reason);

    const ofKind = (await getJson<ResultPage<ScoredRecord>>(`/api/v1/anomalies?kind=${anomaly.kind}&limit=50`)).items.map((r) => r.id);
    const all = (await getJson<ResultPage<ScoredRecord>>('/api/v1/anomalies?limit=50')).items;
    expect(ofKind).toEqual(all.filter((r) => r.kind === anomaly.kind).map((r) => r.id));
    await applyFilters({ kind: anomaly.kind });
    const shown = () => page.locator('#anomaly-rows tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')));
    await until(async () => JSON.stringify(await shown()) === JSON.stringify(ofKind), 10_000);
    expect(new Set(await page.locator('#anomaly-rows .c-kind').allTextContents())).toEqual(new Set([label]));
    expect(page.url()).toContain(`kind=${anomaly.kind}`);
    await until(async () => (await text('#stream-meta')).includes(` · ${label} · `), 10_000);

    // No session anomaly here: the empty list says plainly that new sources are learnt first.
    expect((await getJson<ResultPage<ScoredRecord>>('/api/v1/anomalies?kind=session')).items).toEqual([]);
    await applyFilters({ kind: 'session' });
    await page.locator('#stream-empty').waitFor({ state: 'visible', timeout: 10_000 });
    await expect(text('#stream-empty')).resolves.toMatch(/first minutes of each new source \(10 minutes\) are a learning period/);
    await applyFilters({ kind: '' });
    await until(async () => (await shown()).length === all.length, 10_000);
    expect(page.url()).not.toContain('kind=');
  });

  it('applies the source filter to the counters, the chart and the templates', async () => {
    const everything = await getJson<{ totals: { logs: number } }>('/api/v1/stats');
    const auth = await getJson<{ totals: { logs: number } }>('/api/v1/stats?source=auth-service');
    expect(auth.totals.logs).toBeGreaterThan(0);
    expect(auth.totals.logs).toBeLessThan(everything.totals.logs);
    const kpi = async () => Number((await text('#kpi-logs')).replace(/\D/g, ''));
    await until(async () => (await kpi()) === everything.totals.logs, 10_000);

    await applyFilters({ source: 'auth-service' });
    await until(async () => (await kpi()) === auth.totals.logs, 10_000);
    const authTemplates = (await getJson<TemplateStat[]>('/api/v1/templates?source=auth-service&limit=10')).map((t) => String(t.template_id));
    const topIds = () => page.locator('#top-rows tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-template-id')));
    await until(async () => JSON.stringify(await topIds()) === JSON.stringify(authTemplates), 10_000);
    await expect(text('#top-meta')).resolves.toContain('source auth-service');
    expect(await page.locator('#top-rows').textContent()).not.toContain('Slow query');
    expect(await page.locator('#chart svg').count()).toBe(1);

    await applyFilters({ source: '' });
    await until(async () => (await kpi()) === everything.totals.logs || (await kpi()) > auth.totals.logs, 10_000);
  });

  it('says which sources are still learning once a new source sends logs, and nothing once all are learnt', async () => {
    const before = await getJson<BaselinesInfo>('/api/v1/baselines');
    expect(before.sources.length).toBeGreaterThan(0);
    expect(before.sources.filter((s) => s.learning)).toEqual([]); // the trained sources
    await applyFilters({});
    await until(async () => (await page.locator('#learning').isHidden()) === true, 10_000);

    const source = `checkout-${Date.now().toString(36)}`;
    const ids = await post(
      ['Order 1001 placed by user 7', 'Order 1002 placed by user 9', 'Payment captured for order 1001'].map((message) => ({ message, source, level: 'INFO' })),
    );
    const stored = await waitStored(ids);
    expect(ids.filter((id) => stored.get(id)!.is_anomaly)).toEqual([]); // learnt, not alerted on
    const after = await getJson<BaselinesInfo>('/api/v1/baselines');
    const fresh = after.sources.find((s) => s.source === source);
    expect(fresh).toMatchObject({ learning: true, learning_ends_at: expect.any(String) });

    await applyFilters({});
    await page.locator('#learning').waitFor({ state: 'visible', timeout: 10_000 });
    const banner = await text('#learning');
    expect(banner).toMatch(/^Learning: 1 source, first alerts after \d{1,2}:\d{2}/);
    expect(banner).toContain(source);
    // The source is offered in the filter's suggestions.
    expect(await page.locator(`#sources option[value="${source}"]`).count()).toBe(1);
    // Filtered to a learnt source, the banner has nothing to say.
    await applyFilters({ source: 'payments' });
    await until(async () => (await page.locator('#learning').isHidden()) === true, 10_000);
    await applyFilters({ source: '' });
    await page.locator('#learning').waitFor({ state: 'visible', timeout: 10_000 });

    // The page as a user sees it: kinds and reasons, a confirmed incident, the learning banner.
    const { items } = await getJson<ResultPage<ScoredRecord>>('/api/v1/anomalies?source=payments');
    const anomaly = items.find((r) => r.message === SEED_ANOMALY)!;
    const res = await fetch(`${base}/api/v1/records/${anomaly.id}/confirm`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ note: 'INC-7 checksum errors' }),
    });
    expect(res.status).toBe(200);
    await applyFilters({});
    await page.locator('#confirm-list li').first().waitFor({ timeout: 10_000 });
    await page.locator('#toast').waitFor({ state: 'hidden', timeout: 10_000 });
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard.png'), fullPage: true });
  });

  it('raised no script error and asked nothing of another origin', () => {
    expect(pageErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });
});
