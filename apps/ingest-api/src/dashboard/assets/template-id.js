// A record's template id. The model gives ids only to templates it learnt; a line of an unseen
// template carries its text only, and its id is derived from that text exactly as
// `derivedTemplateId` in @logad/contracts does (FNV-1a 32 of the UTF-8 bytes, negated), so a
// mute set here names the same template for the workers.

const encoder = new TextEncoder();

export function derivedTemplateId(template) {
  let h = 0x811c9dc5;
  for (const b of encoder.encode(template)) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return -((h % 2147483647) + 1);
}

/** The id to mute a record's template by, or undefined when the record has no template at all. */
export function templateIdOf(record) {
  if (typeof record.template_id === 'number') return record.template_id;
  if (typeof record.template === 'string' && record.template !== '') return derivedTemplateId(record.template);
  return undefined;
}
