import { ScoredRecord } from '@logad/contracts';
import { serializeRecord } from './serialize-record';

/** A record as the worker builds it (LogJobProcessor's toRecord): this key order. */
function workerRecord(extra: Partial<ScoredRecord> = {}): ScoredRecord {
  const { kind, reason, attributes, request_id, ...rest } = extra;
  return {
    id: 'r-1',
    timestamp: '2024-01-01T00:00:00.000Z',
    source: 'api',
    level: 'INFO',
    message: 'GET /items 200',
    anomaly_score: 0.125,
    is_anomaly: false,
    prediction: 1,
    score: 12.5,
    model_version: 'v1',
    template: 'GET <*> <*>',
    template_id: 42,
    ...(kind ? { kind } : {}),
    ...(reason ? { reason } : {}),
    ...(attributes ? { attributes } : {}),
    ...(request_id ? { request_id } : {}),
    received_at: 1_700_000_000_000,
    stored_at: 1_700_000_000_100,
    ...rest,
  };
}

describe('serializeRecord', () => {
  it('writes what JSON.stringify writes for the records the worker builds', () => {
    const records = [
      workerRecord(),
      workerRecord({ is_anomaly: true, prediction: -1, kind: 'rare-template', reason: '412 lines in 1 min, usually 3 ± 2' }),
      workerRecord({ attributes: { user: { id: 7, tags: ['a', 'b'] }, when: new Date(0) }, request_id: 'req-9' }),
      workerRecord({ source: null, level: null }),
      workerRecord({ message: 'line\nbreak "quoted" \\ tab\t \u0001 \u2028 é 日本 😀', source: 'sp"ace\n', template: 'a\u0000b' }),
      workerRecord({ anomaly_score: NaN, score: Infinity }),
      workerRecord({ anomaly_score: -0, score: 1e-7, template_id: 2 ** 40 }),
      { ...workerRecord(), muted: true },
    ];
    for (const r of records) {
      expect(serializeRecord(r)).toBe(JSON.stringify(r));
      expect(serializeRecord(r)).toBe(JSON.stringify(r)); // again, from the remembered strings
    }
  });

  it('escapes every UTF-16 code unit as JSON.stringify does', () => {
    let differing = 0;
    for (let c = 0; c < 0x10000; c++) {
      const text = `a${String.fromCharCode(c)}b`;
      const r = workerRecord({ id: text, message: text });
      if (serializeRecord(r) !== JSON.stringify(r)) differing++;
    }
    expect(differing).toBe(0);
  });

  it('writes records without the optional fields', () => {
    const r: ScoredRecord = {
      id: 'x',
      timestamp: 't',
      source: 's',
      level: 'WARN',
      message: 'm',
      anomaly_score: 1,
      is_anomaly: false,
      prediction: 1,
      model_version: 'v',
      received_at: 1,
      stored_at: 2,
    };
    expect(serializeRecord(r)).toBe(JSON.stringify(r));
  });

  it('puts the id first and keeps unknown fields and fields set to undefined as JSON.stringify does', () => {
    const withExtra = { ...workerRecord(), extra: 'kept' } as ScoredRecord;
    expect(serializeRecord(withExtra)).toBe(JSON.stringify(withExtra));
    const withUndefined = { ...workerRecord(), reason: undefined };
    expect(serializeRecord(withUndefined)).toBe(JSON.stringify(withUndefined));
    const idLast = { ...workerRecord({ id: undefined as unknown as string }), extra: 1, id: 'late' } as ScoredRecord;
    const line = serializeRecord(idLast);
    expect(line.startsWith('{"id":"late",')).toBe(true);
    expect(JSON.parse(line)).toEqual(JSON.parse(JSON.stringify(idLast)));
  });

  it('stores a record built in another key order with the same fields and values, id first', () => {
    const w = workerRecord();
    const reordered = { stored_at: w.stored_at, ...w } as ScoredRecord;
    const line = serializeRecord(reordered);
    expect(line).toBe(JSON.stringify(w));
    expect(JSON.parse(line)).toEqual(reordered);
  });
});
