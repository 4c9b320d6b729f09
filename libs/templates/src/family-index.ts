import type { Cluster } from './cluster';
import { WILDCARD } from '@logad/text';

/** Clusters that differ only at `position` and become one, with `token` there. */
export interface FamilyMerge {
  readonly position: number;
  readonly members: Cluster[];
  readonly token: string;
}

/** 32-bit FNV-1a of a string, seeded so two independent hashes can be drawn. */
function hash(s: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * Families of templates: same length, same tokens everywhere but one position (the hole). Every template is
 * registered once per position under a hash key of "its other tokens". Two kinds of merge come out of it:
 * - subsumption: one template's token at the hole covers the other's (`<*>`, or "rhost=<*>" over
 *   "rhost=alpha.example.net"), so the second is redundant - it was created before the first widened;
 * - word-variable evidence: two templates that differ in one constant word are kept apart (in the LogHub
 *   ground truth such words are nearly always distinct events: "bytes"/"values", "SCREEN_ON"/"SCREEN_OFF"),
 *   but once `evidence` distinct words have filled the same hole, it is a variable (a user name, a host).
 * Only templates with more than `minContext` constant tokens take part, so short messages such as
 * "cupsd startup succeeded" / "klogd startup succeeded" never merge on a word.
 */
export class FamilyIndex {
  private readonly families = new Map<string, Cluster[]>();

  constructor(
    private readonly evidence: number,
    private readonly minContext: number,
    private readonly isVariable: (token: string) => boolean,
    /** Whether `general` (a variable, or a token with placeholders) covers the constant `specific`. */
    private readonly covers: (general: string, specific: string) => boolean,
  ) {}

  get size(): number {
    return this.families.size;
  }

  /**
   * Registers `c`. Returns the first merge it allows: a template of the family whose slot covers the other's
   * (a `<*>`, or "rhost=<*>" over "rhost=<*>.example.net"), or `evidence` distinct words in the slot.
   */
  register(c: Cluster): FamilyMerge | null {
    const t = c.tokens;
    const n = t.length;
    let constants = 0;
    for (const token of t) if (!this.isVariable(token)) constants++;
    if (constants - 1 < this.minContext) return null;
    // prefix/suffix hashes of the token sequence: the key of hole p combines prefix(p) and suffix(p + 1)
    const pa = new Uint32Array(n + 1);
    const pb = new Uint32Array(n + 1);
    const sa = new Uint32Array(n + 2);
    const sb = new Uint32Array(n + 2);
    pa[0] = 2166136261;
    pb[0] = 374761393;
    for (let i = 0; i < n; i++) {
      pa[i + 1] = Math.imul(pa[i] ^ hash(t[i], 2166136261), 16777619) >>> 0;
      pb[i + 1] = Math.imul(pb[i] ^ hash(t[i], 3266489917), 2246822519) >>> 0;
    }
    sa[n] = 2166136261;
    sb[n] = 374761393;
    for (let i = n - 1; i >= 0; i--) {
      sa[i] = Math.imul(sa[i + 1] ^ hash(t[i], 668265263), 16777619) >>> 0;
      sb[i] = Math.imul(sb[i + 1] ^ hash(t[i], 2654435761), 2246822519) >>> 0;
    }
    const keys: string[] = [];
    for (let p = 0; p < n; p++) {
      const key = `${n}:${p}:${pa[p]}:${pb[p]}:${sa[p + 1]}:${sb[p + 1]}`;
      let members = this.families.get(key);
      if (members === undefined) {
        members = [];
        this.families.set(key, members);
      }
      members.push(c);
      keys.push(key);
    }
    c.familyKeys.push(...keys);
    for (let p = 0; p < n; p++) {
      const same = (this.families.get(keys[p]) as Cluster[]).filter((m) => sameContext(m.tokens, t, p));
      if (same.length < 2) continue;
      for (const m of same) {
        if (m === c) continue;
        if (this.covers(t[p], m.tokens[p])) return { position: p, members: [c, m], token: t[p] };
        if (this.covers(m.tokens[p], t[p])) return { position: p, members: [c, m], token: m.tokens[p] };
      }
      if (this.evidence < 2) continue;
      const words = new Set<string>();
      for (const m of same) if (!this.isVariable(m.tokens[p])) words.add(m.tokens[p]);
      if (words.size >= this.evidence) return { position: p, members: same, token: WILDCARD };
    }
    return null;
  }

  unregister(c: Cluster): void {
    for (const key of c.familyKeys) {
      const members = this.families.get(key);
      if (members === undefined) continue;
      const at = members.indexOf(c);
      if (at >= 0) members.splice(at, 1);
      if (members.length === 0) this.families.delete(key);
    }
    c.familyKeys = [];
  }
}

/** Guards against hash collisions: the token sequences agree everywhere but at `hole`. */
function sameContext(a: readonly string[], b: readonly string[], hole: number): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (i !== hole && a[i] !== b[i]) return false;
  return true;
}
