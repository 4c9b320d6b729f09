import { type LineCorpus, type LineFeatureKind, scalarFeature } from './line-feature';

/**
 * How rare the line's template was in training, in bits: log2((n + 1) / (count + 0.5)). A template
 * no training line had is rarer than any; leave-one-out makes a template seen once in training read
 * as unseen, as it would on a new line.
 */
export const TEMPLATE_RARITY: LineFeatureKind = {
  name: 'template_rarity',
  fit: (c: LineCorpus) =>
    scalarFeature('template_rarity', (line) => {
      const n = c.nLines - line.self;
      return Math.log2((n + 1) / (Math.max(0, line.templateCount - line.self) + 0.5));
    }),
};
