/**
 * The search screen's state as it lives in the address bar. The query and its filters are
 * kept in `/search?q=...&sex=...` so a result list can be shared and the back button walks
 * through earlier searches; the scene reads the URL, never a copy of it. Pure: no DOM.
 */
import { toLatinDigits } from '../form-values.js'

export type SexFilter = '' | 'M' | 'F'

/** What the form holds, all as typed (strings); empty means "no filter". */
export interface SearchForm {
  q: string
  sex: SexFilter
  birthYearFrom: string
  birthYearTo: string
  birthPlace: string
  sourceKind: string
  detentionPlace: string
}

export const EMPTY_SEARCH: SearchForm = {
  q: '',
  sex: '',
  birthYearFrom: '',
  birthYearTo: '',
  birthPlace: '',
  sourceKind: '',
  detentionPlace: '',
}

/** The filters (everything but q), in the order the URL and the form show them. */
export const FILTER_KEYS = [
  'sex',
  'birthYearFrom',
  'birthYearTo',
  'birthPlace',
  'sourceKind',
  'detentionPlace',
] as const satisfies ReadonlyArray<keyof SearchForm>

/** The source kinds the filter offers (the kinds the importers and intake write). */
export const SOURCE_KINDS = [
  'register',
  'intake',
  'morgue',
  'family-report',
  'pfif',
  'ngo-list',
  'photo-index',
] as const

/** How many results one search asks for (the route allows up to 100). */
export const SEARCH_LIMIT = 25

// The route's bounds (src/http/routes/search.routes.ts): text fields and birth years.
const MAX_QUERY = 200
const MAX_PLACE = 100
const MIN_YEAR = 1900
const MAX_YEAR = 2100

/** The form a URL describes; unknown or malformed values become "no filter". */
export function formFromQuery(query: URLSearchParams): SearchForm {
  const read = (key: keyof SearchForm) => query.get(key) ?? ''
  const sex = read('sex')
  return {
    q: read('q'),
    sex: sex === 'M' || sex === 'F' ? sex : '',
    birthYearFrom: read('birthYearFrom'),
    birthYearTo: read('birthYearTo'),
    birthPlace: read('birthPlace'),
    sourceKind: read('sourceKind'),
    detentionPlace: read('detentionPlace'),
  }
}

/** A birth year typed in the form (Arabic-Indic digits accepted); NaN when not one. */
export function parseYear(text: string): number | undefined {
  const clean = toLatinDigits(text).trim()
  if (clean === '') return undefined
  if (!/^\d{4}$/.test(clean)) return Number.NaN
  const year = Number(clean)
  return year >= MIN_YEAR && year <= MAX_YEAR ? year : Number.NaN
}

export type YearProblem = 'invalid' | 'order'

/** What is wrong with the birth-year range, per field; empty when it is fine. */
export function checkYears(
  form: Pick<SearchForm, 'birthYearFrom' | 'birthYearTo'>,
): Partial<Record<'birthYearFrom' | 'birthYearTo', YearProblem>> {
  const from = parseYear(form.birthYearFrom)
  const to = parseYear(form.birthYearTo)
  const out: Partial<Record<'birthYearFrom' | 'birthYearTo', YearProblem>> = {}
  if (from !== undefined && Number.isNaN(from)) out.birthYearFrom = 'invalid'
  if (to !== undefined && Number.isNaN(to)) out.birthYearTo = 'invalid'
  if (out.birthYearFrom === undefined && out.birthYearTo === undefined) {
    if (from !== undefined && to !== undefined && from > to) out.birthYearTo = 'order'
  }
  return out
}

/**
 * The URL parameters of a form: trimmed, empty values left out, years as 0-9 digits, in a
 * fixed order (the same search is the same URL). Invalid years are left out; the form
 * checks them before it navigates.
 */
export function searchParamsOf(form: SearchForm): URLSearchParams {
  const params = new URLSearchParams()
  const q = form.q.trim()
  if (q !== '') params.set('q', q)
  if (form.sex !== '') params.set('sex', form.sex)
  for (const key of ['birthYearFrom', 'birthYearTo'] as const) {
    const year = parseYear(form[key])
    if (year !== undefined && !Number.isNaN(year)) params.set(key, String(year))
  }
  for (const key of ['birthPlace', 'sourceKind', 'detentionPlace'] as const) {
    const value = form[key].trim()
    if (value !== '') params.set(key, value)
  }
  return params
}

/** The address of a search: "/search" or "/search?q=...". */
export function searchPath(form: SearchForm): string {
  const params = searchParamsOf(form).toString()
  return params === '' ? '/search' : `/search?${params}`
}

/**
 * The API's query string for a form, or undefined when there is nothing to search (no query
 * text). Place texts are cut to the route's bound (the inputs do the same; only a hand-made
 * URL can be longer); an over-long query is the scene's to refuse (queryTooLong).
 */
export function apiQueryOf(form: SearchForm, limit = SEARCH_LIMIT): string | undefined {
  const params = searchParamsOf(form)
  const q = params.get('q')
  if (q === null) return undefined
  for (const key of ['birthPlace', 'detentionPlace', 'sourceKind'] as const) {
    const value = params.get(key)
    if (value !== null && value.length > MAX_PLACE) params.set(key, value.slice(0, MAX_PLACE))
  }
  params.set('limit', String(limit))
  return params.toString()
}

/** How many filters are set (shown on the collapsed filter block). */
export function activeFilterCount(form: SearchForm): number {
  const params = searchParamsOf(form)
  return FILTER_KEYS.filter((key) => params.has(key)).length
}

/** True when the query alone is longer than the route accepts. */
export function queryTooLong(q: string): boolean {
  return q.trim().length > MAX_QUERY
}
