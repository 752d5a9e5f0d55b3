/**
 * The pure part of the match review screen: which mark a comparison shows, which field rows
 * a pair has, the running totals of the waterfall, keyboard shortcuts, and dates as written
 * beside a readable form. No React and no DOM here, so each rule has a unit test.
 */
import type { Problem } from '../../../../src/contract/auth.contract.js'
import type { ContradictedDecision } from '../../../../src/core/linkage/decision-conflicts.js'
import type {
  PairStatus,
  ReviewComparison,
  ReviewQueueItem,
  ReviewRecord,
  Verdict,
} from '../../api/review.api.js'
import type { Language } from '../../i18n/messages.js'

/** What a reviewer sees per compared field. Shown with a symbol and a word, never colour alone. */
export type FieldMark = 'agree' | 'partial' | 'disagree' | 'missing'

// The strongest levels of each comparison (src/core/linkage/comparison-levels.ts and the name
// engine's levels). A name written in the other script or as a listed variant is the same
// name, so those count as full agreement; any weaker agreeing level reads as "partial".
const FULL_AGREEMENT = new Set([
  'exact',
  'variant',
  'cross-script',
  'consistent',
  'same-place',
  'same',
])

/** The server says agree/disagree/missing; an agreement below the strongest levels is partial. */
export function fieldMarkOf(comparison: Pick<ReviewComparison, 'mark' | 'level'>): FieldMark {
  if (comparison.mark !== 'agree') return comparison.mark
  return FULL_AGREEMENT.has(comparison.level) ? 'agree' : 'partial'
}

/** The record fields shown, in the order of the Syrian name chain, then the rest. */
export const DISPLAY_FIELDS = [
  'full_name',
  'first_name',
  'father_name',
  'grandfather_name',
  'family_name',
  'mother_name',
  'mother_family_name',
  'sex',
  'birth_date',
  'age',
  'birth_place',
  'national_id',
  'last_seen_date',
  'last_seen_place',
  'detention_place',
  'recorded_on',
  'notes',
] as const
export type DisplayField = (typeof DISPLAY_FIELDS)[number]

/** Fields holding a date as written (YYYY, YYYY-MM or YYYY-MM-DD). */
export const DATE_FIELDS: ReadonlySet<string> = new Set([
  'birth_date',
  'last_seen_date',
  'recorded_on',
])

export interface FieldRow {
  /** A spec field, or `extra:<column>` for a column the spec does not name. */
  field: string
  left: string | undefined
  right: string | undefined
  /** Present when the model compared this field. */
  comparison?: { mark: FieldMark; level: string }
  /** A compared name part a record does not give alone: the model took it from its full name. */
  fromFullName?: { left: boolean; right: boolean }
}

const NAME_PARTS: ReadonlySet<string> = new Set([
  'first_name',
  'father_name',
  'grandfather_name',
  'family_name',
  'mother_name',
  'mother_family_name',
])

function valueOf(record: ReviewRecord, field: string): string | undefined {
  const raw = field.startsWith('extra:')
    ? record.fields.extra?.[field.slice('extra:'.length)]
    : record.fields[field]
  let text: string
  if (typeof raw === 'string') text = raw
  else if (typeof raw === 'number' || typeof raw === 'boolean') text = String(raw)
  else return undefined
  return text.trim() === '' ? undefined : text
}

/**
 * The rows of a pair: every field either record gives, plus every field the model compared
 * (a name part may be compared after parsing a full name neither record splits), with the
 * values exactly as the sources wrote them.
 */
export function pairRows(
  item: Pick<ReviewQueueItem, 'left' | 'right' | 'comparisons'>,
): FieldRow[] {
  const byField = new Map(item.comparisons.map((c) => [c.comparison, c]))
  const extras = [
    ...new Set([
      ...Object.keys(item.left.fields.extra ?? {}),
      ...Object.keys(item.right.fields.extra ?? {}),
    ]),
  ].map((k) => `extra:${k}`)
  const rows: FieldRow[] = []
  for (const field of [...DISPLAY_FIELDS, ...extras]) {
    const left = valueOf(item.left, field)
    const right = valueOf(item.right, field)
    const compared = byField.get(field)
    const meaningful = compared !== undefined && compared.mark !== 'missing'
    if (left === undefined && right === undefined && !meaningful) continue
    const row: FieldRow = { field, left, right }
    if (compared) row.comparison = { mark: fieldMarkOf(compared), level: compared.level }
    if (meaningful && NAME_PARTS.has(field)) {
      const fromFull = (value: string | undefined, record: ReviewRecord) =>
        value === undefined && valueOf(record, 'full_name') !== undefined
      const left = fromFull(row.left, item.left)
      const right = fromFull(row.right, item.right)
      if (left || right) row.fromFullName = { left, right }
    }
    rows.push(row)
  }
  return rows
}

