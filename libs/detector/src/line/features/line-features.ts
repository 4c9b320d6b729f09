import { LEVEL } from './level.feature';
import type { LineFeatureKind } from './line-feature';
import { TEMPLATE_RARITY } from './template-rarity.feature';
import { TFIDF_COLUMNS } from './tfidf-columns.feature';
import { TOKEN_RARITY } from './token-rarity.feature';

/** Which inputs the line forest sees besides the two core features. */
export interface LineFeatureSet {
  /** Add the idf of the line's rarest token as a feature. */
  readonly tokenRarity: boolean;
  /** Add the line's TF-IDF vector (one column per vocabulary term). */
  readonly tfidfColumns: boolean;
}

/** The features of a feature set, in column order: template rarity and level always, then the optional ones. */
export function lineFeatureKinds(set: LineFeatureSet): LineFeatureKind[] {
  return [TEMPLATE_RARITY, LEVEL, ...(set.tokenRarity ? [TOKEN_RARITY] : []), ...(set.tfidfColumns ? [TFIDF_COLUMNS] : [])];
}
