import { RecordQuery, ScoredRecord } from '@logad/contracts';
import { StorageInvalidQueryError } from '../errors/storage-invalid-query.error';
import { Store } from '../ports/store';
import { SOURCES, T0, arrivalReference, dataset, makeRecord, makeSession, newestFirst, referenceTemplateStats } from './storage-contract.data';
import { compareKeys } from '../query/sort-key';
import { describeFeedbackContract } from './storage-feedback.contract';
import { describeMutesContract, describeTimeSeriesContract } from './storage-mutes-and-series.contract';

/**
 * The behaviour every store must show, port by port: what the sink writes the queries read back
 * (this suite and the time series), and the feedback (`describeFeedbackContract`, mutes). `newStore`
 * gives a new, empty store and returns a factory of (unopened) instances over it: several
 * instances of one store are the same data, as a reopened process or a second worker sees it.
 */
export function describeStorageContract(adapter: string, newStore: () => Promise<() => Store>): void {
  describe(`Storage contract: ${adapter}`, () => {
    const opened: Store[] = [];
    /** A worker's instance: the sink open, and the queries connected. */
    async function open(make: () => Store): Promise<Store> {
      const s = make();
      await s.sink.open();
      await s.connect();
      opened.push(s);
      return s;
    }
    /** A reader's instance (the query API, training): connected, the sink never opened. */
    async function connect(make: () => Store): Promise<Store> {
      const s = make();
      await s.connect();
      opened.push(s);
      return s;
    }
    afterEach(async () => {
      await Promise.all(opened.splice(0).map(async (s) => (await s.sink.close(), await s.close())));
    });

    async function all(s: Store, q: RecordQuery = {}): Promise<ScoredRecord[]> {
      const out: ScoredRecord[] = [];
      let cursor: string | undefined;
      do {
        const page = await s.queries.queryRecords({ ...q, limit: 1000, cursor });
        out.push(...page.items);
        cursor = page.next_cursor ?? undefined;
      } while (cursor);
      return out;
    }

    it('declares its capabilities', async () => {
      const c = (await newStore())().capabilities;
      expect(typeof c.queriesNeedConnect).toBe('boolean');
      expect(typeof c.sharedAcrossHosts).toBe('boolean');
      expect(['exact', 'per-file']).toContain(c.arrivalOrder);
    });

    it('stores each record id once: within a batch, across writes, and across reopening', async () => {
      const make = await newStore();
      const s = await open(make);
      const a = makeRecord('a', T0, { message: 'first copy' });
      expect(await s.sink.write([a, { ...a, message: 'second copy' }])).toEqual({ written: 1, duplicates: 1 });
      expect(await s.sink.write([a, makeRecord('b', T0 + 1, { is_anomaly: true, prediction: -1 })])).toEqual({ written: 1, duplicates: 1 });
      expect(await s.sink.write([])).toEqual({ written: 0, duplicates: 0 });
      await s.close();
      const again = await open(make);
      expect(await again.sink.write([a, makeRecord('b', T0 + 1), makeRecord('c', T0 + 2)])).toEqual({ written: 1, duplicates: 2 });
      const stored = await all(again, { kind: 'all' });
      expect(stored.map((r) => r.id)).toEqual(['c', 'b', 'a']);
      expect(stored[2].message).toBe('first copy');
      expect(stored[1].is_anomaly).toBe(true);
    });

    it('stores sessions once per id across reopening, and lists them newest first by ended_at', async () => {
      const make = await newStore();
      const s = await open(make);
      const sessions = Array.from({ length: 9 }, (_, i) => makeSession(`blk_${i}@r-${i}`, T0 + Math.floor(i / 3) * 1000));
      expect(await s.sink.writeSessions([sessions[0], sessions[0], sessions[1]])).toEqual({ written: 2, duplicates: 1 });
      await s.close();
      const again = await open(make);
      expect(await again.sink.writeSessions(sessions)).toEqual({ written: 7, duplicates: 2 });
      const expected = [...sessions].sort((x, y) => compareKeys({ ms: Date.parse(y.ended_at), id: y.id }, { ms: Date.parse(x.ended_at), id: x.id }));
      const seen = [];
      let cursor: string | undefined;
      do {
        const page = await again.queries.querySessions({ limit: 4, cursor });
        expect(page.items.length).toBeLessThanOrEqual(4);
        seen.push(...page.items);
        cursor = page.next_cursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(expected);
      const window = await again.queries.querySessions({ since: new Date(T0 + 1000).toISOString(), until: new Date(T0 + 2000).toISOString() });
      expect(window).toEqual({ items: expected.filter((x) => x.ended_at === new Date(T0 + 1000).toISOString()), next_cursor: null });
    });

    it('keeps newlines, quotes, escapes and any Unicode verbatim, and optional fields absent', async () => {
      const s = await open(await newStore());
      const nasty = 'line1\nline2\r\n\t"quoted" \\ back\\slash \u001b[31mred\u001b[0m \u2028 \u2029 😀 日本語 مرحبا e\u0301 end';
      // No score, template or attributes: they must come back absent, not null.
      const { score: _none, ...bare } = makeRecord('bare', T0 + 2, { source: null, level: null });
      const records: ScoredRecord[] = [
        makeRecord('nasty', T0, { message: nasty, source: 'ünïcødé "svc"', template: 'say "<*>" \\ 😀', template_id: 3, request_id: 'req-1' }),
        makeRecord('attrs', T0 + 1, {
          // NUL and a lone surrogate: PostgreSQL's jsonb refuses both, the adapter must still keep them.
          attributes: { user: 'zoë', nested: { list: [1, 2.5, -3e-7, true, null, 'ok'], empty: {} }, quote: '"\'`', nul: 'a\u0000b', lone: 'x\ud800y' },
        }),
        bare,
      ];
      await s.sink.write(records);
      const stored = await all(s, { kind: 'all' });
      expect(stored).toEqual([...records].sort(newestFirst));
      expect('score' in stored[0]).toBe(false);
      expect('template' in stored[0]).toBe(false);
      expect('attributes' in stored[0]).toBe(false);
      expect('request_id' in stored[0]).toBe(false);
      expect(await s.queries.around('nasty', 0, 0)).toEqual([records[0]]);
      expect((await s.queries.queryRecords({ kind: 'all', source: 'ünïcødé "svc"' })).items).toEqual([records[0]]);
    });

    describe('queries', () => {
      const data = dataset(130);
      const sorted = [...data].sort(newestFirst);
      let s: Store;
      beforeEach(async () => {
        s = await open(await newStore());
        for (let i = 0; i < data.length; i += 25) await s.sink.write(data.slice(i, i + 25));
      });

      it('filter by kind (anomalous by default), window, source, level and template, newest first', async () => {
        const at = (sec: number) => new Date(T0 + sec * 1000).toISOString();
        const cases: Array<[RecordQuery, (r: ScoredRecord) => boolean]> = [
          [{}, (r) => r.is_anomaly],
          [{ kind: 'normal' }, (r) => !r.is_anomaly],
          [{ kind: 'all' }, () => true],
          [{ kind: 'all', since: at(10), until: at(20) }, (r) => r.timestamp >= at(10) && r.timestamp < at(20)],
          [{ kind: 'normal', since: at(35) }, (r) => !r.is_anomaly && r.timestamp >= at(35)],
          [{ until: at(5) }, (r) => r.is_anomaly && r.timestamp < at(5)],
          ...SOURCES.flatMap((x) => (x === null ? [] : [x])).map((src): [RecordQuery, (r: ScoredRecord) => boolean] => [
            { kind: 'all', source: src },
            (r) => r.source === src,
          ]),
          [{ kind: 'all', level: 'ERROR' }, (r) => r.level === 'ERROR'],
          [{ kind: 'anomalous', templateId: 2 }, (r) => r.is_anomaly && r.template_id === 2],
          [{ kind: 'all', source: 'db', level: 'WARN', since: at(3) }, (r) => r.source === 'db' && r.level === 'WARN' && r.timestamp >= at(3)],
          [{ kind: 'all', templateId: 999 }, () => false],
          [{ anomalyKind: 'new_pattern' }, (r) => r.is_anomaly && r.kind === 'new_pattern'],
          [{ kind: 'all', anomalyKind: 'surge', source: 'db' }, (r) => r.kind === 'surge' && r.source === 'db'],
        ];
        for (const [q, keep] of cases) {
          const expected = sorted.filter(keep);
          const page = await s.queries.queryRecords({ ...q, limit: 1000 });
          expect({ q, ids: page.items.map((r) => r.id) }).toEqual({ q, ids: expected.map((r) => r.id) });
          expect(page.items).toEqual(expected);
          expect(page.next_cursor).toBeNull();
        }
        expect(sorted.filter((r) => r.is_anomaly).length).toBeGreaterThan(20);
      });

      it('page with a keyset cursor that neither repeats nor skips, also when records arrive between pages', async () => {
        const first = await s.queries.queryRecords({ kind: 'all' });
        expect(first.items).toEqual(sorted.slice(0, 100));
        expect(first.next_cursor).toEqual(expect.any(String));
        const seen: ScoredRecord[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = await s.queries.queryRecords({ kind: 'all', limit: 7, cursor });
          seen.push(...page.items);
          cursor = page.next_cursor ?? undefined;
          if (++pages === 3) {
            // One newer than everything (must not appear: it sorts before the cursor), one older (must).
            await s.sink.write([makeRecord('late-new', T0 + 60_000), makeRecord('late-old', T0 - 60_000)]);
          }
        } while (cursor);
        expect(seen.map((r) => r.id)).toEqual([...sorted, makeRecord('late-old', T0 - 60_000)].map((r) => r.id));
        expect(pages).toBe(Math.ceil(131 / 7));
      });

      it('reject bad arguments with StorageInvalidQueryError', async () => {
        const bad: Array<() => Promise<unknown>> = [
          () => s.queries.queryRecords({ limit: 0 }),
          () => s.queries.queryRecords({ limit: 1001 }),
          () => s.queries.queryRecords({ limit: 2.5 }),
          () => s.queries.queryRecords({ since: 'yesterday' }),
          () => s.queries.queryRecords({ until: '2024-13-45T00:00:00Z' }),
          () => s.queries.queryRecords({ cursor: 'not-a-cursor' }),
          () => s.queries.queryRecords({ level: 'LOUD' as never }),
          () => s.queries.queryRecords({ kind: 'some' as never }),
          () => s.queries.queryRecords({ templateId: 1.5 }),
          () => s.queries.queryRecords({ anomalyKind: 'weird' as never }),
          () => s.queries.querySessions({ limit: -1 }),
          () => s.queries.templateStats({ newSince: 'soon' }),
          () => s.queries.templateStats({ source: 7 as never }),
          () => s.queries.around('r-0001', -1, 2),
          () => s.queries.around('', 1, 1),
        ];
        for (const call of bad) await expect(call()).rejects.toBeInstanceOf(StorageInvalidQueryError);
      });

      it('count templates by count desc, skipping records without one, over a window', async () => {
        const expected = referenceTemplateStats(data);
        expect(expected.length).toBe(5);
        expect(await s.queries.templateStats({})).toEqual(expected);
        expect(await s.queries.templateStats({ limit: 2 })).toEqual(expected.slice(0, 2));
        const since = T0 + 10_000;
        const until = T0 + 30_000;
        const windowed = referenceTemplateStats(data, since, until);
        expect(await s.queries.templateStats({ since: new Date(since).toISOString(), until: new Date(until).toISOString() })).toEqual(windowed);
        // source: only that source's records count (and name the template).
        for (const src of ['db', 'ünïcødé-svc', 'nowhere']) {
          expect({ src, got: await s.queries.templateStats({ source: src }) }).toEqual({
            src,
            got: referenceTemplateStats(data.filter((r) => r.source === src)),
          });
        }
        // newSince: only templates first seen at or after it (here one added late).
        await s.sink.write([makeRecord('new-tpl', T0 + 50_000, { template_id: 42, template: 'brand <*> new' })]);
        expect(await s.queries.templateStats({ newSince: new Date(T0 + 45_000).toISOString() })).toEqual([
          {
            template_id: 42,
            template: 'brand <*> new',
            count: 1,
            anomalies: 0,
            first_seen: new Date(T0 + 50_000).toISOString(),
            last_seen: new Date(T0 + 50_000).toISOString(),
          },
        ]);
      });

      it('show the lines around a record: same source, both stores, in event time then arrival order', async () => {
        const inOrder = arrivalReference(data, s.capabilities.arrivalOrder);
        for (const target of [sorted[60], sorted[0], sorted[sorted.length - 1], sorted.find((r) => r.source === null)!]) {
          const same = inOrder.filter((r) => r.source === target.source);
          const i = same.findIndex((r) => r.id === target.id);
          for (const [before, after] of [
            [3, 3],
            [0, 5],
            [50, 0],
          ]) {
            const expected = same.slice(Math.max(0, i - before), i + after + 1);
            expect({ target: target.id, before, after, ids: (await s.queries.around(target.id, before, after)).map((r) => r.id) }).toEqual({
              target: target.id,
              before,
              after,
              ids: expected.map((r) => r.id),
            });
            expect(await s.queries.around(target.id, before, after)).toEqual(expected);
          }
        }
        expect(await s.queries.around('no-such-id', 5, 5)).toEqual([]);
        const mixed = await s.queries.around(sorted[60].id, 20, 20);
        expect(new Set(mixed.map((r) => r.is_anomaly)).size).toBe(2);
        const times = mixed.map((r) => Date.parse(r.timestamp));
        expect([...times].sort((a, b) => a - b)).toEqual(times);
      });
    });

    it('orders the lines around a record of one millisecond as they were written, not by id', async () => {
      const make = await newStore();
      const s = await open(make);
      // Ids that sort against the write order, one batch, one timestamp, one source.
      const batch = Array.from({ length: 10 }, (_, i) => makeRecord(`z-${String(9 - i)}-${(i * 7919) % 10}`, T0, { source: 'web', message: `line ${i}` }));
      await s.sink.write([makeRecord('earlier', T0 - 1, { source: 'web' }), ...batch, makeRecord('later', T0 + 1, { source: 'web' })]);
      // A second batch of the same millisecond arrives after the first.
      const next = [makeRecord('a-next-1', T0, { source: 'web' }), makeRecord('a-next-0', T0, { source: 'web' })];
      await s.sink.write(next);
      const ids = ['earlier', ...batch.map((r) => r.id), ...next.map((r) => r.id), 'later'];
      expect((await s.queries.around(batch[4].id, 20, 20)).map((r) => r.id)).toEqual(ids);
      expect((await s.queries.around(batch[4].id, 2, 3)).map((r) => r.id)).toEqual(ids.slice(3, 9));
      expect((await s.queries.around(batch[0].id, 1, 1)).map((r) => r.id)).toEqual(['earlier', batch[0].id, batch[1].id]);
      // A reader that never opened the sink (the query API) sees the same order.
      const reader = await connect(make);
      expect((await reader.queries.around(batch[9].id, 2, 1)).map((r) => r.id)).toEqual(ids.slice(8, 12));
    });

    it('places the anomalies of a write among its normal lines as its capabilities say', async () => {
      const s = await open(await newStore());
      const batch = Array.from({ length: 6 }, (_, i) =>
        makeRecord(`m-${5 - i}`, T0, i === 2 || i === 4 ? { source: 'web', is_anomaly: true, prediction: -1 } : { source: 'web' }),
      );
      await s.sink.write(batch);
      const got = (await s.queries.around('m-3', 10, 10)).map((r) => r.id);
      const expected = arrivalReference(batch, s.capabilities.arrivalOrder).map((r) => r.id);
      expect(got).toEqual(expected);
      // 'exact': as written; 'per-file': the write's normal lines, then its anomalies.
      expect(expected).toEqual(s.capabilities.arrivalOrder === 'exact' ? batch.map((r) => r.id) : ['m-5', 'm-4', 'm-2', 'm-0', 'm-3', 'm-1']);
    });

    describeTimeSeriesContract(newStore, open);
    // Feedback needs no sink: the query API gives it, a worker reads it.
    describeMutesContract(newStore, connect);
    describeFeedbackContract(newStore, connect);
  });
}