// ---- the waterfall -------------------------------------------------------------------

export interface WaterfallStep {
  comparison: string
  level: string
  weight: number
  /** Running total before and after this step. */
  from: number
  to: number
}

export interface Waterfall {
  prior: number
  steps: WaterfallStep[]
  matchWeight: number
  matchProbability: number
}

/**
 * The waterfall of a pair: the prior, then each field that weighs something, each starting
 * where the previous ended. Undefined in blind mode (the server sends no numbers).
 */
export function waterfallOf(item: ReviewQueueItem): Waterfall | undefined {
  const { prior, matchWeight, matchProbability } = item
  if (prior === undefined || matchWeight === undefined || matchProbability === undefined) {
    return undefined
  }
  const steps: WaterfallStep[] = []
  let running = prior
  for (const c of item.comparisons) {
    if (c.weight === undefined || c.weight === 0) continue
    steps.push({
      comparison: c.comparison,
      level: c.level,
      weight: c.weight,
      from: running,
      to: running + c.weight,
    })
    running += c.weight
  }
  return { prior, steps, matchWeight, matchProbability }
}

export type BarKind = 'prior' | 'up' | 'down' | 'total'

export interface ChartBar {
  /** `prior`, a comparison name, or `total`. */
  key: string
  kind: BarKind
  value: number
  x: number
  y: number
  width: number
  height: number
  /** Centre of the bar's column, for its label. */
  labelX: number
  /** Where the value is written: beyond the bar's outer end. */
  valueY: number
}

export interface ChartLayout {
  width: number
  height: number
  zeroY: number
  labelY: number
  bars: ChartBar[]
  /** Dashed lines carrying the running total from one bar to the next. */
  connectors: Array<{ x1: number; x2: number; y: number }>
}

export const CHART = {
  column: 84,
  minColumn: 52,
  padding: 12,
  top: 24,
  plot: 180,
  gap: 20,
  label: 36,
}

/**
 * Geometry of the waterfall: one column per bar in reading order, so in a right-to-left
 * page the prior stands at the right and the total at the left. Heights are to scale; zero
 * (even odds) is a line across. `available` is the width the chart may take: columns narrow
 * down to CHART.minColumn to fit a phone, below that the chart scrolls in its box.
 */
export function chartLayout(
  w: Waterfall,
  direction: 'ltr' | 'rtl',
  available = Number.POSITIVE_INFINITY,
): ChartLayout {
  const C = CHART
  const count = w.steps.length + 2
  const column = Math.max(
    C.minColumn,
    Math.min(C.column, Math.floor((available - 2 * C.padding) / count)),
  )
  const barWidth = Math.round(column / 2)
  const spans: Array<{ key: string; kind: BarKind; from: number; to: number; value: number }> = [
    { key: 'prior', kind: 'prior', from: 0, to: w.prior, value: w.prior },
    ...w.steps.map((s) => ({
      key: s.comparison,
      kind: s.weight > 0 ? ('up' as const) : ('down' as const),
      from: s.from,
      to: s.to,
      value: s.weight,
    })),
    { key: 'total', kind: 'total', from: 0, to: w.matchWeight, value: w.matchWeight },
  ]
  const values = [0, ...spans.flatMap((s) => [s.from, s.to])]
  const lo = Math.min(...values)
  let hi = Math.max(...values)
  if (hi - lo < 1) hi = lo + 1
  const width = C.padding * 2 + spans.length * column
  const height = C.top + C.plot + C.gap + C.label
  const y = (v: number) => C.top + ((hi - v) / (hi - lo)) * C.plot
  const columnX = (i: number) => {
    const ltr = C.padding + i * column
    return direction === 'ltr' ? ltr : width - ltr - column
  }
  const bars: ChartBar[] = spans.map((s, i) => {
    const top = y(Math.max(s.from, s.to))
    const bottom = y(Math.min(s.from, s.to))
    const goesUp = s.to >= s.from
    return {
      key: s.key,
      kind: s.kind,
      value: s.value,
      x: columnX(i) + (column - barWidth) / 2,
      y: top,
      width: barWidth,
      // A zero-height bar would vanish; a hairline keeps its place visible.
      height: Math.max(1, bottom - top),
      labelX: columnX(i) + column / 2,
      valueY: goesUp ? top - 6 : bottom + 14,
    }
  })
  const connectors = bars.slice(0, -1).map((bar, i) => {
    const next = bars[i + 1] as ChartBar
    const level = y(spans[i]?.to ?? 0)
    const [x1, x2] =
      direction === 'ltr' ? [bar.x + bar.width, next.x] : [next.x + next.width, bar.x]
    return { x1, x2, y: level }
  })
  return { width, height, zeroY: y(0), labelY: C.top + C.plot + C.gap + 12, bars, connectors }
}

