/**
 * The `febrl` profile: Latin records shaped like those of FEBRL's data set generator
 * (Christen, "Probabilistic data generation for deduplication and data linkage", 2005):
 * originals with given name, surname, street number, address lines, suburb, postcode,
 * state, date of birth and social-security id, plus duplicates whose count per original
 * follows a Zipf law and which carry typos (insert, delete, substitute, transpose, OCR and
 * phonetic slips, swapped words, missing values). Written from that description, not from
 * its code. Emitted into the spec's columns (given → first_name, surname → family_name,
 * date_of_birth → birth_date, soc_sec_id → national_id, suburb → birth_place); the address
 * parts go to extra columns.
 */
import type { PersonRecordFields } from '../../src/core/records/record-fields.js'
import { formatDate } from './calendar-date.js'
import {
  COMPLEX_NAMES,
  ENGLISH_GIVEN_NAMES,
  ENGLISH_SURNAMES,
  STATE_WEIGHTS,
  STATES,
  STREET_NAMES,
  STREET_TYPES,
  SUBURBS,
  UNIT_WORDS,
} from './data/english-names.data.js'
import type { GeneratedRecord, GeneratorOptions } from './generator.js'
import { RandomSource, WeightedTable } from './random-source.js'

export const FEBRL_EXTRA_COLUMNS = [
  'street_number',
  'address_1',
  'address_2',
  'postcode',
  'state',
] as const

type FebrlField =
  | 'given_name'
  | 'surname'
  | 'street_number'
  | 'address_1'
  | 'address_2'
  | 'suburb'
  | 'postcode'
  | 'state'
  | 'date_of_birth'
  | 'soc_sec_id'

type FebrlRow = Record<FebrlField, string | undefined>

function parseWeighted(text: string): WeightedTable<string> {
  return new WeightedTable(
    text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.length > 0)
      .map((l) => {
        const [name, weight] = l.split('|')
        return [name!, Number(weight ?? 1)] as const
      }),
  )
}

const givenTable = parseWeighted(ENGLISH_GIVEN_NAMES)
const surnameTable = parseWeighted(ENGLISH_SURNAMES)
const streetTable = parseWeighted(STREET_NAMES)
const suburbTable = parseWeighted(SUBURBS)
const stateTable = new WeightedTable(STATES.map((s, i) => [s, STATE_WEIGHTS[i]!] as const))
const POSTCODE_BASE: Record<string, number> = {
  nsw: 2000,
  act: 2600,
  vic: 3000,
  qld: 4000,
  sa: 5000,
  wa: 6000,
  tas: 7000,
  nt: 800,
}

const FIELD_WEIGHTS = new WeightedTable<FebrlField>([
  ['given_name', 20],
  ['surname', 20],
  ['street_number', 5],
  ['address_1', 10],
  ['address_2', 5],
  ['suburb', 10],
  ['postcode', 10],
  ['state', 5],
  ['date_of_birth', 10],
  ['soc_sec_id', 5],
])

const MODIFICATIONS = new WeightedTable<string>([
  ['insert', 15],
  ['delete', 15],
  ['substitute', 25],
  ['transpose', 15],
  ['ocr', 8],
  ['phonetic', 8],
  ['swap-words', 4],
  ['missing', 10],
])

const OCR_PAIRS: readonly (readonly [string, string])[] = [
  ['0', 'o'],
  ['1', 'l'],
  ['5', 's'],
  ['8', 'b'],
  ['m', 'rn'],
  ['cl', 'd'],
  ['g', 'q'],
  ['2', 'z'],
]
const PHONETIC_PAIRS: readonly (readonly [string, string])[] = [
  ['ph', 'f'],
  ['ck', 'k'],
  ['c', 'k'],
  ['ee', 'ea'],
  ['ie', 'y'],
  ['s', 'z'],
  ['ou', 'ow'],
  ['th', 't'],
  ['mm', 'm'],
  ['ll', 'l'],
]
const LETTERS = 'abcdefghijklmnopqrstuvwxyz'
const DIGITS = '0123456789'

function drawDigits(random: RandomSource, n: number): string {
  let out = ''
  for (let i = 0; i < n; i++) out += DIGITS[random.nextInt(10)]
  return out
}

function createOriginal(random: RandomSource): FebrlRow {
  const state = stateTable.draw(random)
  const missing = (p: number): boolean => random.chance(p)
  const year = random.nextBetween(1925, 2005)
  return {
    given_name: missing(0.02) ? undefined : givenTable.draw(random),
    surname: missing(0.01) ? undefined : surnameTable.draw(random),
    street_number: missing(0.05) ? undefined : String(random.nextBetween(1, 300)),
    address_1: missing(0.02)
      ? undefined
      : `${streetTable.draw(random)} ${random.pick(STREET_TYPES)}`,
    address_2: random.chance(0.2)
      ? random.chance(0.5)
        ? `${random.pick(UNIT_WORDS)} ${random.nextBetween(1, 40)}`
        : random.pick(COMPLEX_NAMES)
      : undefined,
    suburb: missing(0.02) ? undefined : suburbTable.draw(random),
    postcode: String(POSTCODE_BASE[state]! + random.nextInt(900)).padStart(4, '0'),
    state: missing(0.02) ? undefined : state,
    date_of_birth: missing(0.05)
      ? undefined
      : formatDate({ year, month: random.nextBetween(1, 12), day: random.nextBetween(1, 28) }),
    soc_sec_id: drawDigits(random, 7),
  }
}

