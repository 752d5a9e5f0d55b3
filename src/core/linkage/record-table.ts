/**
 * The linkage engine's in-memory form of records: every value interned to a small integer
 * once per DISTINCT value (names, places), every field a typed-array column (−1 or 0 =
 * missing). All later work — blocking, comparing, scoring — is integer work, and columns
 * can live in SharedArrayBuffers so scoring workers read them without copying
 * (shared/design/linkage-at-scale.md: "intern every value").
 */
import {
  crossScriptKey,
  detectScript,
  looseCrossScriptKey,
  normalizeName,
  ocrKey,
  parseFullName,
} from '../names/index.js'
import { findPlaceById, resolvePlace } from '../places/index.js'
import type { PersonRecordFields } from '../records/record-fields.js'
import { NAME_COMPARISONS, NAME_COMPARISON_COUNT } from './comparison-levels.js'

/** One record's raw values as the linkage engine reads them (spec column names). */
export interface LinkageRecordInput {
  record_id: string
  full_name?: string | undefined
  first_name?: string | undefined
  father_name?: string | undefined
  grandfather_name?: string | undefined
  family_name?: string | undefined
  mother_name?: string | undefined
  mother_family_name?: string | undefined
  sex?: string | undefined
  birth_date?: string | undefined
  age?: string | number | undefined
  recorded_on?: string | undefined
  birth_place?: string | undefined
  national_id?: string | undefined
  detention_place?: string | undefined
}

/** Input fields other than record_id. */
export type LinkageInputField = Exclude<keyof LinkageRecordInput, 'record_id'>
type NameComparisonFieldName = (typeof NAME_COMPARISONS)[number]

/** The fields the linkage engine reads from a record (besides record_id). */
export const LINKAGE_INPUT_FIELDS: readonly LinkageInputField[] = [
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
  'recorded_on',
  'birth_place',
  'national_id',
  'detention_place',
]

/**
 * The engine's view of a person record: the fields linkage compares, under `recordId`
 * (a stored record's database id, or the file's record_id).
 */
export function linkageInputOf(
  fields: PersonRecordFields,
  recordId: string = fields.record_id,
): LinkageRecordInput {
  const input: Record<string, string | number> = { record_id: recordId }
  for (const name of LINKAGE_INPUT_FIELDS) {
    const value = fields[name]
    if (value !== undefined) input[name] = value
  }
  return input as unknown as LinkageRecordInput
}

/** One raw column: its distinct strings and, per row, the index of its string (−1 = blank). */
export interface RawColumn {
  values: string[]
  rows: Int32Array
}

/** Records as raw columns (what the fast CSV loader produces). */
export interface RawRecordColumns {
  count: number
  recordIds: string[]
  columns: Partial<Record<LinkageInputField, RawColumn>>
}

/** Script codes kept per distinct name (for per-script evaluation). */
export const SCRIPT_CODES = { none: 0, arabic: 1, latin: 2, mixed: 3 } as const

/** The typed-array columns of a set of records (length ≥ size; rows past size unused). */
export interface RecordColumns {
  size: number
  /** One column per name comparison: name value id, −1 = missing. */
  names: Int32Array[]
  /** Birth year, month, day (0 = unknown). A `YYYY-01-01` date is kept as year only. */
  birthYear: Int16Array
  birthMonth: Uint8Array
  birthDay: Uint8Array
  /** Birth year estimated from `age` at `recorded_on` (0 = none). */
  ageYear: Int16Array
  /** National number as an integer, NaN = missing. */
  nationalId: Float64Array
  /** Place value ids (−1 = missing). */
  birthPlace: Int32Array
  detentionPlace: Int32Array
  /** 0 = unknown, 1 = M, 2 = F. */
  sex: Uint8Array
}

/** Per distinct name value: its display text and integer keys. */
export interface NameValues {
  /** The first original spelling seen for the normalised value (what compareNames sees). */
  display: string[]
  /** Interned cross-script key of the value. */
  crossKey: number[]
  /** Interned OCR (dot-collapse) key of the value. */
  ocrKey: number[]
  /** Interned loose cross-script key (transliteration families folded; for blocking). */
  looseKey: number[]
  /** Script code (SCRIPT_CODES). */
  script: number[]
}

