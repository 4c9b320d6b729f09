import { FeedbackVerdict, TemplateFeedback } from '@logad/contracts';
import { join } from 'node:path';
import { StorageQueryError } from '../errors/storage-query.error';
import { StorageWriteError } from '../errors/storage-write.error';
import { FeedbackStore } from '../ports/feedback-store';
import { MuteParams } from '../query/mute-params';
import { ResolvedJsonLinesOptions } from './json-lines-store.options';
import { byFeedbackAtDesc, JsonVerdictFile } from './json-verdict-file';

/**
 * The operators' feedback as one JSON file per verdict ({@link JsonVerdictFile}). A template has
 * one verdict: giving it one writes that verdict's file, then drops the template from the other
 * file; should a crash fall between the two, `list` keeps the later verdict, so the outcome is the
 * same. Changes from this instance run one after another. Works by path: no `connect()` needed.
 */
export class JsonLinesFeedbackStore extends FeedbackStore {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly files: Record<FeedbackVerdict, JsonVerdictFile>;

  constructor(opts: ResolvedJsonLinesOptions) {
    super();
    const fsync = opts.fsync === 'always';
    this.files = {
      mute: new JsonVerdictFile(join(opts.dir, opts.mutesFile), 'mute', fsync),
      confirm: new JsonVerdictFile(join(opts.dir, opts.confirmsFile), 'confirm', fsync),
    };
  }

  async listFeedback(): Promise<TemplateFeedback[]> {
    try {
      return await this.readAll();
    } catch (err) {
      throw new StorageQueryError(`listFeedback: could not read ${(err as { path?: string }).path ?? 'the feedback'}: ${(err as Error).message}`, {
        cause: err,
      });
    }
  }

  protected give(verdict: FeedbackVerdict, p: MuteParams, fn: string): Promise<TemplateFeedback> {
    const now = Date.now();
    const given: TemplateFeedback = { template_id: p.templateId, verdict, template: p.template, note: p.note, at: new Date(now).toISOString() };
    return this.change(fn, async () => {
      const own = this.files[verdict];
      await this.edit(own, (fs) => [given, ...fs.filter((f) => f.template_id !== p.templateId)]);
      await this.edit(this.files[other(verdict)], (fs) =>
        fs.some((f) => f.template_id === p.templateId) ? fs.filter((f) => f.template_id !== p.templateId) : undefined,
      );
      return given;
    });
  }

  protected withdraw(verdict: FeedbackVerdict, templateId: number, fn: string): Promise<boolean> {
    return this.change(fn, async () => {
      let found = false;
      await this.edit(this.files[verdict], (fs) => {
        const rest = fs.filter((f) => f.template_id !== templateId);
        found = rest.length !== fs.length;
        return found ? rest : undefined;
      });
      return found;
    });
  }

  private async readAll(): Promise<TemplateFeedback[]> {
    const latest = new Map<number, TemplateFeedback>();
    for (const file of Object.values(this.files)) {
      for (const f of await readOrName(file)) {
        const seen = latest.get(f.template_id);
        if (!seen || seen.at < f.at) latest.set(f.template_id, f);
      }
    }
    return [...latest.values()].sort(byFeedbackAtDesc);
  }

  /** Rewrites one file with `edit`'s list; `undefined` writes nothing. */
  private async edit(file: JsonVerdictFile, edit: (fs: TemplateFeedback[]) => TemplateFeedback[] | undefined): Promise<void> {
    const next = edit(await readOrName(file));
    if (!next) return;
    try {
      await file.replace(next);
    } catch (err) {
      throw Object.assign(err as Error, { path: file.path });
    }
  }

  private change<R>(fn: string, run: () => Promise<R>): Promise<R> {
    const done = this.tail.then(async () => {
      try {
        return await run();
      } catch (err) {
        throw new StorageWriteError(`${fn}: could not update ${(err as { path?: string }).path ?? 'the feedback'}: ${(err as Error).message}`, { cause: err });
      }
    });
    this.tail = done.catch(() => undefined);
    return done;
  }
}

const other = (v: FeedbackVerdict): FeedbackVerdict => (v === 'mute' ? 'confirm' : 'mute');

async function readOrName(file: JsonVerdictFile): Promise<TemplateFeedback[]> {
  try {
    return await file.read();
  } catch (err) {
    throw Object.assign(err as Error, { path: file.path });
  }
}
