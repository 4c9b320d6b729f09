import { DEFAULT_LOG_LIMITS, IngestAccepted, parseLogs } from '@logad/contracts';
import { randomUUID } from 'node:crypto';
import { acceptedBody } from './accepted-body';

describe('acceptedBody', () => {
  it('is the JSON of IngestAccepted for generated and client ids of every allowed character', () => {
    const r = parseLogs([{ message: 'a' }, { message: 'b', id: 'Az09._:-x' }, { message: 'c' }], DEFAULT_LOG_LIMITS, 0, randomUUID);
    if (!r.ok) throw new Error('fixture is valid');
    const parsed = JSON.parse(acceptedBody(r.logs)) as IngestAccepted;
    expect(parsed).toEqual({ accepted: 3, ids: r.logs.map((l) => l.id) });
    expect(parsed.ids[1]).toBe('Az09._:-x');
    expect(JSON.parse(acceptedBody([]))).toEqual({ accepted: 0, ids: [] });
  });
});
