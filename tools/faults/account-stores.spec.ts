import { StoredLine, accountStores } from './account-stores';

const rec = (id: string, file: 'normal' | 'anomalous' = 'normal', isAnomaly = file === 'anomalous'): StoredLine => ({ kind: 'record', id, file, isAnomaly });

describe('accountStores', () => {
  it('passes when every accepted id is stored once', () => {
    const a = accountStores({
      sent: ['a', 'b', 'c'],
      accepted: new Set(['a', 'b', 'c']),
      ambiguous: new Set(),
      lines: [rec('a'), rec('b', 'anomalous'), rec('c')],
    });
    expect(a).toMatchObject({ sent: 3, accepted: 3, stored: 3, storedLines: 3, lost: 0, duplicated: 0, normalLines: 2, anomalousLines: 1, ok: true });
  });

  it('counts an accepted id in neither file as lost, and a torn line does not store its id', () => {
    const a = accountStores({
      sent: ['a', 'b'],
      accepted: new Set(['a', 'b']),
      ambiguous: new Set(),
      lines: [rec('a'), { kind: 'torn', file: 'normal', idPrefix: 'b' }],
    });
    expect(a.lost).toBe(1);
    expect(a.samples.lost).toEqual(['b']);
    expect(a.tornLines).toBe(1);
    expect(a.samples.torn).toEqual(['normal: b']);
    expect(a.ok).toBe(false);
  });

  it('counts duplicates within one file and across both files', () => {
    const a = accountStores({
      sent: ['a', 'b'],
      accepted: new Set(['a', 'b']),
      ambiguous: new Set(),
      lines: [rec('a'), rec('a'), rec('b'), rec('b', 'anomalous'), rec('b')],
    });
    expect(a).toMatchObject({ stored: 2, storedLines: 5, duplicated: 2, extraCopies: 3, lost: 0, ok: false });
    expect(a.samples.duplicated).toEqual(['a ×2', 'b ×3']);
  });

  it('allows a stored id without a 202 only when its answer was lost', () => {
    const a = accountStores({ sent: ['a', 'b', 'c'], accepted: new Set(['a']), ambiguous: new Set(['b']), lines: [rec('a'), rec('b'), rec('c')] });
    expect(a).toMatchObject({ storedNotAccepted: 2, storedNotAcceptedExplained: 1, storedNotAcceptedUnexplained: 1, ok: false });
    expect(a.samples.unexplained).toEqual(['c']);
    const fine = accountStores({ sent: ['a', 'b'], accepted: new Set(['a']), ambiguous: new Set(['b']), lines: [rec('a'), rec('b')] });
    expect(fine.ok).toBe(true);
  });

  it('flags ids this run never sent, and records in the wrong file', () => {
    const a = accountStores({ sent: ['a'], accepted: new Set(['a', 'z']), ambiguous: new Set(), lines: [rec('a', 'normal', true), rec('x')] });
    expect(a).toMatchObject({ foreign: 1, acceptedNotSent: 1, misfiled: 1, lost: 1, ok: false });
    expect(a.samples.foreign).toEqual(['x']);
  });
});
