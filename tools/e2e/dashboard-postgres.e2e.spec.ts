// The dashboard's Confirm over the whole pipeline on PostgreSQL (STORAGE_URL for the workers and
// ingest-api; TEST_DATABASE_URL's server, a database of its own), in Debian's headless Chromium:
// the verdict given in the page lands in PostgreSQL, the workers act on it, and it is withdrawn.
import { ScoredRecord, TemplateFeedback, TemplateStat } from '@logad/contracts';
import { PostgresStore } from '@logad/storage';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { Client } from 'pg';
import { Browser, Page, chromium } from 'playwright-core';
import { RunningSystem, startSystem } from './system';

jest.setTimeout(90_000);

const CHROMIUM = '/usr/bin/chromium';
const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`dashboard (PostgreSQL) e2e SKIPPED: ${CHROMIUM} is absent (apt-get install -y chromium)`);
const describeWithBrowser = hasChromium ? describe : describe.skip;

describeWithBrowser('dashboard on PostgreSQL (e2e, headless Chromium): Confirm end to end', () => {
  const db = `logad_e2e_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const dbUrl = (() => {
    const u = new URL(adminUrl);
    u.pathname = `/${db}`;
    return u.toString();
  })();
  const admin = async (sql: string) => {
    const c = new Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(sql);
    await c.end();
  };
  let sys: RunningSystem;
  let store: PostgresStore;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await admin(`CREATE DATABASE ${db}`);
    sys = await startSystem({ workerEnv: { STORAGE_URL: dbUrl }, ingestEnv: { STORAGE_URL: dbUrl } });
    store = new PostgresStore({ url: dbUrl });
    await store.connect();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    page.on('pageerror', (err) => pageErrors.push(err.message));
  });

  afterAll(async () => {
    await browser?.close();
    await store?.close();
    await sys?.stop();
    await admin(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  });

  async function until(check: () => Promise<boolean>, ms: number): Promise<void> {
    const end = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > end) throw new Error(`condition not met within ${ms} ms`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  async function post(message: string): Promise<string> {
    const res = await fetch(sys.logsUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message, source: 'payments', level: 'WARN' }),
    });
    expect(res.status).toBe(202);
    return ((await res.json()) as { ids: string[] }).ids[0];
  }
  async function stored(id: string): Promise<ScoredRecord> {
    let r: ScoredRecord | undefined;
    await until(async () => {
      r = (await store.queries.around(id, 0, 0))[0];
      return r !== undefined;
    }, 20_000);
    return r!;
  }

  it('confirms a template in the page, stores it in PostgreSQL, the workers flag its next line, and withdraws it', async () => {
    await stored(await post('Slow query on table sessions: 1125ms'));
    await page.goto(`${sys.base}/dashboard/`);
    await page.locator('#status[data-state="live"]').waitFor({ timeout: 20_000 });
    const tpl = (await (await fetch(`${sys.base}/api/v1/templates?source=payments`)).json()) as TemplateStat[];
    const slow = tpl.find((t) => t.template.startsWith('Slow query'))!;
    const row = page.locator(`#top-rows tr[data-template-id="${slow.template_id}"]`);
    await row.waitFor({ timeout: 10_000 });

    await row.locator('button.btn-confirm').click();
    await page.fill('#verdict-note', 'INC-5 on PostgreSQL');
    await page.click('#verdict-submit');
    await row.locator('.tag-confirmed').waitFor({ timeout: 10_000 });
    expect(await store.feedback.listFeedback()).toEqual<TemplateFeedback[]>([
      { template_id: slow.template_id, verdict: 'confirm', template: slow.template, note: 'INC-5 on PostgreSQL', at: expect.any(String) },
    ]);

    let flagged: ScoredRecord | undefined;
    await until(async () => {
      flagged = await stored(await post('Slow query on table sessions: 3300ms'));
      return flagged.is_anomaly && /operator confirmed/.test(flagged.reason ?? '');
    }, 20_000);
    await page.locator(`#anomaly-rows tr[data-id="${flagged!.id}"].is-confirmed`).waitFor({ timeout: 15_000 });

    await page.click(`#confirm-list li[data-template-id="${slow.template_id}"] button`);
    await page.locator('#confirms-empty').waitFor({ state: 'visible', timeout: 10_000 });
    expect(await store.feedback.listFeedback()).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
