import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_MASK_RULES } from './default-mask-rules';
import { InvalidMaskRuleError } from './errors';
import { maskRulesFromJSON, maskRulesToJSON } from './mask-rules-json';
import { Masker } from './masker';

describe('maskRulesToJSON / maskRulesFromJSON', () => {
  it('round-trips the defaults through JSON text to rules that mask the same', () => {
    const back = maskRulesFromJSON(JSON.parse(JSON.stringify(maskRulesToJSON(DEFAULT_MASK_RULES))), 'spec');
    expect(maskRulesToJSON(back)).toEqual(maskRulesToJSON(DEFAULT_MASK_RULES));
    const line = 'GET http://10.0.0.1:8080/x from 10.0.0.2 took 12 ms, blk_-42 at 2024-01-05 10:11:12';
    expect(new Masker(back).mask(line)).toBe(new Masker(DEFAULT_MASK_RULES).mask(line));
  });

  it('reads the typed rules that TF-IDF models saved before the one text stage', () => {
    const state = JSON.parse(readFileSync(join(__dirname, '../fixtures/tfidf-state-v1-before-text-stage.json'), 'utf8'));
    const rules = maskRulesFromJSON(state.options.tokenizeOptions.maskRules, 'spec');
    expect(rules.map((r) => r.name)).toEqual(['url', 'email', 'host', 'uuid', 'datetime', 'date', 'time', 'mac', 'ipv6', 'ipv4', 'path', 'hex', 'number']);
    expect(new Masker(rules).mask('from 10.0.0.1:80 took 12ms')).toBe('from <IP> took <NUM>');
  });

  it.each([
    ['not an array', {}],
    ['a rule that is not an object', [null]],
    ['a rule without source', [{ name: 'x', flags: 'g', replacement: '<*>' }]],
    ['a source that does not compile', [{ name: 'x', source: '(', flags: 'g', replacement: '<*>' }]],
    ['unknown flags', [{ name: 'x', source: 'a', flags: 'q', replacement: '<*>' }]],
    ['a pattern matching the empty string', [{ name: 'x', source: 'a*', flags: 'g', replacement: '<*>' }]],
  ])('rejects %s', (_what, raw) => {
    expect(() => maskRulesFromJSON(raw, 'spec')).toThrow(InvalidMaskRuleError);
  });
});
