import { DEFAULT_MASK_RULES } from './default-mask-rules';
import { defaultMasker } from './default-masker';
import { maskRulesFromJSON, maskRulesToJSON } from './mask-rules-json';
import { sharedMasker } from './shared-masker';

const CUSTOM = [{ name: 'num', pattern: /\d+/, replacement: '<NUM>' }];

describe('sharedMasker', () => {
  it('gives equal rules one Masker, however they were built (a model loaded from JSON has its own copies)', () => {
    expect(sharedMasker(maskRulesFromJSON(maskRulesToJSON(DEFAULT_MASK_RULES), 'spec'), 'spec')).toBe(defaultMasker());
    const a = sharedMasker(CUSTOM, 'spec');
    expect(sharedMasker(maskRulesFromJSON(maskRulesToJSON(CUSTOM), 'spec'), 'spec')).toBe(a);
    expect(a).not.toBe(defaultMasker());
    // a different name is a different rule set: the saved rules would differ
    expect(sharedMasker([{ ...CUSTOM[0], name: 'digits' }], 'spec')).not.toBe(a);
  });

  it('still checks the rules, naming the caller', () => {
    expect(() => sharedMasker([{ name: 'empty', pattern: /x*/, replacement: '' }], 'Caller')).toThrow(/Caller requires mask rule 'empty'/);
  });
});

describe('Masker.reuse', () => {
  it('takes a MaskedText only from its own Masker, and masks itself otherwise', () => {
    const custom = sharedMasker(CUSTOM, 'spec');
    const line = 'GET /a/b/c 200 in 12ms from 10.0.0.1';
    const byDefault = defaultMasker().maskText(line);
    expect(byDefault.text).toBe(defaultMasker().mask(line));
    expect(defaultMasker().reuse(line, byDefault)).toBe(byDefault.text);
    expect(custom.reuse(line, byDefault)).toBe(custom.mask(line));
    expect(custom.reuse(line, null)).toBe('GET /a/b/c <NUM> in <NUM>ms from <NUM>.<NUM>.<NUM>.<NUM>');
  });
});