/**
 * A bar's label on at most two lines (SVG text does not wrap): a label of several words is
 * cut at the space nearest its middle.
 */
export function labelLines(label: string): string[] {
  const words = label.trim().split(/\s+/)
  if (words.length < 2 || label.length <= 8) return [label]
  let best = 1
  let bestGap = Number.POSITIVE_INFINITY
  for (let i = 1; i < words.length; i++) {
    const gap = Math.abs(words.slice(0, i).join(' ').length - words.slice(i).join(' ').length)
    if (gap < bestGap) {
      best = i
      bestGap = gap
    }
  }
  return [words.slice(0, best).join(' '), words.slice(best).join(' ')]
}

// ---- keyboard ------------------------------------------------------------------------

export type ReviewAction = Verdict | 'skip'

/** The shortcut letter of each action, shown on its button. */
export const SHORTCUT_KEYS: Readonly<Record<ReviewAction, string>> = {
  same: 'S',
  not_same: 'N',
  unsure: 'U',
  skip: 'K',
}

const BY_CODE: Readonly<Record<string, ReviewAction>> = {
  KeyS: 'same',
  KeyN: 'not_same',
  KeyU: 'unsure',
  KeyK: 'skip',
}

export interface KeyLike {
  key: string
  code: string
  ctrlKey: boolean
  altKey: boolean
  metaKey: boolean
  repeat?: boolean
}

/** Whether keys typed here are text (the note), not shortcuts. */
export function isTypingTarget(target: unknown): boolean {
  if (typeof target !== 'object' || target === null) return false
  const el = target as { tagName?: unknown; isContentEditable?: unknown; type?: unknown }
  if (el.isContentEditable === true) return true
  const tag = typeof el.tagName === 'string' ? el.tagName.toUpperCase() : ''
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true
  if (tag !== 'INPUT') return false
  // A checkbox or radio takes no text: shortcuts still work with one focused.
  const type = typeof el.type === 'string' ? el.type : 'text'
  return !['checkbox', 'radio', 'button', 'submit'].includes(type)
}

/**
 * The action a key press asks for. The physical key (`code`) decides, so the shortcuts work
 * with an Arabic keyboard layout too; the arrow that points forward in the page's direction
 * (→ in English, ← in Arabic) skips. Held-down keys and chords are not shortcuts.
 */
export function shortcutAction(
  event: KeyLike,
  direction: 'ltr' | 'rtl',
  target: unknown,
): ReviewAction | undefined {
  if (event.ctrlKey || event.altKey || event.metaKey || event.repeat === true) return undefined
  if (isTypingTarget(target) || !inShortcutScope(target)) return undefined
  const byCode = BY_CODE[event.code]
  if (byCode) return byCode
  const lower = event.key.toLowerCase()
  const byKey = Object.entries(SHORTCUT_KEYS).find(([, k]) => k.toLowerCase() === lower)
  if (byKey) return byKey[0] as ReviewAction
  const forward = direction === 'rtl' ? 'ArrowLeft' : 'ArrowRight'
  return event.key === forward ? 'skip' : undefined
}

/** The attribute that marks the part of the screen where review shortcuts apply. */
export const SHORTCUT_SCOPE_ATTRIBUTE = 'data-review-shortcuts'

