/** Receives tokens one by one, so hot loops need not build a token array per document. */
export interface TokenSink {
  push(token: string): void;
  /**
   * The token `doc[start, end)`, whose TermTable hash is `hash`: lets a sink look it up
   * without materialising the substring.
   */
  pushRange(doc: string, start: number, end: number, hash: number): void;
}