/** Per distinct place value: its governorate (interned, −1 = unknown). */
export interface PlaceValues {
  key: string[]
  governorate: number[]
}

type TypedColumn = Int32Array | Int16Array | Uint8Array | Float64Array
type TypedCtor<T extends TypedColumn> = {
  new (buffer: ArrayBufferLike, offset?: number, length?: number): T
  readonly BYTES_PER_ELEMENT: number
}

function allocateColumn<T extends TypedColumn>(
  ctor: TypedCtor<T>,
  length: number,
  shared: boolean,
): T {
  const bytes = Math.max(8, length * ctor.BYTES_PER_ELEMENT)
  const buffer = shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes)
  return new ctor(buffer, 0, length)
}

function growColumn<T extends TypedColumn>(
  ctor: TypedCtor<T>,
  old: T,
  length: number,
  shared: boolean,
  fill?: number,
): T {
  const next = allocateColumn(ctor, length, shared)
  next.set(old)
  if (fill !== undefined) next.fill(fill, old.length)
  return next
}

const DIGITS_EASTERN = /[\u0660-\u0669\u06F0-\u06F9]/g

/** Parse a national number to an integer; placeholders (all one digit) and junk are missing. */
export function parseNationalId(text: string | undefined): number {
  if (text === undefined) return Number.NaN
  const digits = text
    .replace(DIGITS_EASTERN, (c) => String(c.charCodeAt(0) & 0xf))
    .replace(/\D/g, '')
  if (digits.length < 5 || digits.length > 15) return Number.NaN
  // Generic-value detection (Senzing's lesson): 00000000000 or 11111111111 identify nobody.
  if (/^(\d)\1*$/.test(digits)) return Number.NaN
  return Number(digits)
}

