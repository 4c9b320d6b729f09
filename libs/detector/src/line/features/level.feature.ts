import { type LineFeatureKind, scalarFeature } from './line-feature';

/** How far the line's level is above INFO (0 for INFO, DEBUG and lines without a level). */
export const LEVEL: LineFeatureKind = {
  name: 'level',
  fit: () => scalarFeature('level', (line) => line.levelsAboveInfo),
};
