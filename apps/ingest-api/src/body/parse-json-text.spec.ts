import sjson from 'secure-json-parse';
import { ForbiddenKeyProblem, MalformedJsonProblem } from './body.problems';
import { parseJsonText } from './parse-json-text';

describe('parseJsonText', () => {
  it('refuses prototype-poisoning keys, however they are spelled', () => {
    for (const text of [
      '{"__proto__":{"x":1}}',
      '[{"message":"a"},{"\\u005f_proto__":{"x":1}}]',
      '{"\\u005F\\u005Fproto\\u005f\\u005f" :{"x":1}}',
      '{"constructor":{"prototype":{"x":1}}}',
      '{"c\\u006fnstructor":{"prototype":{"x":1}}}',
      '\ufeff{"__proto__":{"x":1}}',
    ]) {
      expect(() => parseJsonText(text, 'the body')).toThrow(ForbiddenKeyProblem);
    }
  });

  it('reads what secure-json-parse reads, and fails with its message', () => {
    for (const text of [
      '[{"message":"a"}]',
      '\ufeff{"message":"a"}',
      '{"message":"__proto__ constructor \\u00e9"}',
      '{"constructor":"x"}',
      '42',
      '"s"',
      'null',
    ]) {
      expect(parseJsonText(text, 'the body')).toEqual(sjson.parse(text, { protoAction: 'error', constructorAction: 'error' }));
    }
    for (const text of ['{"message":', '', '[1,]', '\ufeff{']) {
      let expected = '';
      try {
        sjson.parse(text);
      } catch (err) {
        expected = (err as Error).message;
      }
      expect(() => parseJsonText(text, 'the body')).toThrow(new MalformedJsonProblem(expected));
    }
  });
});
