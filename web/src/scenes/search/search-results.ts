/**
 * Reading the search route's answer for the screen: a record's name as its source wrote
 * it, the text fields worth showing, why a record came up, and which message a refusal
 * gets. Pure: no DOM, no i18n lookups (keys are returned, the scene translates).
 */
import type { Problem } from '../../../../src/contract/auth.contract.js'

const NAME_ORDER = ['first_name', 'father_name', 'grandfather_name', 'family_name'] as const

/** A field's text, or undefined when the record does not state it (blank means unknown). */
export function textField(fields: Record<string, unknown>, key: string): string | undefined {
  const value = fields[key]
  if (typeof value !== 'string') return undefined
  const clean = value.trim()
  return clean === '' ? undefined : clean
}

/**
 * The name as written in the source: its full name when it kept one unsplit, else its name
 * parts in the usual order (first, father, grandfather, family). '' when it names no one
 * (an unidentified person at the gate).
 */
export function writtenName(fields: Record<string, unknown>): string {
  const full = textField(fields, 'full_name')
  if (full !== undefined) return full
  return NAME_ORDER.map((key) => textField(fields, key))
    .filter((v): v is string => v !== undefined)
    .join(' ')
}

export interface MatchedToken {
  query: string
  token: string
  part: string
  level: string
}

/**
 * The record's normalised name tokens the query met, each once, in the order matched: the
 * normalised form the engine compared (the route gives no normalised whole name).
 */
export function normalisedTokens(matched: readonly MatchedToken[]): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const m of matched) {
    if (m.token === '' || seen.has(m.token)) continue
    seen.add(m.token)
    out.push(m.token)
  }
  return out
}

/** The score as a whole percentage, 0..100 (shown small: a ranking aid, not a verdict). */
export function scorePercent(score: number): number {
  if (!Number.isFinite(score)) return 0
  return Math.round(Math.min(1, Math.max(0, score)) * 100)
}

export type RefusalReason =
  'query_too_short' | 'query_without_name' | 'query_too_long' | 'rate_limited'

const REASONS: ReadonlySet<string> = new Set([
  'query_too_short',
  'query_without_name',
  'query_too_long',
])

/**
 * Why the server refused a search, from the problem's code (and, for query_rejected, the
 * reason the core gave): the screen explains each in its own words. A schema error on `q`
 * can only mean it was too long (the route caps it at 200 characters). undefined for any
 * other problem, which the generic problem message covers.
 */
export function refusalOf(problem: Problem): RefusalReason | undefined {
  if (problem.code === 'rate_limited' || problem.status === 429) return 'rate_limited'
  const errors = (problem.errors ?? []) as Array<{ field?: string; reason?: unknown }>
  if (problem.code === 'query_rejected') {
    const reason = errors.find((e) => typeof e.reason === 'string')?.reason
    return typeof reason === 'string' && REASONS.has(reason) ? (reason as RefusalReason) : undefined
  }
  if (problem.code === 'validation_failed' && errors.some((e) => e.field === 'q')) {
    return 'query_too_long'
  }
  return undefined
}
