import { bulkAnswerJson } from './es-bulk-answer';

describe('bulkAnswerJson', () => {
  it('writes the answer Elasticsearch gives: created items in full, refused ones with their error, errors set by any refusal', () => {
    const json = bulkAnswerJson(
      [
        { action: 'index', _index: 'logs', _id: 'a"1', status: 201 },
        { action: 'create', _index: 'other', _id: 'b', status: 201 },
        { action: 'delete', _index: 'logs', _id: 'c', status: 400, error: { type: 'action_request_validation_exception', reason: 'no "delete"' } },
      ],
      7,
    );
    const created = { _version: 1, result: 'created', _shards: { total: 1, successful: 1, failed: 0 }, _seq_no: 0, _primary_term: 1 };
    expect(JSON.parse(json)).toEqual({
      took: 7,
      errors: true,
      items: [
        { index: { _index: 'logs', _id: 'a"1', status: 201, ...created } },
        { create: { _index: 'other', _id: 'b', status: 201, ...created } },
        { delete: { _index: 'logs', _id: 'c', status: 400, error: { type: 'action_request_validation_exception', reason: 'no "delete"' } } },
      ],
    });
    expect(JSON.parse(bulkAnswerJson([{ action: 'index', _index: 'logs', _id: 'x', status: 201 }], 0)).errors).toBe(false);
  });
});
