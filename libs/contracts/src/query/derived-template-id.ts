/**
 * The template id of a template the model did not know. The model gives ids (0 and up) only to
 * templates it learnt at training; a line of an unseen template comes back with its template
 * text and no id. To name such a template (to mute it, to count it), its id is derived from its
 * text: FNV-1a (32-bit) of the text's UTF-8 bytes, mapped to -1 … -2147483647, so it never
 * collides with a model's id and every process (worker, ingest-api, the dashboard's JS) computes
 * the same one. The dashboard's `assets/template-id.js` implements the same function.
 */
export function derivedTemplateId(template: string): number {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(template)) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return -((h % 2147483647) + 1);
}
