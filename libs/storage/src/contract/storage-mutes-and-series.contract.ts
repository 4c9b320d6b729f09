import { Mute, ScoredRecord } from '@logad/contracts';
import { StorageInvalidQueryError } from '../errors/storage-invalid-query.error';
import { byMutedAtDesc } from '../json-lines/json-verdict-file';
import { Store } from '../ports/store';
import { T0, dataset, makeRecord } from './storage-contract.data';

/** What `timeSeries` must answer, computed the obvious way. */
function referenceSeries(records: readonly ScoredRecord[], sinceMs: number, untilMs: number, bucketMs: number) {
  const out = [];
  for (let start = sinceMs; start < untilMs; start += bucketMs) {
    const end = Math.min(start + bucketMs, untilMs);
    const inside = records.filter((r) => Date.parse(r.timestamp) >= start && Date.parse(r.timestamp) < end);
    out.push({ start: new Date(start).toISOString(), logs: inside.length, anomalies: inside.filter((r) => r.is_anomaly).length });
  }
  return out;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The time series (written through the sink, read through the queries), as every adapter must
 * answer it; run by `describeStorageContract` with its store factory and a worker's opener.
 */
export function describeTimeSeriesContract(newStore: () => Promise<() => Store>, open: (make: () => Store) => Promise<Store>): void {
  describe('timeSeries', () => {
    const data = [
      ...dataset(130),
      // A second `timestamp` key (in attributes) and a zone offset: the JSON adapter's fast path must not be fooled.
      // Attributes first, so that a JSON line holds the foreign key before the record's own.
      { attributes: { timestamp: '1999-01-01T00:00:00.000Z' }, ...makeRecord('attr-ts', T0 + 12_345, { is_anomaly: true, prediction: -1 }) },
      { attributes: { timestamp: iso(T0 + 1000) }, ...makeRecord('attr-ts-out', T0 - 50_000) },
    ];
    let s: Store;
    beforeEach(async () => {
      s = await open(await newStore());
      for (let i = 0; i < data.length; i += 40) await s.sink.write(data.slice(i, i + 40));
    });

    it('counts records and anomalies per bucket, listing empty buckets, the last one cut at until', async () => {
      for (const [since, until, seconds] of [
        [T0 - 5_000, T0 + 45_000, 10],
        [T0, T0 + 40_000, 7],
        [T0 + 3_000, T0 + 3_500, 1],
        [T0 - 60_000, T0 + 60_000, 60],
        [T0 + 100_000, T0 + 200_000, 50],
      ]) {
        const got = await s.queries.timeSeries({ since: iso(since), until: iso(until), bucketSeconds: seconds });
        expect({ since, seconds, got }).toEqual({ since, seconds, got: referenceSeries(data, since, until, seconds * 1000) });
      }
      for (const src of ['api', 'ünïcødé-svc', 'nowhere']) {
        const got = await s.queries.timeSeries({ since: iso(T0), until: iso(T0 + 40_000), bucketSeconds: 5, source: src });
        expect({ src, got }).toEqual({
          src,
          got: referenceSeries(
            data.filter((r) => r.source === src),
            T0,
            T0 + 40_000,
            5000,
          ),
        });
      }
      const total = await s.queries.timeSeries({ since: iso(T0 - 60_000), until: iso(T0 + 60_000), bucketSeconds: 120 });
      expect(total).toEqual([{ start: iso(T0 - 60_000), logs: data.length, anomalies: data.filter((r) => r.is_anomaly).length }]);
      // A zone offset is the same instant.
      const offset = await s.queries.timeSeries({ since: '2024-03-10T13:00:00+01:00', until: '2024-03-10T13:00:40+01:00' });
      expect(offset).toEqual(referenceSeries(data, T0, T0 + 40_000, 60_000));
    });

    it('defaults to one-minute buckets and rejects bad windows with StorageInvalidQueryError', async () => {
      const got = await s.queries.timeSeries({ since: iso(T0), until: iso(T0 + 180_000) });
      expect(got.map((b) => b.start)).toEqual([iso(T0), iso(T0 + 60_000), iso(T0 + 120_000)]);
      const bad = [
        { since: iso(T0) } as never,
        { until: iso(T0) } as never,
        { since: iso(T0), until: iso(T0) },
        { since: iso(T0 + 1), until: iso(T0) },
        { since: 'yesterday', until: iso(T0) },
        { since: iso(T0), until: iso(T0 + 60_000), bucketSeconds: 0 },
        { since: iso(T0), until: iso(T0 + 60_000), bucketSeconds: 1.5 },
        { since: iso(T0), until: iso(T0 + 60_000), bucketSeconds: 86_401 },
        { since: iso(T0), until: iso(T0 + 1001_000), bucketSeconds: 1 },
      ];
      for (const q of bad) await expect(s.queries.timeSeries(q)).rejects.toBeInstanceOf(StorageInvalidQueryError);
      await expect(s.queries.timeSeries({ since: iso(T0), until: iso(T0 + 1000_000), bucketSeconds: 1 })).resolves.toHaveLength(1000);
    });
  });
}

/**
 * The muted templates (the feedback port's mute helpers), as every adapter must keep them; run by
 * `describeStorageContract` with its store factory and a reader's opener (no sink).
 */
export function describeMutesContract(newStore: () => Promise<() => Store>, open: (make: () => Store) => Promise<Store>): void {
  describe('muted templates', () => {
    it('mutes, lists most recently muted first, replaces a re-mute, and unmutes, across instances', async () => {
      const make = await newStore();
      const s = await open(make);
      expect(await s.feedback.listMutes()).toEqual([]);
      const before = Date.now();
      const a = await s.feedback.muteTemplate(7, 'Connection reset by peer <*>', 'flaky LB, ticket OPS-12');
      expect(a).toEqual({ template_id: 7, template: 'Connection reset by peer <*>', note: 'flaky LB, ticket OPS-12', muted_at: expect.any(String) });
      expect(Date.parse(a.muted_at)).toBeGreaterThanOrEqual(before - 1);
      expect(Date.parse(a.muted_at)).toBeLessThanOrEqual(Date.now() + 1);
      expect(new Date(Date.parse(a.muted_at)).toISOString()).toBe(a.muted_at);
      const b = await s.feedback.muteTemplate(-3, 'ünïcødé "quoted" \\ 😀 <*>\nsecond line');
      const c = await s.feedback.muteTemplate(2 ** 31 - 1, 'max id', '   ');
      expect(b.note).toBeNull();
      expect(c.note).toBeNull();
      const expected = [a, b, c].sort(byMutedAtDesc);
      expect(await s.feedback.listMutes()).toEqual(expected);

      // Another instance (a worker, a reopened process) sees the same mutes; a re-mute replaces.
      const other = await open(make);
      expect(await other.feedback.listMutes()).toEqual(expected);
      await new Promise((r) => setTimeout(r, 5));
      const again = await other.feedback.muteTemplate(7, 'Connection reset by peer <*> (v2)', 'still flaky');
      expect(Date.parse(again.muted_at)).toBeGreaterThan(Date.parse(a.muted_at));
      const afterRemute = await s.feedback.listMutes();
      expect(afterRemute).toHaveLength(3);
      expect(afterRemute[0]).toEqual(again);

      expect(await s.feedback.unmuteTemplate(7)).toBe(true);
      expect(await s.feedback.unmuteTemplate(7)).toBe(false);
      expect(await s.feedback.unmuteTemplate(12345)).toBe(false);
      expect(await other.feedback.listMutes()).toEqual([b, c].sort(byMutedAtDesc));
    });

    it('keeps every one of many concurrent mutes', async () => {
      const s = await open(await newStore());
      const done = await Promise.all(Array.from({ length: 25 }, (_, i) => s.feedback.muteTemplate(i, `template ${i} <*>`, `note ${i}`)));
      const listed = await s.feedback.listMutes();
      expect(listed).toEqual([...done].sort(byMutedAtDesc));
      expect(new Set(listed.map((m: Mute) => m.template_id)).size).toBe(25);
    });

    it('rejects bad arguments with StorageInvalidQueryError and stores nothing', async () => {
      const s = await open(await newStore());
      const bad: Array<() => Promise<unknown>> = [
        () => s.feedback.muteTemplate(1.5, 'x'),
        () => s.feedback.muteTemplate(2 ** 31, 'x'),
        () => s.feedback.muteTemplate(Number.NaN, 'x'),
        () => s.feedback.muteTemplate('1' as never, 'x'),
        () => s.feedback.muteTemplate(1, ''),
        () => s.feedback.muteTemplate(1, 'a\u0000b'),
        () => s.feedback.muteTemplate(1, 'x'.repeat(65537)),
        () => s.feedback.muteTemplate(1, 'x', 'n'.repeat(1001)),
        () => s.feedback.muteTemplate(1, 'x', 42 as never),
        () => s.feedback.unmuteTemplate(0.5),
      ];
      for (const call of bad) await expect(call()).rejects.toBeInstanceOf(StorageInvalidQueryError);
      expect(await s.feedback.listMutes()).toEqual([]);
    });
  });
}
