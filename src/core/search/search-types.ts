/**
 * Types of the name search: what a hit says, which filters exist, and the match levels a
 * query token can reach against a name token.
 */
import type { Sex } from '../records/record-fields.js'
import type { QueryRejected } from './search-query.js'

/**
 * How one query token matched one name token, strongest first. Mirrors the name engine's
 * levels (names/index.ts NAME_MATCH_LEVELS) plus `prefix` for a name typed partially.
 */
export const SEARCH_MATCH_LEVELS = [
  'exact',
  'variant',
  'cross-script',
  'ocr',
  'close',
  'prefix',
] as const
export type SearchMatchLevel = (typeof SEARCH_MATCH_LEVELS)[number]

/** Which name part of a record a query token matched. */
export type SearchNamePart =
  | 'first_name'
  | 'father_name'
  | 'grandfather_name'
  | 'family_name'
  | 'mother_name'
  | 'mother_family_name'
  | 'full_name'

/** One reason a record was returned: a query token, the name token it met, and how. */
export interface SearchMatchReason {
  /** The normalised query token. */
  query: string
  /** The normalised name token of the record. */
  token: string
  part: SearchNamePart
  level: SearchMatchLevel
}

/** One ranked record. */
export interface SearchHit {
  recordId: string
  /** 0..~1.05; higher is better. Comparable within one query only. */
  score: number
  matched: SearchMatchReason[]
}

/**
 * Filters narrow by what a record states. A record that does not state a filtered field is
 * kept unless `excludeUnknown` is set: a missing birth year is not evidence against a match.
 */
export interface SearchFilters {
  sex?: Sex | undefined
  /** Inclusive. */
  birthYearFrom?: number | undefined
  /** Inclusive. */
  birthYearTo?: number | undefined
  /** A gazetteer place id or place text; matches places within it (a town in a governorate). */
  birthPlace?: string | undefined
  /** Source kinds (`family-report`, `register`, ...), case-insensitive. */
  sourceKind?: string | readonly string[] | undefined
  /** A gazetteer place id or text; matches facilities within it. */
  detentionPlace?: string | undefined
  excludeUnknown?: boolean | undefined
}

/** Options of one search call. */
export interface SearchOptions {
  /** Results wanted; clamped to 1..MAX_SEARCH_LIMIT (default DEFAULT_SEARCH_LIMIT). */
  limit?: number | undefined
  filters?: SearchFilters | undefined
  /** Hits below this score are not returned (anti-enumeration). Default 0.25. */
  minScore?: number | undefined
  /** How many top candidates are re-ranked with compareNames. Default 50. */
  rerankDepth?: number | undefined
  /**
   * Top-k pruning (default true). `false` scores every record of every feeding posting list:
   * the same answer, slower — the reference the tests and the benchmark check pruning against.
   */
  pruning?: boolean | undefined
}

/** Result of a search: ranked hits, or the query refused as a value. */
export type SearchOutcome =
  | {
      rejected: false
      hits: SearchHit[]
      /** The limit actually applied after clamping. */
      limit: number
      /** Candidates scored (for diagnostics and the audit record). */
      candidates: number
    }
  | QueryRejected

/** Memory and size figures of an index. */
export interface SearchIndexStats {
  records: number
  liveRecords: number
  vocabulary: number
  postings: number
  places: number
  sourceKinds: number
  /** Bytes held in typed arrays (capacity), excluding strings and maps. */
  typedBytes: number
}
