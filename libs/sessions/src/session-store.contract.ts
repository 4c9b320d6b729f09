import { SessionLine, SessionStore } from './session-store';

/** What every SessionStore must do; each adapter's spec runs it. */
export function describeSessionStoreContract(
  adapter: string,
  make: () => Promise<SessionStore>,
  cleanup: (s: SessionStore) => Promise<void> = async () => undefined,
): void {
  describe(`SessionStore contract: ${adapter}`, () => {
    let store: SessionStore;
    beforeEach(async () => {
      store = await make();
    });
    afterEach(async () => {
      await cleanup(store);
      await store.close();
    });
    const line = (id: string, at: number, message = `m ${id}`): SessionLine => ({ id, message, level: 'INFO', at });

    it('gathers the lines of a key in order and hands the session out once it is idle', async () => {
      await store.append([
        { key: 'blk_1', line: line('a', 1000) },
        { key: 'blk_2', line: line('x', 1000) },
      ]);
      await store.append([{ key: 'blk_1', line: line('b', 5000) }]);
      expect(await store.openCount()).toBe(2);
      const first = await store.claim(2000, 100);
      expect(first).toEqual([{ key: 'blk_2', lines: [line('x', 1000)], closedBy: 'idle' }]);
      const second = await store.claim(6000, 100);
      expect(second).toEqual([{ key: 'blk_1', lines: [line('a', 1000), line('b', 5000)], closedBy: 'idle' }]);
      expect(await store.claim(1e15, 100)).toEqual([]);
      expect(await store.openCount()).toBe(0);
    });

    it('closes an ended session at the next claim, however recent', async () => {
      await store.append([{ key: 'job-7', line: line('a', 10_000) }]);
      await store.end(['job-7', 'never-opened']);
      expect(await store.claim(0, 100)).toEqual([{ key: 'job-7', lines: [line('a', 10_000)], closedBy: 'end-line' }]);
      expect(await store.claim(1e15, 100)).toEqual([]);
    });

    it('hands each session to exactly one of many concurrent claimers, and respects the limit', async () => {
      await store.append(Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, line: line(`l${i}`, 1) })));
      const limited = await store.claim(10, 5);
      expect(limited).toHaveLength(5);
      const rounds = await Promise.all(Array.from({ length: 6 }, () => store.claim(10, 100)));
      const keys = [...limited, ...rounds.flat()].map((s) => s.key);
      expect(keys).toHaveLength(50);
      expect(new Set(keys).size).toBe(50);
    });
  });
}
