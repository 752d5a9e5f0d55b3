/**
 * Public API of the name engine (issue 3). Other modules (linkage, search, records,
 * generator checks) import ONLY from this file. The signatures below are a contract:
 * keep them; add to them if needed. Rules, sources and measured figures: docs/names.md.
 */

export { detectScript } from './script-detector.js'
export type { Script } from './script-detector.js'
export { normalizeName, nameTokens } from './name-normalizer.js'
export {
  crossScriptKey,
  unitKey,
  alternativeUnitKeys,
  looseCrossScriptKey,
  looseUnitKey,
} from './cross-script-key.js'
export { ocrKey } from './ocr-key.js'
export { variantGroup, findVariantGroup, VARIANT_GROUP_COUNT } from './variant-table.js'
export type { VariantGroup } from './variant-table.js'
export {
  compareNames,
  compareNamesWithOptions,
  NAME_MATCH_LEVELS,
  CLOSE_SIMILARITY,
} from './name-comparison.js'
export type { NameComparison, NameComparisonOptions, NameMatchLevel } from './name-comparison.js'
export { prepareName } from './prepared-name-comparison.js'
export type { PreparedName } from './prepared-name-comparison.js'
export { parseFullName } from './name-parser.js'
export type { ParsedName } from './name-parser.js'
export { splitNameUnits } from './name-tokenizer.js'
export type { NameUnit } from './name-tokenizer.js'
export { foldArabic } from './arabic-normalizer.js'
export { foldLatin } from './latin-normalizer.js'
export { levenshteinDistance, levenshteinSimilarity } from './string-distance.js'
