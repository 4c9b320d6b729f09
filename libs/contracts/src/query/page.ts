/** One page of a query; `next_cursor` is null on the last page. */
export interface Page<T> {
  readonly items: T[];
  readonly next_cursor: string | null;
}
