import { type LineFeatureKind, scalarFeature } from './line-feature';

/** The idf of the line's rarest token: a line that says a word training rarely said. */
export const TOKEN_RARITY: LineFeatureKind = { name: 'token_rarity', fit: () => scalarFeature('token_rarity', (line) => line.rarestIdf) };
