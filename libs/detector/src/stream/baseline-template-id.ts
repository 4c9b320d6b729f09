/**
 * Id of a template in a source's baseline: 32-bit FNV-1a of `source NUL key`, mapped to
 * −1 … −2147483647 like the ids derived for templates a trained model did not know, so it never
 * collides with a trained model's ids (0 and up) and names the same template on every replica.
 */
export function baselineTemplateId(source: string, key: string): number {
  let h = 0x811c9dc5;
  const text = `${source}\u0000${key}`;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return -(((h >>> 0) % 2147483647) + 1);
}