function modify(value: string, kind: string, random: RandomSource): string | undefined {
  const isDigits = /^[0-9-]+$/.test(value)
  const alphabet = isDigits ? DIGITS : LETTERS
  const positions = [...value].map((_, i) => i).filter((i) => value[i] !== '-' && value[i] !== ' ')
  if (positions.length === 0) return value
  const i = random.pick(positions)
  switch (kind) {
    case 'insert':
      return value.slice(0, i) + alphabet[random.nextInt(alphabet.length)] + value.slice(i)
    case 'delete':
      return value.length > 1 ? value.slice(0, i) + value.slice(i + 1) : value
    case 'substitute':
      return value.slice(0, i) + alphabet[random.nextInt(alphabet.length)] + value.slice(i + 1)
    case 'transpose':
      return i + 1 < value.length
        ? value.slice(0, i) + value[i + 1] + value[i] + value.slice(i + 2)
        : value
    case 'ocr':
    case 'phonetic': {
      const pairs = kind === 'ocr' ? OCR_PAIRS : PHONETIC_PAIRS
      const start = random.nextInt(pairs.length)
      for (let k = 0; k < pairs.length; k++) {
        const [a, b] = pairs[(start + k) % pairs.length]!
        if (value.includes(a)) return value.replace(a, b)
        if (value.includes(b)) return value.replace(b, a)
      }
      return value
    }
    case 'swap-words': {
      const words = value.split(' ')
      return words.length > 1 ? [...words.slice(1), words[0]].join(' ') : value
    }
    case 'missing':
      return undefined
    default:
      return value
  }
}

function createDuplicate(original: FebrlRow, random: RandomSource, tags: string[]): FebrlRow {
  const copy: FebrlRow = { ...original }
  const count = random.nextBetween(1, 3)
  const perField = new Map<FebrlField, number>()
  let applied = 0
  // Every duplicate carries at least one modification (bounded tries for sparse rows).
  for (let m = 0; (m < count || applied === 0) && m < count + 20; m++) {
    const field = FIELD_WEIGHTS.draw(random)
    const value = copy[field]
    if (value === undefined || (perField.get(field) ?? 0) >= 2) continue
    // given name and surname swapped is a classic FEBRL modification.
    if (field === 'given_name' && random.chance(0.05)) {
      ;[copy.given_name, copy.surname] = [copy.surname, copy.given_name]
      tags.push('swap-fields:given_name/surname')
      applied++
      continue
    }
    const kind = MODIFICATIONS.draw(random)
    const changed = modify(value, kind, random)
    if (changed === value) continue
    copy[field] = changed
    perField.set(field, (perField.get(field) ?? 0) + 1)
    tags.push(`${kind}:${field}`)
    applied++
  }
  return copy
}

function toFields(row: FebrlRow): PersonRecordFields {
  const extra: Record<string, string> = {}
  for (const column of FEBRL_EXTRA_COLUMNS) {
    const v = row[column]
    if (v !== undefined) extra[column] = v
  }
  return {
    record_id: '',
    source: 'febrl',
    first_name: row.given_name,
    family_name: row.surname,
    birth_date: row.date_of_birth,
    national_id: row.soc_sec_id,
    birth_place: row.suburb,
    extra,
  }
}

/** Generate the febrl profile's records. */
export function* generateFebrlRecords(options: GeneratorOptions): Generator<GeneratedRecord> {
  const random = new RandomSource(options.seed ^ 0x5eb71)
  const target = Math.max(0, options.records)
  const share = Math.min(0.9, Math.max(0, options.febrlDuplicateShare ?? 0.4))
  const maxDuplicates = 5
  const zipf = new WeightedTable(
    Array.from({ length: maxDuplicates }, (_, k) => [k + 1, 1 / (k + 1)] as const),
  )
  let meanDuplicates = 0
  let h = 0
  for (let k = 1; k <= maxDuplicates; k++) h += 1 / k
  for (let k = 1; k <= maxDuplicates; k++) meanDuplicates += k * (1 / k / h)
  const pHasDuplicates = Math.min(1, share / ((1 - share) * meanDuplicates))
  const window = Math.max(1, options.shuffleWindow ?? 4096)
  const pending: GeneratedRecord[] = []
  let produced = 0
  let emitted = 0
  let originals = 0

  const push = (row: FebrlRow, personId: string, tags: string[]): void => {
    pending.push({
      fields: toFields(row),
      truth: {
        record_id: '',
        person_id: personId,
        family_id: '',
        source: 'febrl',
        source_instance: 'febrl',
        script: 'latn',
        scheme: 'english',
        corruptions: tags,
      },
    })
    produced++
  }
  const takeOne = (): GeneratedRecord => {
    const i = random.nextInt(pending.length)
    const record = pending[i]!
    pending[i] = pending[pending.length - 1]!
    pending.pop()
    const recordId = `r${++emitted}`
    record.fields.record_id = recordId
    record.truth.record_id = recordId
    return record
  }

  while (produced < target) {
    const personId = `o${++originals}`
    const original = createOriginal(random)
    push(original, personId, [])
    if (random.chance(pHasDuplicates)) {
      const count = zipf.draw(random)
      for (let d = 0; d < count; d++) {
        const tags: string[] = ['duplicate']
        push(createDuplicate(original, random, tags), personId, tags)
      }
    }
    while (pending.length > window) yield takeOne()
  }
  while (pending.length > 0) yield takeOne()
}
