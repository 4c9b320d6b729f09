import type { Cluster } from './cluster';
import { WILDCARD } from '@logad/text';

interface TreeNode {
  readonly parent: TreeNode | null;
  readonly key: string | number;
  readonly children: Map<string, TreeNode>;
  readonly clusters: Cluster[];
}

/**
 * Drain's fixed-depth prefix tree: first level the token count, then the first `prefixTokens` tokens, with
 * variable tokens (and tokens past `maxChildren` at a node) under the `<*>` child. A lookup visits both the
 * token's own child and the `<*>` child, so a template that generalised a prefix position is still found.
 */
export class PrefixTree {
  private readonly roots = new Map<number, TreeNode>();

  constructor(
    private readonly prefixTokens: number,
    private readonly maxChildren: number,
    private readonly isVariable: (token: string) => boolean,
  ) {}

  insert(c: Cluster): void {
    const n = c.tokens.length;
    let root = this.roots.get(n);
    if (root === undefined) {
      root = { parent: null, key: n, children: new Map(), clusters: [] };
      this.roots.set(n, root);
    }
    let node: TreeNode = root;
    const depth = Math.min(this.prefixTokens, n);
    for (let i = 0; i < depth; i++) {
      let key = this.isVariable(c.tokens[i]) ? WILDCARD : c.tokens[i];
      let child: TreeNode | undefined = node.children.get(key);
      if (child === undefined && key !== WILDCARD && node.children.size >= this.maxChildren) {
        key = WILDCARD;
        child = node.children.get(key);
      }
      if (child === undefined) {
        child = { parent: node, key, children: new Map(), clusters: [] };
        node.children.set(key, child);
      }
      node = child;
    }
    node.clusters.push(c);
    c.leaf = node;
  }

  remove(c: Cluster): void {
    const leaf = c.leaf as TreeNode | null;
    c.leaf = null;
    if (leaf === null) return;
    const at = leaf.clusters.indexOf(c);
    if (at >= 0) leaf.clusters.splice(at, 1);
    // prune empty branches so churn does not grow the tree
    let node: TreeNode | null = leaf;
    while (node !== null && node.clusters.length === 0 && node.children.size === 0) {
      const parent: TreeNode | null = node.parent;
      if (parent === null) this.roots.delete(node.key as number);
      else parent.children.delete(node.key as string);
      node = parent;
    }
  }

  /** Appends to `out` every cluster of the same length whose prefix path is compatible with `tokens`. */
  candidates(tokens: readonly string[], out: Cluster[]): void {
    const root = this.roots.get(tokens.length);
    if (root !== undefined) this.collect(root, tokens, 0, Math.min(this.prefixTokens, tokens.length), out);
  }

  private collect(node: TreeNode, tokens: readonly string[], level: number, depth: number, out: Cluster[]): void {
    if (level === depth) {
      for (const c of node.clusters) out.push(c);
      return;
    }
    const token = tokens[level];
    if (!this.isVariable(token)) {
      const own = node.children.get(token);
      if (own !== undefined) this.collect(own, tokens, level + 1, depth, out);
    }
    const any = node.children.get(WILDCARD);
    if (any !== undefined) this.collect(any, tokens, level + 1, depth, out);
  }
}
