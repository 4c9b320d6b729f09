import type { BulkItem } from './es-bulk';

/** What Elasticsearch adds to every item it created; logad keeps no versions, shards or sequence numbers. */
const CREATED_TAIL = ',"_version":1,"result":"created","_shards":{"total":1,"successful":1,"failed":0},"_seq_no":0,"_primary_term":1}}';

/**
 * The `_bulk` answer as Elasticsearch writes it — `{took, errors, items: [{<action>: {...}}]}` —
 * serialised here rather than built as objects: a 1000-item answer is most of the route's cost
 * otherwise (an object per item, then the generic serialiser walking them).
 */
export function bulkAnswerJson(items: readonly BulkItem[], took: number): string {
  let errors = false;
  const parts = new Array<string>(items.length);
  let lastIndex: string | undefined;
  let indexJson = '';
  for (let i = 0; i < items.length; i++) {
    const { action, _index, _id, status, error } = items[i];
    if (error) {
      errors = true;
      parts[i] = JSON.stringify({ [action]: { _index, _id, status, error } });
      continue;
    }
    if (_index !== lastIndex) indexJson = JSON.stringify((lastIndex = _index));
    parts[i] = `{${JSON.stringify(action)}:{"_index":${indexJson},"_id":${JSON.stringify(_id)},"status":${status}${CREATED_TAIL}`;
  }
  return `{"took":${took},"errors":${errors},"items":[${parts.join(',')}]}`;
}