/**
 * Whether a key pressed with the focus on `target` may be a review shortcut: with the focus
 * on the page itself or inside the pair being reviewed, not on the header, the language
 * switch, the queue tabs or the blind-mode box — a letter or an arrow typed there is not a
 * decision about the pair (a reviewer moving through the header must not decide by accident).
 */
export function inShortcutScope(target: unknown): boolean {
  if (target === null || typeof target !== 'object') return true
  const el = target as { tagName?: unknown; closest?: unknown }
  if (el.tagName === 'BODY' || el.tagName === 'HTML') return true
  if (typeof el.closest !== 'function') return true
  return (
    (el.closest as (selector: string) => unknown).call(el, `[${SHORTCUT_SCOPE_ATTRIBUTE}]`) != null
  )
}

/** The arrow that means "next" in a page of this direction. */
export function forwardArrow(direction: 'ltr' | 'rtl'): string {
  return direction === 'rtl' ? '\u2190' : '\u2192'
}

// ---- queues and outcomes -------------------------------------------------------------

/** The pairs waiting for a second opinion (the server gives them only to who may give it). */
export function secondOpinionItems(items: readonly ReviewQueueItem[]): ReviewQueueItem[] {
  return items.filter((i) => i.status === 'awaiting_second_review')
}

/** One key per pair, whichever side is left. */
export function pairKeyOf(item: Pick<ReviewQueueItem, 'left' | 'right'>): string {
  const [a, b] = [item.left.id, item.right.id].sort()
  return `${a}|${b}`
}

/** The message told after a decision, by the pair's status it produced. */
export function outcomeKey(status: PairStatus): `review.outcome.${PairStatus}` {
  return `review.outcome.${status}`
}

// ---- dates ---------------------------------------------------------------------------

const LOCALES: Record<Language, string> = {
  ar: 'ar-SY-u-ca-gregory-nu-latn',
  en: 'en-GB-u-ca-gregory-nu-latn',
}

/**
 * A date as written in a source, in words: "11 تموز 2014" for 2014-07-11, "تموز 2014" for
 * 2014-07. Undefined for a year alone (already readable) or anything not a valid date, so
 * the screen shows only what was written.
 */
export function readableDate(value: string, language: Language): string | undefined {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?(?:T.*)?$/.exec(value.trim())
  if (!m) return undefined
  const year = Number(m[1])
  const month = Number(m[2])
  const day = m[3] === undefined ? undefined : Number(m[3])
  if (month < 1 || month > 12) return undefined
  const date = new Date(Date.UTC(year, month - 1, day ?? 1))
  if (day !== undefined && date.getUTCDate() !== day) return undefined
  return new Intl.DateTimeFormat(LOCALES[language], {
    ...(day === undefined ? {} : { day: 'numeric' }),
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date)
}

/** A weight with one decimal and its sign, Latin digits in both languages. */
export function formatWeight(value: number, language: Language): string {
  return new Intl.NumberFormat(LOCALES[language], {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  }).format(value)
}

/** A probability as a percentage, e.g. 50%. */
export function formatProbability(value: number, language: Language): string {
  return new Intl.NumberFormat(LOCALES[language], {
    style: 'percent',
    maximumFractionDigits: 0,
  }).format(value)
}

/**
 * The pair a link asked for (`/review?left=…&right=…`, e.g. from a contradiction notice), or
 * none: two different, non-empty record ids of sane length.
 */
export function chosenPairOf(query: URLSearchParams): { left: string; right: string } | undefined {
  const left = query.get('left')?.trim() ?? ''
  const right = query.get('right')?.trim() ?? ''
  if (left === '' || right === '' || left === right) return undefined
  if (left.length > 200 || right.length > 200) return undefined
  return { left, right }
}

/** The review screen's address for one chosen pair. */
export function chosenPairPath(left: string, right: string): string {
  return `/review?${new URLSearchParams({ left, right }).toString()}`
}

/** The contradicted decisions of a 409 from the decision route, or none. */
export function contradictionsOf(problem: Problem | undefined): ContradictedDecision[] {
  if (problem?.code !== 'conflict') return []
  const list = problem.details?.contradicts
  return Array.isArray(list)
    ? list.filter(
        (d): d is ContradictedDecision =>
          typeof d === 'object' &&
          d !== null &&
          typeof (d as { decisionId?: unknown }).decisionId === 'string',
      )
    : []
}

export type { ContradictedDecision }
