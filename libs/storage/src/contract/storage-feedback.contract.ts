import { TemplateFeedback } from '@logad/contracts';
import { StorageInvalidQueryError } from '../errors/storage-invalid-query.error';
import { byFeedbackAtDesc } from '../json-lines/json-verdict-file';
import { Store } from '../ports/store';

const tick = () => new Promise((r) => setTimeout(r, 3));

/**
 * Operators' feedback (mute or confirm, one verdict per template), as every adapter must keep it;
 * run by `describeStorageContract` with its store factory and opener.
 */
export function describeFeedbackContract(newStore: () => Promise<() => Store>, open: (make: () => Store) => Promise<Store>): void {
  describe('template feedback', () => {
    it('confirms, lists both verdicts most recent first, and withdraws, across instances', async () => {
      const make = await newStore();
      const s = await open(make);
      expect(await s.feedback.listFeedback()).toEqual([]);
      const m = await s.feedback.muteTemplate(7, 'Connection reset by peer <*>', 'flaky LB');
      await tick();
      const c = await s.feedback.giveFeedback('confirm', 9, 'Disk <*> failed', '  INC-42  ');
      expect(c).toEqual({ template_id: 9, verdict: 'confirm', template: 'Disk <*> failed', note: 'INC-42', at: expect.any(String) });
      expect(new Date(Date.parse(c.at)).toISOString()).toBe(c.at);
      const other = await open(make);
      expect(await other.feedback.listFeedback()).toEqual([c, { template_id: 7, verdict: 'mute', template: m.template, note: m.note, at: m.muted_at }]);
      // The mute API answers only the mutes, in its own shape.
      expect(await other.feedback.listMutes()).toEqual([m]);

      // Withdrawing the other verdict changes nothing; withdrawing this one removes it.
      expect(await other.feedback.withdrawFeedback('mute', 9)).toBe(false);
      expect(await other.feedback.withdrawFeedback('confirm', 9)).toBe(true);
      expect(await other.feedback.withdrawFeedback('confirm', 9)).toBe(false);
      expect((await s.feedback.listFeedback()).map((f) => f.template_id)).toEqual([7]);
    });

    it('keeps one verdict per template: the latest given replaces the other', async () => {
      const s = await open(await newStore());
      await s.feedback.muteTemplate(3, 'Retrying <*>');
      await tick();
      const c = await s.feedback.giveFeedback('confirm', 3, 'Retrying <*> (v2)', 'it was real');
      expect(await s.feedback.listFeedback()).toEqual([c]);
      expect(await s.feedback.listMutes()).toEqual([]);
      expect(await s.feedback.unmuteTemplate(3)).toBe(false);
      await tick();
      const m = await s.feedback.muteTemplate(3, 'Retrying <*>', 'no, noise');
      expect(await s.feedback.listFeedback()).toEqual([{ template_id: 3, verdict: 'mute', template: 'Retrying <*>', note: 'no, noise', at: m.muted_at }]);
    });

    it('keeps every one of many concurrent verdicts', async () => {
      const s = await open(await newStore());
      const done = await Promise.all(Array.from({ length: 20 }, (_, i) => s.feedback.giveFeedback(i % 2 ? 'confirm' : 'mute', i, `template ${i} <*>`)));
      const listed = await s.feedback.listFeedback();
      expect(listed).toEqual([...done].sort(byFeedbackAtDesc));
      expect(listed.filter((f: TemplateFeedback) => f.verdict === 'confirm')).toHaveLength(10);
    });

    it('rejects bad arguments with StorageInvalidQueryError and stores nothing', async () => {
      const s = await open(await newStore());
      const bad: Array<() => Promise<unknown>> = [
        () => s.feedback.giveFeedback('approve' as never, 1, 'x'),
        () => s.feedback.giveFeedback('confirm', 1.5, 'x'),
        () => s.feedback.giveFeedback('confirm', 1, ''),
        () => s.feedback.giveFeedback('confirm', 1, 'x', 'n'.repeat(1001)),
        () => s.feedback.withdrawFeedback('confirm', 2 ** 31),
        () => s.feedback.withdrawFeedback(undefined as never, 1),
      ];
      for (const call of bad) await expect(call()).rejects.toBeInstanceOf(StorageInvalidQueryError);
      await expect(s.feedback.giveFeedback('confirm', 1.5, 'x')).rejects.toThrow(/confirmTemplate: templateId/);
      expect(await s.feedback.listFeedback()).toEqual([]);
    });
  });
}
