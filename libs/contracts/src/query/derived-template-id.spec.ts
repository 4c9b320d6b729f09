import { derivedTemplateId } from './derived-template-id';

describe('derivedTemplateId', () => {
  it("is the negated FNV-1a 32 of the text's UTF-8 bytes, within -1 … -(2^31 - 1)", () => {
    // FNV-1a 32 of "" is 0x811c9dc5 and of "a" 0xe40c292c (the published test vectors).
    expect(derivedTemplateId('')).toBe(-((0x811c9dc5 % 2147483647) + 1));
    expect(derivedTemplateId('a')).toBe(-((0xe40c292c % 2147483647) + 1));
    expect(derivedTemplateId('foobar')).toBe(-((0xbf9cf968 % 2147483647) + 1));
    // UTF-8, not UTF-16: "é" is the two bytes c3 a9.
    let h = 0x811c9dc5;
    for (const b of [0xc3, 0xa9]) h = Math.imul(h ^ b, 0x01000193) >>> 0;
    expect(derivedTemplateId('é')).toBe(-((h % 2147483647) + 1));
    const texts = ['DATABASE INTEGRITY ERROR: checksum mismatch in table <*>', 'User <*> logged in', '😀 <*>', 'x'.repeat(10_000)];
    for (const t of texts) {
      const id = derivedTemplateId(t);
      expect(Number.isInteger(id)).toBe(true);
      expect(id).toBeLessThanOrEqual(-1);
      expect(id).toBeGreaterThanOrEqual(-(2 ** 31 - 1));
      expect(derivedTemplateId(t)).toBe(id);
    }
    expect(new Set(texts.map(derivedTemplateId)).size).toBe(texts.length);
  });
});
