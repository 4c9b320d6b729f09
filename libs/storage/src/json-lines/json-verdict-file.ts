import { FeedbackVerdict, Mute, TemplateFeedback } from '@logad/contracts';
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';

/** How one verdict's file names its list and its time field (`muted_templates.json` keeps its original shape). */
const LAYOUT: Record<FeedbackVerdict, { list: string; time: string }> = {
  mute: { list: 'mutes', time: 'muted_at' },
  confirm: { list: 'confirms', time: 'confirmed_at' },
};

/** Most recently muted first, then by template id: the order `listMutes` promises. */
export const byMutedAtDesc = (a: Mute, b: Mute) => (a.muted_at < b.muted_at ? 1 : a.muted_at > b.muted_at ? -1 : a.template_id - b.template_id);

/** Most recent verdict first, then by template id: the order `listFeedback` promises. */
export const byFeedbackAtDesc = (a: TemplateFeedback, b: TemplateFeedback) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.template_id - b.template_id);

/**
 * The templates given one verdict, as one small JSON file beside the logs (`muted_templates.json`
 * `{"version":1,"mutes":[…]}`, `confirmed_templates.json` `{"version":1,"confirms":[…]}`). Every
 * change rewrites the whole file through a temporary file and a rename, so a reader (a worker
 * polling the feedback) sees the old list or the new one, never half of one; with `fsync`, the new
 * file is flushed before the rename and the directory after it, so a resolved change survives a
 * power cut. Callers run changes one after another ({@link JsonFeedbackFiles}); two processes
 * changing at the same instant may lose one change (the last rename wins): verdicts come from
 * people, one at a time. Errors are plain; the caller wraps them with its function's name.
 */
export class JsonVerdictFile {
  constructor(
    readonly path: string,
    readonly verdict: FeedbackVerdict,
    private readonly fsync: boolean,
  ) {}

  async read(): Promise<TemplateFeedback[]> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    let content: Record<string, unknown> | undefined;
    try {
      content = JSON.parse(text) as Record<string, unknown>;
    } catch {
      content = undefined;
    }
    const { list, time } = LAYOUT[this.verdict];
    const entries = content?.[list];
    // A broken file is reported, never treated as empty: that would silently drop every verdict.
    if (content?.version !== 1 || !Array.isArray(entries) || !entries.every((e) => isEntry(e, time))) {
      throw new Error(`not a ${list} file ({"version":1,"${list}":[…]}): fix or remove it`);
    }
    return entries.map((e: Record<string, unknown>) => ({
      template_id: e.template_id as number,
      verdict: this.verdict,
      template: e.template as string,
      note: e.note as string | null,
      at: e[time] as string,
    }));
  }

  async replace(feedback: readonly TemplateFeedback[]): Promise<void> {
    const { list, time } = LAYOUT[this.verdict];
    const entries = [...feedback].sort(byFeedbackAtDesc).map((f) => ({ template_id: f.template_id, template: f.template, note: f.note, [time]: f.at }));
    const dir = dirname(this.path);
    await mkdir(dir, { recursive: true });
    const temp = `${this.path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      const handle = await open(temp, 'wx');
      try {
        await handle.writeFile(JSON.stringify({ version: 1, [list]: entries }, null, 2) + '\n', 'utf8');
        if (this.fsync) await handle.datasync();
      } finally {
        await handle.close();
      }
      await rename(temp, this.path);
    } catch (err) {
      await unlink(temp).catch(() => undefined);
      throw err;
    }
    if (this.fsync) {
      // The rename itself is durable only once the directory is.
      const d = await open(dir, 'r');
      try {
        await d.sync();
      } finally {
        await d.close();
      }
    }
  }
}

function isEntry(v: unknown, time: string): boolean {
  const m = v as Record<string, unknown> | null;
  return (
    typeof m === 'object' &&
    m !== null &&
    Number.isInteger(m.template_id) &&
    typeof m.template === 'string' &&
    (m.note === null || typeof m.note === 'string') &&
    typeof m[time] === 'string'
  );
}
