/**
 * Parsing and validation of the one search box. Rejections are values, not exceptions: the
 * service maps the reason code to an HTTP problem / CLI exit code.
 *
 * Anti-enumeration (shared/reference/tracing-anchors.md §1.4, §11): Person Finder refuses
 * queries without a part of a name and enforces a minimum word length; encontrados #100
 * warns that confirming "this person is reported" to anyone is what an extortionist needs.
 * So a query must carry at least one name token of two letters or more, and the number of
 * results is capped.
 */
import { nameTokens } from '../names/index.js'

/** Why a query was refused. */
export type QueryRejectionReason =
  | 'query_too_short' // empty, or every token a single letter
  | 'query_too_long' // more characters or tokens than a name has
  | 'query_without_name' // digits/punctuation only (a phone or ID number is not a name search)

/** A refused query, as a value. */
export interface QueryRejected {
  rejected: true
  reason: QueryRejectionReason
  message: string
}

/** A query accepted for search: its normalised tokens in typed order. */
export interface ParsedSearchQuery {
  rejected: false
  /** The text as typed (trimmed). */
  text: string
  /** Normalised name tokens (compounds joined), single letters dropped. */
  tokens: string[]
}

/** Longest query accepted, in characters (a long Syrian name chain is ~80). */
export const MAX_QUERY_CHARACTERS = 200
/** Most tokens accepted (first, father, grandfather, family, mother, mother's family + slack). */
export const MAX_QUERY_TOKENS = 8
/** Results returned when the caller gives no limit. */
export const DEFAULT_SEARCH_LIMIT = 10
/** Hard cap on results per query, whatever the caller asks (anti-enumeration). */
export const MAX_SEARCH_LIMIT = 100

const LETTER = /\p{L}/u

/** Count the letters of a token (marks and digits do not count). */
function countLetters(token: string): number {
  let n = 0
  for (const ch of token) if (LETTER.test(ch)) n++
  return n
}

/** Parse and validate a search box text. */
export function parseSearchQuery(text: string): ParsedSearchQuery | QueryRejected {
  const trimmed = text.trim()
  if (trimmed.length > MAX_QUERY_CHARACTERS) {
    return reject('query_too_long', `a query has at most ${MAX_QUERY_CHARACTERS} characters`)
  }
  const all = nameTokens(trimmed)
  const withLetters = all.filter((t) => countLetters(t) > 0)
  if (all.length > 0 && withLetters.length === 0) {
    return reject('query_without_name', 'a query must contain a name')
  }
  // Single letters (initials such as "M. Halabi") are dropped: alone they would enumerate.
  const tokens = withLetters.filter((t) => countLetters(t) >= 2)
  if (tokens.length === 0) {
    return reject('query_too_short', 'a query needs a name part of at least two letters')
  }
  if (tokens.length > MAX_QUERY_TOKENS) {
    return reject('query_too_long', `a query has at most ${MAX_QUERY_TOKENS} name parts`)
  }
  return { rejected: false, text: trimmed, tokens }
}

/** Clamp a requested result count into 1..MAX_SEARCH_LIMIT. */
export function clampSearchLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_SEARCH_LIMIT
  return Math.max(1, Math.min(MAX_SEARCH_LIMIT, Math.floor(limit)))
}

function reject(reason: QueryRejectionReason, message: string): QueryRejected {
  return { rejected: true, reason, message }
}
