import { TemplateMiner, type TemplateMinerState } from '@logad/templates';
import type { MaskedText } from '@logad/text';

/** A line's template as the detector sees it. */
export interface TemplateHit {
  /** Training template id, -1 when no training template matches. */
  readonly id: number;
  /** Training lines of the template (0 when unseen). */
  readonly count: number;
  /** Template text (`<*>` for variables); for an unseen template, the line's masked tokens. */
  readonly text: string;
}

/** Serialisable form of a {@link TemplateIndex}. */
export interface TemplateIndexState {
  readonly miner: TemplateMinerState;
  /** Masked-token keys seen in training and the template id each resolved to. */
  readonly keys: string[];
  readonly keyIds: number[];
}

/**
 * Drain templates learnt from the training lines (via @logad/templates), plus an exact map from
 * each training line's masked-token key to its final template, so scoring a familiar line costs
 * one Map lookup; only an unfamiliar key is matched against the templates (without learning).
 */
export class TemplateIndex {
  private readonly keyToId: Map<string, number>;
  private readonly counts = new Map<number, number>();
  private readonly texts = new Map<number, string>();

  private constructor(private readonly miner: TemplateMiner, keys: readonly string[], keyIds: readonly number[]) {
    this.keyToId = new Map(keys.map((k, i) => [k, keyIds[i]]));
    for (const t of miner.templates()) {
      this.counts.set(t.templateId, t.count);
      this.texts.set(t.templateId, t.template);
    }
  }

  /** Learns templates from `messages`; `keys[i]` is message i's masked-token key. */
  static fit(messages: readonly string[], keys: readonly string[]): TemplateIndex {
    const miner = new TemplateMiner();
    const firstId = new Map<string, number>();
    for (let i = 0; i < messages.length; i++) {
      const id = miner.add(messages[i]).templateId;
      if (!firstId.has(keys[i])) firstId.set(keys[i], id);
    }
    const ks = [...firstId.keys()];
    // ids handed out early may have been merged into a later, more general template
    const ids = ks.map((k) => miner.get(firstId.get(k) as number)?.templateId ?? -1);
    return new TemplateIndex(miner, ks, ids);
  }

  static fromState(state: TemplateIndexState): TemplateIndex {
    return new TemplateIndex(TemplateMiner.fromJSON(state.miner), state.keys, state.keyIds);
  }

  get size(): number {
    return this.counts.size;
  }

  /** Template of a line with masked-token key `key`; pure (nothing is learnt). `masked`: see {@link TemplateMiner.match}. */
  lookup(message: string, key: string, masked?: MaskedText | null): TemplateHit {
    let id = this.keyToId.get(key);
    if (id === undefined) id = this.miner.match(message, { masked, parameters: false })?.templateId ?? -1;
    const count = this.counts.get(id);
    if (id < 0 || count === undefined) return { id: -1, count: 0, text: key };
    return { id, count, text: this.texts.get(id) as string };
  }

  text(id: number): string | undefined {
    return this.texts.get(id);
  }

  toState(): TemplateIndexState {
    const keys = [...this.keyToId.keys()];
    return { miner: this.miner.toJSON(), keys, keyIds: keys.map((k) => this.keyToId.get(k) as number) };
  }
}
