import { type Cluster, createCluster } from './cluster';
import { compareTemplate } from './compare-template';
import { InvalidArgumentError } from './errors/invalid-argument.error';
import { InvalidStateError } from './errors/invalid-state.error';
import { FamilyIndex } from './family-index';
import { compileHeaderFormat } from './compile-header-format';
import type { HeaderFormat } from './header-format';
import { LruList } from './lru-list';
import { PrefixTree } from './prefix-tree';
import { stripHeader } from './strip-header';
import { TemplateExtractor } from './template-extractor';
import type { TemplateInfo, TemplateMatch } from './template-match';
import { type ResolvedOptions, resolveOptions, type TemplateMinerOptions } from './template-miner-options';
import { parseTemplateMinerState, type TemplateMinerState } from './template-miner-state';
import { TokenPattern } from './token-pattern';
import { type MaskedText, maskRulesFromJSON, maskRulesToJSON, sharedMasker, TemplateTokenizer, WILDCARD } from '@logad/text';
import type { AddOptions } from './add-options';

interface Found {
  readonly cluster: Cluster;
  /** Positions where the template must widen to take the message. */
  readonly soft: number;
}

/**
 * Online Drain-style log template miner (see README for the algorithm). Each `add` learns from one message;
 * memory is bounded by `maxTemplates` (least recently used templates are evicted); pure and deterministic.
 */
export class TemplateMiner {
  private readonly options: ResolvedOptions;
  private readonly tokenizer: TemplateTokenizer;
  private readonly header: HeaderFormat | null;
  private readonly tree: PrefixTree;
  private readonly families: FamilyIndex;
  private readonly lru = new LruList();
  private readonly byId = new Map<number, Cluster>();
  /** Merged-away id -> live id. */
  private readonly aliases = new Map<number, number>();
  /** Masked token string -> cluster it matched; a bounded fast path for repeated message shapes. */
  private readonly cache = new Map<string, Cluster>();
  private readonly cacheLimit: number;
  private readonly placeholderList: readonly string[];
  private readonly scratch: Cluster[] = [];
  private readonly patterns: TokenPattern;
  private sequence = 0;
  private nextId = 0;

  constructor(options: TemplateMinerOptions = {}) {
    this.options = resolveOptions(options);
    const o = this.options;
    this.tokenizer = new TemplateTokenizer(sharedMasker(o.maskRules, 'TemplateMiner'), o.extraDelimiters);
    this.placeholderList = [...this.tokenizer.placeholders];
    this.patterns = new TokenPattern(this.placeholderList);
    this.header = o.headerFormat === null ? null : compileHeaderFormat(o.headerFormat);
    const isVariable = (t: string): boolean => this.tokenizer.isVariable(t);
    this.tree = new PrefixTree(o.depth - 2, o.maxChildren, isVariable);
    this.families = new FamilyIndex(o.variableEvidence, o.minContextTokens, isVariable, (general, specific) => this.covers(general, specific));
    this.cacheLimit = Math.max(4096, 2 * o.maxTemplates);
  }

  /** Number of live templates. */
  get size(): number {
    return this.byId.size;
  }

  /**
   * The message masked by this miner's rules, for `add` and for later stages with the same rules to
   * reuse; null with a header format (the miner masks only the content after the header).
   */
  maskText(message: string): MaskedText | null {
    return this.header === null ? this.tokenizer.masker.maskText(message) : null;
  }

  /** Learns from one message: matches it to a template (generalising it if needed) or creates one. */
  add(message: string, options?: AddOptions): TemplateMatch {
    if (typeof message !== 'string') throw new InvalidArgumentError('add requires a string message');
    const content = this.contentOf(message);
    const tokens = this.tokenizer.tokenize(content, this.header === null ? options?.masked : null);
    const seq = ++this.sequence;
    const key = tokens.join(' ');
    let c = this.cached(key);
    let isNew = false;
    if (c === null) {
      const found = this.search(tokens);
      if (found === null) {
        const id = this.nextId;
        c = this.create(tokens, seq);
        isNew = c.id === id;
      } else {
        c = found.cluster;
        if (found.soft > 0) c = this.generalize(c, tokens);
      }
      if (this.cache.size >= this.cacheLimit) this.cache.clear();
      this.cache.set(key, c);
    }
    c.count++;
    c.lastSeen = seq;
    this.lru.touch(c);
    const parameters = options?.parameters === false ? [] : this.parameters(c, content);
    return { templateId: c.id, template: this.text(c), parameters, isNew, count: c.count };
  }

