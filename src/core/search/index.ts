/**
 * Public API of the name search (issue: search). Other modules import ONLY from this file.
 */
export { NameSearchIndex, SEARCH_SCORING_CAP } from './name-search-index.js'
export {
  DEFAULT_SEARCH_LIMIT,
  MAX_QUERY_CHARACTERS,
  MAX_QUERY_TOKENS,
  MAX_SEARCH_LIMIT,
  clampSearchLimit,
  parseSearchQuery,
} from './search-query.js'
export type { ParsedSearchQuery, QueryRejected, QueryRejectionReason } from './search-query.js'
export { SEARCH_MATCH_LEVELS } from './search-types.js'
export type {
  SearchFilters,
  SearchHit,
  SearchIndexStats,
  SearchMatchLevel,
  SearchMatchReason,
  SearchNamePart,
  SearchOptions,
  SearchOutcome,
} from './search-types.js'
