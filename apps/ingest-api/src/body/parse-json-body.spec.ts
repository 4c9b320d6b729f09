import { ForbiddenKeyProblem, MalformedJsonProblem } from './body.problems';
import { InvalidNdjsonProblem } from './invalid-ndjson.problem';
import { parseJsonBody } from './parse-json-body';

describe('parseJsonBody', () => {
  it('reads one JSON value as itself, however it is laid out', () => {
    expect(parseJsonBody('{"message":"a"}')).toEqual({ message: 'a' });
    expect(parseJsonBody('[{"message":"a"},\n{"message":"b"}]\n')).toEqual([{ message: 'a' }, { message: 'b' }]);
    expect(parseJsonBody('{\n "message": "a"\n}\n\n')).toEqual({ message: 'a' });
  });

  it('reads newline-separated values (Fluent Bit json_lines sent as application/json) as NDJSON', () => {
    expect(parseJsonBody('{"message":"a"}\n{"message":"b"}\n')).toEqual([{ message: 'a' }, { message: 'b' }]);
    expect(parseJsonBody('\r\n{"message":"a"}\r\n\r\n{"message":"b"}')).toEqual([{ message: 'a' }, { message: 'b' }]);
  });

  it('keeps the malformed-JSON answer for a body that is neither', () => {
    expect(() => parseJsonBody('{"message":')).toThrow(MalformedJsonProblem);
    expect(() => parseJsonBody('{\n"message": "a",\n')).toThrow(MalformedJsonProblem);
    expect(() => parseJsonBody('"a" "b"')).toThrow(MalformedJsonProblem);
    expect(() => parseJsonBody('42\n43\n')).toThrow(MalformedJsonProblem);
  });

  it('names the bad line, and refuses prototype keys, once read as NDJSON', () => {
    expect(() => parseJsonBody('{"message":"a"}\n{"message":\n')).toThrow(InvalidNdjsonProblem);
    expect(() => parseJsonBody('{"message":"a"}\n{"__proto__":{"x":1},"message":"b"}')).toThrow(ForbiddenKeyProblem);
    expect(() => parseJsonBody('{"message":"a","__proto__":{"x":1}}')).toThrow(ForbiddenKeyProblem);
  });
});