  /** The best existing template for a message, without learning anything; null when none is similar enough. */
  match(message: string, options?: AddOptions): TemplateMatch | null {
    if (typeof message !== 'string') throw new InvalidArgumentError('match requires a string message');
    const content = this.contentOf(message);
    const tokens = this.tokenizer.tokenize(content, this.header === null ? options?.masked : null);
    const hit = this.cached(tokens.join(' '));
    const found = hit === null ? this.search(tokens) : { cluster: hit, soft: 0 };
    if (found === null) return null;
    const c = found.cluster;
    // where the template would have to widen, read this message through the widened template (not stored)
    const parameters =
      options?.parameters === false
        ? []
        : found.soft === 0
          ? this.parameters(c, content)
          : (new TemplateExtractor(this.widen(c.tokens, tokens), this.placeholderList, this.options.extraDelimiters).extract(content) ?? []);
    return { templateId: c.id, template: this.text(c), parameters, isNew: false, count: c.count };
  }

  /** Live templates in id order. */
  templates(): TemplateInfo[] {
    return [...this.byId.values()].sort((a, b) => a.id - b.id).map((c) => this.info(c));
  }

  /** A template by id; an id merged into another template returns that template (with its own id). */
  get(templateId: number): TemplateInfo | undefined {
    const c = this.byId.get(templateId) ?? this.byId.get(this.aliases.get(templateId) ?? -1);
    return c === undefined ? undefined : this.info(c);
  }

  toJSON(): TemplateMinerState {
    const o = this.options;
    return {
      format: 'logad-template-miner',
      version: 1,
      options: {
        depth: o.depth,
        similarityThreshold: o.similarityThreshold,
        maxChildren: o.maxChildren,
        maxTemplates: o.maxTemplates,
        variableEvidence: o.variableEvidence,
        minContextTokens: o.minContextTokens,
        headerFormat: o.headerFormat,
        extraDelimiters: [...o.extraDelimiters],
        maskRules: maskRulesToJSON(o.maskRules),
      },
      sequence: this.sequence,
      nextId: this.nextId,
      templates: [...this.lru].map((c) => ({
        id: c.id,
        tokens: [...c.tokens],
        count: c.count,
        firstSeen: c.firstSeen,
        lastSeen: c.lastSeen,
        merged: [...c.merged],
      })),
    };
  }

  static fromJSON(state: unknown): TemplateMiner {
    const s = parseTemplateMinerState(state);
    let miner: TemplateMiner;
    try {
      miner = new TemplateMiner({
        ...s.options,
        headerFormat: s.options.headerFormat ?? undefined,
        maskRules: maskRulesFromJSON(s.options.maskRules, 'TemplateMiner.fromJSON'),
      });
    } catch (e) {
      throw new InvalidStateError(`fromJSON requires valid options: ${(e as Error).message}`);
    }
    if (s.templates.length > miner.options.maxTemplates) throw new InvalidStateError('fromJSON requires at most maxTemplates templates');
    miner.sequence = s.sequence;
    miner.nextId = s.nextId;
    for (const t of s.templates) {
      const c = createCluster(t.id, [...t.tokens], t.firstSeen);
      c.count = t.count;
      c.lastSeen = t.lastSeen;
      c.merged = [...t.merged];
      for (const m of c.merged) miner.aliases.set(m, c.id);
      miner.byId.set(c.id, c);
      miner.lru.touch(c);
      miner.tree.insert(c);
      // merges already happened before saving; only rebuild the evidence
      miner.families.register(c);
    }
    return miner;
  }

  private contentOf(message: string): string {
    if (this.header === null) return message;
    return stripHeader(message, this.header)?.content ?? message;
  }

  private cached(key: string): Cluster | null {
    let c = this.cache.get(key);
    while (c !== undefined && !c.alive && c.mergedInto !== null) c = c.mergedInto;
    return c !== undefined && c.alive ? c : null;
  }