/** Parse `YYYY`, `YYYY-MM` or `YYYY-MM-DD` into [year, month, day] (0 = unknown). */
export function parsePartialDate(text: string | undefined): [number, number, number] {
  if (text === undefined) return [0, 0, 0]
  const m = /^\s*(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?\s*$/.exec(text)
  if (!m) return [0, 0, 0]
  const year = Number(m[1])
  let month = m[2] === undefined ? 0 : Number(m[2])
  let day = m[3] === undefined ? 0 : Number(m[3])
  if (year < 1850 || year > 2100) return [0, 0, 0]
  if (month < 1 || month > 12) month = 0
  if (day < 1 || day > 31 || month === 0) day = 0
  return [year, month, day]
}

/**
 * The records' columns plus the dictionaries of distinct values, growable by one record
 * at a time (the incremental linker appends to it).
 */
export class RecordTable {
  readonly ids: string[] = []
  readonly nameValues: NameValues = {
    display: [],
    crossKey: [],
    ocrKey: [],
    looseKey: [],
    script: [],
  }
  readonly placeValues: PlaceValues = { key: [], governorate: [] }
  columns: RecordColumns
  private readonly shared: boolean
  private readonly nameIdByNormal = new Map<string, number>()
  private readonly nameIdByRaw = new Map<string, number>()
  private readonly crossKeyIds = new Map<string, number>()
  private readonly ocrKeyIds = new Map<string, number>()
  private readonly looseKeyIds = new Map<string, number>()
  private readonly placeIdByRaw = new Map<string, number>()
  private readonly placeIdByKey = new Map<string, number>()
  private readonly governorateIds = new Map<string, number>()
  private readonly dateByRaw = new Map<string, number>()

  /** `shared` puts the columns in SharedArrayBuffers (for scoring workers). */
  constructor(options: { capacity?: number; shared?: boolean } = {}) {
    this.shared = options.shared ?? false
    const capacity = Math.max(16, options.capacity ?? 1024)
    const s = this.shared
    const names: Int32Array[] = []
    for (let f = 0; f < NAME_COMPARISON_COUNT; f++) {
      names.push(allocateColumn(Int32Array, capacity, s).fill(-1))
    }
    this.columns = {
      size: 0,
      names,
      birthYear: allocateColumn(Int16Array, capacity, s),
      birthMonth: allocateColumn(Uint8Array, capacity, s),
      birthDay: allocateColumn(Uint8Array, capacity, s),
      ageYear: allocateColumn(Int16Array, capacity, s),
      nationalId: allocateColumn(Float64Array, capacity, s).fill(Number.NaN),
      birthPlace: allocateColumn(Int32Array, capacity, s).fill(-1),
      detentionPlace: allocateColumn(Int32Array, capacity, s).fill(-1),
      sex: allocateColumn(Uint8Array, capacity, s),
    }
  }

  /** Number of records. */
  get size(): number {
    return this.columns.size
  }

  /** Append one record; returns its row index. */
  addRecord(input: LinkageRecordInput): number {
    if (this.columns.size === this.columns.birthYear.length) this.grow(this.columns.size * 2)
    const c = this.columns
    const row = c.size
    this.ids.push(input.record_id)
    let first = input.first_name
    let father = input.father_name
    let grandfather = input.grandfather_name
    let family = input.family_name
    if (first === undefined && family === undefined && input.full_name !== undefined) {
      // A record with only full_name: split it with the name engine.
      const parsed = parseFullName(input.full_name)
      first = parsed.first_name
      father ??= parsed.father_name
      grandfather ??= parsed.grandfather_name
      family = parsed.family_name
    }
    const values = [first, father, grandfather, family, input.mother_name, input.mother_family_name]
    for (let f = 0; f < NAME_COMPARISON_COUNT; f++) {
      const column = c.names[f]
      if (column) column[row] = this.internName(values[f])
    }
    const packed = this.internDate(input.birth_date)
    c.birthYear[row] = packed >> 9
    c.birthMonth[row] = (packed >> 5) & 15
    c.birthDay[row] = packed & 31
    c.ageYear[row] = this.estimateBirthYear(input.age, input.recorded_on)
    c.nationalId[row] = parseNationalId(input.national_id)
    c.birthPlace[row] = this.internPlace(input.birth_place)
    c.detentionPlace[row] = this.internPlace(input.detention_place)
    const sex = input.sex?.trim().toUpperCase()
    c.sex[row] = sex === 'M' ? 1 : sex === 'F' ? 2 : 0
    c.size = row + 1
    return row
  }

  /**
   * Append many records given as raw columns (distinct strings + a per-row index), the
   * fast path of the file loader: every distinct value is normalised once, rows are
   * filled by integer remapping.
   */
  appendRawColumns(raw: RawRecordColumns): void {
    const start = this.columns.size
    const count = raw.count
    let capacity = this.columns.birthYear.length
    while (capacity < start + count) capacity *= 2
    if (capacity !== this.columns.birthYear.length) this.grow(capacity)
    const c = this.columns
    for (let r = 0; r < count; r++) this.ids.push(raw.recordIds[r] ?? '')
    const mapValues = <T>(
      column: RawColumn | undefined,
      fn: (text: string) => T,
    ): T[] | undefined => (column ? column.values.map(fn) : undefined)
    const nameFields = NAME_COMPARISONS
    for (let f = 0; f < NAME_COMPARISON_COUNT; f++) {
      const column = raw.columns[nameFields[f] as NameComparisonFieldName]
      const target = c.names[f] as Int32Array
      const ids = mapValues(column, (t) => this.internName(t))
      for (let r = 0; r < count; r++) {
        const k = column ? (column.rows[r] as number) : -1
        target[start + r] = k < 0 ? -1 : ((ids as number[])[k] as number)
      }
    }
    const full = raw.columns.full_name
    if (full) {
      // Rows with only full_name: split each distinct full name once with the name engine.
      const parsed = new Map<number, number[]>()
      const [first, father, grandfather, family] = c.names as [
        Int32Array,
        Int32Array,
        Int32Array,
        Int32Array,
      ]
      for (let r = 0; r < count; r++) {
        const k = full.rows[r] as number
        const row = start + r
        if (k < 0 || first[row] !== -1 || family[row] !== -1) continue
        let parts = parsed.get(k)
        if (!parts) {
          const p = parseFullName(full.values[k] ?? '')
          parts = [p.first_name, p.father_name, p.grandfather_name, p.family_name].map((t) =>
            this.internName(t),
          )
          parsed.set(k, parts)
        }
        first[row] = parts[0] as number
        if (father[row] === -1) father[row] = parts[1] as number
        if (grandfather[row] === -1) grandfather[row] = parts[2] as number
        family[row] = parts[3] as number
      }
    }
    const dates = mapValues(raw.columns.birth_date, (t) => this.internDate(t))
    const ages = mapValues(raw.columns.age, (t) => Number(t))
    const recorded = mapValues(raw.columns.recorded_on, (t) => parsePartialDate(t)[0])
    const nationalIds = mapValues(raw.columns.national_id, (t) => parseNationalId(t))
    const birthPlaces = mapValues(raw.columns.birth_place, (t) => this.internPlace(t))
    const detentionPlaces = mapValues(raw.columns.detention_place, (t) => this.internPlace(t))
    const sexes = mapValues(raw.columns.sex, (t) => {
      const v = t.trim().toUpperCase()
      return v === 'M' ? 1 : v === 'F' ? 2 : 0
    })
    const at = (column: RawColumn | undefined, r: number): number =>
      column ? (column.rows[r] as number) : -1
    for (let r = 0; r < count; r++) {
      const row = start + r
      const d = at(raw.columns.birth_date, r)
      const packed = d < 0 ? 0 : ((dates as number[])[d] as number)
      c.birthYear[row] = packed >> 9
      c.birthMonth[row] = (packed >> 5) & 15
      c.birthDay[row] = packed & 31
      const a = at(raw.columns.age, r)
      const y = at(raw.columns.recorded_on, r)
      const age = a < 0 ? Number.NaN : ((ages as number[])[a] as number)
      const year = y < 0 ? 0 : ((recorded as number[])[y] as number)
      c.ageYear[row] =
        Number.isFinite(age) && age >= 0 && age <= 120 && year !== 0 ? year - Math.round(age) : 0
      const n = at(raw.columns.national_id, r)
      c.nationalId[row] = n < 0 ? Number.NaN : ((nationalIds as number[])[n] as number)
      const bp = at(raw.columns.birth_place, r)
      c.birthPlace[row] = bp < 0 ? -1 : ((birthPlaces as number[])[bp] as number)
      const dp = at(raw.columns.detention_place, r)
      c.detentionPlace[row] = dp < 0 ? -1 : ((detentionPlaces as number[])[dp] as number)
      const sx = at(raw.columns.sex, r)
      c.sex[row] = sx < 0 ? 0 : ((sexes as number[])[sx] as number)
    }
    c.size = start + count
  }

  /** Row index of a record id (linear; use for explanations, not in loops). */
  findRow(recordId: string): number {
    return this.ids.indexOf(recordId)
  }

  /** Intern a name's text; returns its value id or −1 for missing/blank. */
  internName(text: string | undefined): number {
    if (text === undefined) return -1
    const cached = this.nameIdByRaw.get(text)
    if (cached !== undefined) return cached
    const normal = normalizeName(text)
    let id = -1
    if (normal !== '') {
      const known = this.nameIdByNormal.get(normal)
      if (known !== undefined) id = known
      else {
        id = this.nameValues.display.length
        this.nameIdByNormal.set(normal, id)
        this.nameValues.display.push(text.trim())
        this.nameValues.crossKey.push(internString(this.crossKeyIds, crossScriptKey(text)))
        this.nameValues.ocrKey.push(internString(this.ocrKeyIds, ocrKey(text)))
        this.nameValues.looseKey.push(internString(this.looseKeyIds, looseCrossScriptKey(text)))
        this.nameValues.script.push(SCRIPT_CODES[detectScript(text)])
      }
    }
    this.nameIdByRaw.set(text, id)
    return id
  }

  /** Number of distinct cross-script keys interned so far. */
  get crossKeyCount(): number {
    return this.crossKeyIds.size
  }

  /** Number of distinct OCR keys interned so far. */
  get ocrKeyCount(): number {
    return this.ocrKeyIds.size
  }

  private internDate(text: string | undefined): number {
    if (text === undefined) return 0
    const cached = this.dateByRaw.get(text)
    if (cached !== undefined) return cached
    const [y, m, d] = parsePartialDate(text)
    // 1 January is the usual placeholder for an unknown day and month (Splink's DOB notes,
    // Senzing's generic values): keep only the year so it cannot fake an exact agreement.
    const packed = m === 1 && d === 1 ? y << 9 : (y << 9) | (m << 5) | d
    this.dateByRaw.set(text, packed)
    return packed
  }

  private estimateBirthYear(
    age: string | number | undefined,
    recordedOn: string | undefined,
  ): number {
    if (age === undefined || recordedOn === undefined) return 0
    const years = typeof age === 'number' ? age : Number(age)
    if (!Number.isFinite(years) || years < 0 || years > 120) return 0
    const recordedYear = parsePartialDate(recordedOn)[0]
    return recordedYear === 0 ? 0 : recordedYear - Math.round(years)
  }

  private internPlace(text: string | undefined): number {
    if (text === undefined) return -1
    const cached = this.placeIdByRaw.get(text)
    if (cached !== undefined) return cached
    const resolved = resolvePlace(text)
    const key = resolved ?? `text:${normalizeName(text)}`
    let id = -1
    if (key !== 'text:') {
      const known = this.placeIdByKey.get(key)
      if (known !== undefined) id = known
      else {
        id = this.placeValues.key.length
        this.placeIdByKey.set(key, id)
        this.placeValues.key.push(key)
        const governorate = resolved === undefined ? undefined : findGovernorate(resolved)
        this.placeValues.governorate.push(
          governorate === undefined ? -1 : internString(this.governorateIds, governorate),
        )
      }
    }
    this.placeIdByRaw.set(text, id)
    return id
  }

  private grow(capacity: number): void {
    const c = this.columns
    const s = this.shared
    this.columns = {
      size: c.size,
      names: c.names.map((col) => growColumn(Int32Array, col, capacity, s, -1)),
      birthYear: growColumn(Int16Array, c.birthYear, capacity, s),
      birthMonth: growColumn(Uint8Array, c.birthMonth, capacity, s),
      birthDay: growColumn(Uint8Array, c.birthDay, capacity, s),
      ageYear: growColumn(Int16Array, c.ageYear, capacity, s),
      nationalId: growColumn(Float64Array, c.nationalId, capacity, s, Number.NaN),
      birthPlace: growColumn(Int32Array, c.birthPlace, capacity, s, -1),
      detentionPlace: growColumn(Int32Array, c.detentionPlace, capacity, s, -1),
      sex: growColumn(Uint8Array, c.sex, capacity, s),
    }
  }
}

function internString(map: Map<string, number>, text: string): number {
  const known = map.get(text)
  if (known !== undefined) return known
  const id = map.size
  map.set(text, id)
  return id
}

function findGovernorate(placeId: string): string | undefined {
  let current = findPlaceById(placeId)
  for (let depth = 0; current && depth < 8; depth++) {
    if (current.kind === 'governorate') return current.id
    if (current.parent === undefined) return undefined
    current = findPlaceById(current.parent)
  }
  return undefined
}

/** The effective birth year of a row: the written one, else the age-derived estimate (0 = none). */
export function effectiveBirthYear(columns: RecordColumns, row: number): number {
  const year = columns.birthYear[row] ?? 0
  return year !== 0 ? year : (columns.ageYear[row] ?? 0)
}

/** Names of the name columns, for messages. */
export const NAME_COLUMN_NAMES: readonly string[] = NAME_COMPARISONS
