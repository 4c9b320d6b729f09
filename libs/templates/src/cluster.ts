import type { TemplateExtractor } from './template-extractor';

/** A template cluster, the miner's internal record behind one templateId. */
export interface Cluster {
  readonly id: number;
  /** Template tokens; placeholders mark variable positions. */
  tokens: string[];
  count: number;
  firstSeen: number;
  lastSeen: number;
  /** False once evicted or merged into another cluster. */
  alive: boolean;
  /** Set when merged: the cluster that absorbed this one. */
  mergedInto: Cluster | null;
  /** Ids of the clusters merged into this one (they resolve to this id). */
  merged: number[];
  /** Prefix-tree leaf holding it, and the family keys it is registered under. */
  leaf: { clusters: Cluster[] } | null;
  familyKeys: string[];
  /** Intrusive least-recently-used list links. */
  prev: Cluster | null;
  next: Cluster | null;
  /** Caches, reset whenever tokens change. */
  text: string | null;
  extractor: TemplateExtractor | null;
}

export function createCluster(id: number, tokens: string[], seen: number): Cluster {
  return {
    id,
    tokens,
    count: 0,
    firstSeen: seen,
    lastSeen: seen,
    alive: true,
    mergedInto: null,
    merged: [],
    leaf: null,
    familyKeys: [],
    prev: null,
    next: null,
    text: null,
    extractor: null,
  };
}
