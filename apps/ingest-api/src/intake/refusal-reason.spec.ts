import { FieldError, LogLimits, checkLogLimits, validateLogShape } from '@logad/contracts';
import { reasonOfFieldError, reasonOfRefusedBody, tallyFieldErrors } from './refusal-reason';

const limits: LogLimits = { maxBatchSize: 10, maxMessageBytes: 8, maxSourceLength: 4, maxIdLength: 4, maxAttributesBytes: 20, maxAttributesDepth: 2 };

/** The first error contracts' own rules give for `log` (the messages the reasons are read from). */
function firstError(log: Record<string, unknown>): FieldError {
  const errors: FieldError[] = [];
  if (validateLogShape(log, '[0].', errors)) checkLogLimits(log as never, '[0].', limits, errors);
  return errors[0];
}

describe('reasonOfFieldError', () => {
  it.each([
    [{ message: '' }, 'invalid_message'],
    [{ message: 'x'.repeat(9) }, 'message_too_long'],
    [{ message: 'm', source: 'a\u0001' }, 'invalid_source'],
    [{ message: 'm', source: 'abcde' }, 'source_too_long'],
    [{ message: 'm', level: 'NOPE' }, 'invalid_level'],
    [{ message: 'm', timestamp: 'soon' }, 'invalid_timestamp'],
    [{ message: 'm', id: 'a b' }, 'invalid_id'],
    [{ message: 'm', id: 'abcde' }, 'id_too_long'],
    [{ message: 'm', attributes: [] }, 'invalid_attributes'],
    [{ message: 'm', attributes: { a: 'x'.repeat(30) } }, 'attributes_too_large'],
    [{ message: 'm', attributes: { a: { b: { c: 1 } } } }, 'attributes_too_deep'],
  ])('%j → %s', (log, reason) => expect(reasonOfFieldError(firstError(log))).toBe(reason));

  it('tallies one reason per record, the first of its errors', () => {
    const t = tallyFieldErrors([
      { field: '[0].level', message: 'level must be one of …' },
      { field: '[0].message', message: 'message must be at most 8 bytes' },
      { field: '[2].message', message: 'message must be at most 8 bytes' },
      { field: '[3]', message: 'each log must be a JSON object' },
    ]);
    expect(Object.fromEntries(t)).toEqual({ invalid_level: 1, message_too_long: 1, not_an_object: 1 });
  });

  it('counts a body refused whole for its content, never a retryable refusal', () => {
    expect(reasonOfRefusedBody('ingest:malformed-json', 400)).toBe('undecodable');
    expect(reasonOfRefusedBody('http:body-too-large', 413)).toBe('body_too_large');
    expect(reasonOfRefusedBody('auth:rate-limited', 429)).toBeUndefined();
    expect(reasonOfRefusedBody('ingest:queue-full', 429)).toBeUndefined();
    expect(reasonOfRefusedBody('loki:entries-refused', 400)).toBeUndefined();
  });
});