  /** Same-length template agreeing on every constant the message has; best fraction of agreeing positions. */
  private search(tokens: readonly string[]): Found | null {
    const candidates = this.scratch;
    candidates.length = 0;
    this.tree.candidates(tokens, candidates);
    const isVariable = (t: string): boolean => this.tokenizer.isVariable(t);
    let best: Cluster | null = null;
    let bestScore = -1;
    let bestSoft = 0;
    for (const c of candidates) {
      const r = compareTemplate(c.tokens, tokens, isVariable, this.patterns);
      if (r === null || r.score < this.options.similarityThreshold) continue;
      if (r.score > bestScore || (r.score === bestScore && best !== null && c.id < best.id)) {
        best = c;
        bestScore = r.score;
        bestSoft = r.soft;
      }
    }
    candidates.length = 0;
    return best === null ? null : { cluster: best, soft: bestSoft };
  }

  /** Widens the template to take the message; returns the live cluster (the widening may trigger a merge). */
  private generalize(c: Cluster, tokens: readonly string[]): Cluster {
    c.tokens = this.widen(c.tokens, tokens);
    return this.changed(c);
  }

  /** The template with `<*>` where the message has a variable, and the message's pattern where it covers the constant. */
  private widen(template: readonly string[], tokens: readonly string[]): string[] {
    return template.map((a, i) => {
      const b = tokens[i];
      if (a === b) return a;
      if (this.tokenizer.isVariable(b)) return WILDCARD;
      if (!this.tokenizer.isVariable(a) && b.includes('<') && this.patterns.covers(b, a)) return b;
      return a;
    });
  }

  private create(tokens: string[], seq: number): Cluster {
    while (this.byId.size >= this.options.maxTemplates) this.evict(this.lru.first() as Cluster);
    const c = createCluster(this.nextId++, tokens.slice(), seq);
    this.byId.set(c.id, c);
    this.lru.touch(c);
    this.tree.insert(c);
    return this.registerFamilies(c);
  }

  private evict(c: Cluster): void {
    this.tree.remove(c);
    this.families.unregister(c);
    this.lru.remove(c);
    this.byId.delete(c.id);
    for (const id of c.merged) this.aliases.delete(id);
    c.alive = false;
  }

  /** Re-indexes a cluster whose tokens changed. */
  private changed(c: Cluster): Cluster {
    c.text = null;
    c.extractor = null;
    this.tree.remove(c);
    this.tree.insert(c);
    this.families.unregister(c);
    return this.registerFamilies(c);
  }

  /** Registers word-variable evidence; merges a family that reached it, repeatedly. Returns the live cluster. */
  private registerFamilies(c: Cluster): Cluster {
    const merge = this.families.register(c);
    if (merge === null) return c;
    const members = [...merge.members].sort((a, b) => a.id - b.id);
    const survivor = members[0];
    for (const o of members.slice(1)) {
      this.evict(o);
      o.mergedInto = survivor;
      survivor.count += o.count;
      survivor.firstSeen = Math.min(survivor.firstSeen, o.firstSeen);
      survivor.lastSeen = Math.max(survivor.lastSeen, o.lastSeen);
      for (const id of [o.id, ...o.merged]) {
        survivor.merged.push(id);
        this.aliases.set(id, survivor.id);
      }
      o.merged = [];
    }
    survivor.tokens[merge.position] = merge.token;
    return this.changed(survivor);
  }

  /** `general` is a variable, or holds placeholders and `specific` fits it. */
  private covers(general: string, specific: string): boolean {
    if (general === specific || this.tokenizer.isVariable(general)) return true;
    return !this.tokenizer.isVariable(specific) && general.includes('<') && this.patterns.covers(general, specific);
  }

  private text(c: Cluster): string {
    return (c.text ??= c.tokens.join(' '));
  }

  private parameters(c: Cluster, content: string): string[] {
    c.extractor ??= new TemplateExtractor(c.tokens, this.placeholderList, this.options.extraDelimiters);
    return c.extractor.slots === 0 ? [] : (c.extractor.extract(content) ?? []);
  }

  private info(c: Cluster): TemplateInfo {
    return { templateId: c.id, template: this.text(c), count: c.count, firstSeen: c.firstSeen, lastSeen: c.lastSeen };
  }
}
