/**
 * The timeline of one person, assembled from the accounts (records) linked to it. Every
 * event cites the record it comes from, and accounts are never merged: when two accounts
 * give different dates for the same kind of event, both events stay and both are marked
 * as disagreeing, so that a reader sees the conflict instead of a silent choice
 * (issue #5: "dates that disagree between accounts are both shown").
 *
 * Pure: the caller passes the records in (with whether a record says the person died,
 * which the services decide) and gets the ordered events back.
 */
import { parsePartialDate } from '../records/field-value-parser.js'
import type { PersonRecordFields } from '../records/record-fields.js'

export const TIMELINE_EVENT_KINDS = [
  'birth',
  'arrest',
  'last_seen',
  'detention',
  'release',
  'intake',
  'death',
  'recorded',
] as const

export type TimelineEventKind = (typeof TIMELINE_EVENT_KINDS)[number]

/** One account as the timeline needs it. */
export interface TimelineSource {
  recordId: string
  /** `family-report`, `register`, `intake`, `morgue`, … */
  sourceKind: string
  fields: PersonRecordFields
  /** The record says (or its source implies) that the person is dead. */
  deceased?: boolean | undefined
}

export interface TimelineEvent {
  kind: TimelineEventKind
  /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, the precision the source wrote; null when undated. */
  date: string | null
  /** The value as written when it could not be read as a date (shown verbatim, never dropped). */
  dateText: string | null
  place: string | null
  /** The record the event comes from. */
  recordId: string
  sourceKind: string
  /** The field (or extra column) the event was read from. */
  field: string
  /** Another account gives an incompatible date for the same kind of event. */
  disagrees: boolean
}

// Extra columns (not in the interchange spec) that carry dates or places of events, in
// English or Arabic headers as registers and NGO lists write them.
const EXTRA_DATE: ReadonlyArray<readonly [TimelineEventKind, RegExp]> = [
  [
    'arrest',
    /arrest|detained[_ ]?(on|date)|detention[_ ]?date|تاريخ[_ ]?(الاعتقال|الاحتجاز|التوقيف)/i,
  ],
  ['release', /release|freed|تاريخ[_ ]?(الإفراج|الافراج|الخروج)/i],
  ['death', /death[_ ]?date|date[_ ]?of[_ ]?death|died[_ ]?on|تاريخ[_ ]?الوفاة/i],
]
const EXTRA_PLACE: ReadonlyArray<readonly [TimelineEventKind, RegExp]> = [
  ['arrest', /arrest[_ ]?place|place[_ ]?of[_ ]?arrest|مكان[_ ]?(الاعتقال|التوقيف)/i],
  ['release', /release[_ ]?place|place[_ ]?of[_ ]?release|مكان[_ ]?(الإفراج|الافراج)/i],
  ['death', /death[_ ]?place|place[_ ]?of[_ ]?death|مكان[_ ]?الوفاة/i],
]

/** Kinds whose dates should agree across accounts (recording dates naturally differ). */
const COMPARED: ReadonlySet<TimelineEventKind> = new Set([
  'birth',
  'arrest',
  'last_seen',
  'release',
  'death',
])

const RANK = new Map<TimelineEventKind, number>(TIMELINE_EVENT_KINDS.map((k, i) => [k, i]))

function readDate(text: string | undefined): { date: string | null; dateText: string | null } {
  if (text === undefined || text.trim() === '') return { date: null, dateText: null }
  const parsed = parsePartialDate(text, { acceptDayFirst: true })
  return parsed.ok ? { date: parsed.value, dateText: null } : { date: null, dateText: text.trim() }
}

function blank(v: string | undefined): string | null {
  return v === undefined || v.trim() === '' ? null : v.trim()
}

/** Two partial dates agree when one is a prefix of the other (`2013` and `2013-05-04`). */
export function datesAgree(a: string, b: string): boolean {
  return a.startsWith(b) || b.startsWith(a)
}

function eventsOf(source: TimelineSource): TimelineEvent[] {
  const f = source.fields
  const out: TimelineEvent[] = []
  const push = (
    kind: TimelineEventKind,
    field: string,
    dateValue: string | undefined,
    place: string | null,
  ): void => {
    const { date, dateText } = readDate(dateValue)
    if (date === null && dateText === null && place === null) return
    out.push({
      kind,
      date,
      dateText,
      place,
      recordId: source.recordId,
      sourceKind: source.sourceKind,
      field,
      disagrees: false,
    })
  }
  const isIntake = source.sourceKind === 'intake'

  push('birth', 'birth_date', f.birth_date, blank(f.birth_place))
  push('last_seen', 'last_seen_date', f.last_seen_date, blank(f.last_seen_place))

  const places = new Map<TimelineEventKind, { field: string; value: string }>()
  for (const [key, value] of Object.entries(f.extra)) {
    const kind = EXTRA_PLACE.find(([, re]) => re.test(key))?.[0]
    if (kind !== undefined && blank(value) !== null && !places.has(kind)) {
      places.set(kind, { field: key, value: value.trim() })
    }
  }
  const dated = new Set<TimelineEventKind>()
  for (const [key, value] of Object.entries(f.extra)) {
    if (EXTRA_PLACE.some(([, re]) => re.test(key))) continue
    const kind = EXTRA_DATE.find(([, re]) => re.test(key))?.[0]
    if (kind === undefined || blank(value) === null) continue
    dated.add(kind)
    push(kind, key, value, places.get(kind)?.value ?? null)
  }
  for (const [kind, place] of places) {
    if (!dated.has(kind)) push(kind, place.field, undefined, place.value)
  }

  if (isIntake) {
    // An intake is registered where the person was found: the date is the registration.
    push('intake', 'recorded_on', f.recorded_on, blank(f.detention_place))
  } else {
    push('detention', 'detention_place', undefined, blank(f.detention_place))
    push('recorded', 'recorded_on', f.recorded_on, null)
  }
  if (source.deceased === true && !out.some((e) => e.kind === 'death')) {
    // The record says the person died without a date column we know: an undated event.
    out.push({
      kind: 'death',
      date: null,
      dateText: null,
      place: null,
      recordId: source.recordId,
      sourceKind: source.sourceKind,
      field: 'record',
      disagrees: false,
    })
  }
  return out
}

/**
 * Events of all the accounts, dated ones first in date order (ties: kind, then record),
 * then the undated ones by kind. Disagreements are marked, never resolved.
 */
export function assembleTimeline(sources: readonly TimelineSource[]): TimelineEvent[] {
  const events = sources.flatMap(eventsOf)
  for (const kind of COMPARED) {
    const same = events.filter((e) => e.kind === kind && e.date !== null)
    for (const e of same) {
      e.disagrees = same.some((o) => o !== e && !datesAgree(o.date ?? '', e.date ?? ''))
    }
  }
  const rank = (e: TimelineEvent): number => RANK.get(e.kind) ?? 99
  return events.sort((a, b) => {
    if (a.date !== null && b.date !== null && a.date !== b.date) {
      return a.date < b.date ? -1 : 1
    }
    if ((a.date === null) !== (b.date === null)) return a.date === null ? 1 : -1
    return rank(a) - rank(b) || a.recordId.localeCompare(b.recordId)
  })
}
