/**
 * How each kind of source sees a person: which fields it writes, in which script and
 * transliteration family, with which habits (approximate ages, missing grandfather, a
 * kunya, official dates, OCR of handwritten registers) and which corruptions. One call
 * renders one record; every corruption actually applied is tagged for the truth file.
 */
import type { PersonRecordFields } from '../../src/core/records/record-fields.js'
import { findPlaceById, type Place } from '../../src/core/places/index.js'
import * as ar from './arabic-corruptions.js'
import {
  type CalendarDate,
  computeAge,
  formatDate,
  formatMonth,
  fromDayNumber,
  toDayNumber,
} from './calendar-date.js'
import { driftTransliteration, typeLatinTypo } from './latin-corruptions.js'
import { type LatinScheme, femaleNameTable, maleNameTable } from './name-catalog.js'
import type { TruePerson } from './population.js'
import type { RandomSource } from './random-source.js'
import {
  type ArticleStyle,
  chooseArticleStyle,
  spellFamilyName,
  spellGivenName,
} from './transliterator.js'

export const SOURCE_KINDS = [
  'family-report',
  'register',
  'ngo-list',
  'intake',
  'photo-index',
] as const
export type SourceKind = (typeof SOURCE_KINDS)[number]
export type Script = 'arab' | 'latn'

/** One concrete source (one NGO's list, one register), with its fixed habits. */
export interface SourceInstance {
  id: string
  kind: SourceKind
  script: Script
  /** Transliteration family of a Latin source; 'arabic' for Arabic ones. */
  scheme: LatinScheme | 'arabic'
  article: ArticleStyle
}

/** Rates of each corruption, per record (ocrDots: per letter, registers only). */
export interface CorruptionRates {
  alefHamza: number
  tehMarbuta: number
  alefMaksura: number
  tatweel: number
  tashkeel: number
  article: number
  compound: number
  persianKeyboard: number
  ocrDots: number
  keyboardTypo: number
  translitDrift: number
  tokenDrop: number
  fatherAsFamily: number
  wrongMother: number
  nationalIdDigit: number
  dateYearOnly: number
  dateDefault: number
  dateShift: number
  dateSwap: number
  kunya: number
}

export const DEFAULT_CORRUPTION_RATES: CorruptionRates = {
  alefHamza: 0.25,
  tehMarbuta: 0.12,
  alefMaksura: 0.08,
  tatweel: 0.03,
  tashkeel: 0.03,
  article: 0.15,
  compound: 0.3,
  persianKeyboard: 0.02,
  ocrDots: 0.015,
  keyboardTypo: 0.04,
  translitDrift: 0.2,
  tokenDrop: 0.06,
  fatherAsFamily: 0.02,
  wrongMother: 0.02,
  nationalIdDigit: 0.05,
  dateYearOnly: 0.1,
  dateDefault: 0.05,
  dateShift: 0.05,
  dateSwap: 0.03,
  kunya: 0.04,
}

/** The fixed catalogue of sources of one run: several of each kind, Latin lists per scheme. */
export function createSourceCatalog(random: RandomSource): SourceInstance[] {
  const out: SourceInstance[] = []
  const add = (
    kind: SourceKind,
    count: number,
    script: Script,
    schemes: readonly (LatinScheme | 'arabic')[],
  ): void => {
    for (let i = 0; i < count; i++) {
      const scheme = schemes[i % schemes.length]!
      out.push({
        id: `${kind}-${out.filter((s) => s.kind === kind).length + 1}`,
        kind,
        script,
        scheme,
        article: scheme === 'arabic' ? 'al-' : chooseArticleStyle(scheme, random),
      })
    }
  }
  add('family-report', 5, 'arab', ['arabic'])
  add('register', 4, 'arab', ['arabic'])
  add('ngo-list', 8, 'latn', [
    'english',
    'french',
    'turkish',
    'german',
    'informal',
    'english',
    'french',
    'english',
  ])
  add('intake', 2, 'arab', ['arabic'])
  add('intake', 1, 'latn', ['english'])
  add('photo-index', 2, 'arab', ['arabic'])
  add('photo-index', 1, 'latn', ['informal'])
  return out
}

/** Probabilities of a source kind's habits (which fields it writes). */
interface SourceHabits {
  /** P(father's name written). */
  father: number
  /** P(grandfather's name written (only with the father's)). */
  grandfather: number
  /** P(family name written). */
  family: number
  /** P(mother's name written). */
  mother: number
  /** P(whole name in full_name rather than split fields). */
  unsplit: number
  /** P(birth place written). */
  birthPlace: number
  /** P(national number written). */
  nationalId: number
  /** P(last-seen date written). */
  lastSeenDate: number
  /** P(last-seen place written). */
  lastSeenPlace: number
  /** P(facility named). */
  detentionPlace: number
}

const HABITS: Record<SourceKind, SourceHabits> = {
  'family-report': {
    father: 0.95,
    grandfather: 0.6,
    family: 0.97,
    mother: 0.55,
    unsplit: 0.25,
    birthPlace: 0.6,
    nationalId: 0.12,
    lastSeenDate: 0.9,
    lastSeenPlace: 0.85,
    detentionPlace: 0.45,
  },
  register: {
    father: 1,
    grandfather: 0.25,
    family: 0.99,
    mother: 0.9,
    unsplit: 0.02,
    birthPlace: 0.85,
    nationalId: 0.7,
    lastSeenDate: 0,
    lastSeenPlace: 0,
    detentionPlace: 1,
  },
  'ngo-list': {
    father: 0.6,
    grandfather: 0.1,
    family: 0.92,
    mother: 0.12,
    unsplit: 0.5,
    birthPlace: 0.35,
    nationalId: 0.05,
    lastSeenDate: 0.6,
    lastSeenPlace: 0.5,
    detentionPlace: 0.4,
  },
  intake: {
    father: 0.85,
    grandfather: 0.2,
    family: 0.9,
    mother: 0.3,
    unsplit: 0.2,
    birthPlace: 0.4,
    nationalId: 0.3,
    lastSeenDate: 0.3,
    lastSeenPlace: 0.2,
    detentionPlace: 0.7,
  },
  'photo-index': {
    father: 0.5,
    grandfather: 0.05,
    family: 0.85,
    mother: 0,
    unsplit: 1,
    birthPlace: 0,
    nationalId: 0,
    lastSeenDate: 0,
    lastSeenPlace: 0,
    detentionPlace: 0.5,
  },
}

export interface RenderedView {
  fields: Omit<PersonRecordFields, 'record_id'>
  corruptions: string[]
}

type NameKey =
  | 'first_name'
  | 'father_name'
  | 'grandfather_name'
  | 'family_name'
  | 'mother_name'
  | 'mother_family_name'
const NAME_KEYS: readonly NameKey[] = [
  'first_name',
  'father_name',
  'grandfather_name',
  'family_name',
  'mother_name',
  'mother_family_name',
]

const LATEST = toDayNumber({ year: 2024, month: 12, day: 31 })

/** Days from detention to the recording of the account, per kind (an intake uses the release date). */
const RECORDING_DELAY: Record<SourceKind, readonly [number, number]> = {
  'family-report': [7, 3000],
  register: [0, 20],
  'ngo-list': [60, 3500],
  intake: [30, 2000],
  'photo-index': [30, 1500],
}

function after(
  random: RandomSource,
  from: CalendarDate,
  minDays: number,
  maxDays: number,
): CalendarDate {
  const start = toDayNumber(from)
  const hi = Math.max(minDays, Math.min(maxDays, LATEST - start))
  return fromDayNumber(start + random.nextBetween(Math.min(minDays, hi), hi))
}

function hasArabic(text: string): boolean {
  return /[\u0600-\u06FF]/.test(text)
}

const aliasCache = new Map<string, readonly string[]>()

/** The aliases of a place in one script, memoised (places are rendered for every record). */
function aliasesIn(place: Place, script: Script): readonly string[] {
  const key = `${script}:${place.id}`
  let aliases = aliasCache.get(key)
  if (aliases === undefined) {
    aliases = place.aliases.filter((a) => hasArabic(a) === (script === 'arab'))
    aliasCache.set(key, aliases)
  }
  return aliases
}

/** A place name as a source writes it: the main name or an alias, in the source's script. */
export function renderPlace(id: string, script: Script, random: RandomSource): string | undefined {
  const place = findPlaceById(id)
  if (place === undefined) return undefined
  const aliases = aliasesIn(place, script)
  const main = script === 'arab' ? place.nameAr : place.nameEn
  const name = aliases.length > 0 && random.chance(0.3) ? random.pick(aliases) : main
  if (place.kind === 'town' && place.parent !== undefined && random.chance(0.1)) {
    const parent = findPlaceById(place.parent)
    if (parent !== undefined) {
      return script === 'arab' ? `${name} - ${parent.nameAr}` : `${name}, ${parent.nameEn}`
    }
  }
  return name
}

interface Names {
  first_name?: string | undefined
  father_name?: string | undefined
  grandfather_name?: string | undefined
  family_name?: string | undefined
  mother_name?: string | undefined
  mother_family_name?: string | undefined
}

/** Render one person as one source sees them. */
export function renderView(
  person: TruePerson,
  source: SourceInstance,
  random: RandomSource,
  rates: CorruptionRates,
): RenderedView {
  const tags: string[] = []
  const latin = source.script === 'latn'
  const scheme: LatinScheme = source.scheme === 'arabic' ? 'english' : source.scheme
  const given = (n: { ar: string; latin: string }): string =>
    latin ? spellGivenName(n.ar, n.latin, scheme, random) : n.ar
  const familyOf = (n: { ar: string; latin: string }): string =>
    latin ? spellFamilyName(n.latin, scheme, source.article, random) : n.ar

  const kind = source.kind
  const habits = HABITS[kind]
  const minimalIntake = kind === 'intake' && random.chance(0.35)
  const detention = person.detention
  const detained = detention?.date ?? { year: 2013, month: 6, day: 1 }

  // Which name parts this source writes (habits of the kind).
  const include = {
    father: !minimalIntake && random.chance(habits.father),
    grandfather: !minimalIntake && random.chance(habits.grandfather),
    family: !minimalIntake && random.chance(habits.family),
    mother: !minimalIntake && random.chance(habits.mother),
  }
  // A source that skips the father's name does not write the grandfather's either.
  include.grandfather &&= include.father
  const names: Names = {
    first_name: given(person.first),
    father_name: include.father ? given(person.father) : undefined,
    grandfather_name: include.grandfather ? given(person.grandfather) : undefined,
    family_name: include.family ? familyOf(person.family) : undefined,
  }
  if (include.mother) {
    const wrong = random.chance(rates.wrongMother)
    const mother = wrong ? femaleNameTable.draw(random) : person.mother
    if (wrong && mother.ar !== person.mother.ar) tags.push('wrong-mother')
    names.mother_name = given(mother)
    if (random.chance(kind === 'register' ? 0.5 : 0.3)) {
      names.mother_family_name = familyOf(person.motherFamily)
    }
  }

  // Structural corruptions.
  if (!minimalIntake && random.chance(rates.tokenDrop)) {
    if (names.grandfather_name !== undefined) names.grandfather_name = undefined
    else if (names.father_name !== undefined && names.family_name !== undefined) {
      names.family_name = undefined
    } else if (names.father_name !== undefined) names.father_name = undefined
    tags.push('token-drop')
  }
  if (names.father_name !== undefined && random.chance(rates.fatherAsFamily)) {
    // The father's name written in the family-name slot, the grandfather's as father.
    names.family_name = names.father_name
    names.father_name = names.grandfather_name
    names.grandfather_name = undefined
    tags.push('father-as-family')
  }
  let notes: string | undefined
  if (kind === 'family-report' && person.sex === 'M' && random.chance(rates.kunya)) {
    const son = person.eldestSon ?? maleNameTable.draw(random)
    const kunya = `أبو ${son.ar}`
    if (random.chance(0.5)) {
      names.first_name = kunya
      names.father_name = undefined
      tags.push('kunya')
    } else {
      notes = `يعرف بـ ${kunya}`
    }
  }

  // Orthographic corruptions of the name parts.
  if (latin) applyLatinCorruptions(names, random, rates, tags)
  else applyArabicCorruptions(names, random, rates, tags, kind === 'register' ? rates.ocrDots : 0)

  // Full name or split fields.
  const fields: Omit<PersonRecordFields, 'record_id'> = { source: kind, extra: {} }
  const unsplit = habits.unsplit
  if (random.chance(unsplit)) {
    const parts = [
      names.first_name,
      names.father_name,
      names.grandfather_name,
      names.family_name,
    ].filter((p): p is string => p !== undefined && p.length > 0)
    fields.full_name = parts.join(' ')
    if (names.mother_name !== undefined) {
      fields.mother_name = names.mother_name
      fields.mother_family_name = names.mother_family_name
    }
  } else {
    for (const key of NAME_KEYS) if (names[key] !== undefined) fields[key] = names[key]
  }
  if (kind !== 'photo-index' && random.chance(kind === 'register' ? 1 : 0.85)) {
    fields.sex = person.sex
  }

  // Dates.
  const [minDays, maxDays] = RECORDING_DELAY[kind]
  const recorded =
    kind === 'intake' && detention?.releaseDate !== undefined
      ? detention.releaseDate
      : after(random, detained, minDays, maxDays)
  fields.recorded_on = formatDate(recorded)
  const age = computeAge(person.birth, recorded)
  renderBirth(fields, person.birth, age, kind, minimalIntake, random, rates, tags)
  if (kind === 'photo-index') {
    const lo = Math.max(10, Math.floor((age - 5 + random.nextBetween(-3, 3)) / 5) * 5)
    notes = latin ? `apparent age ${lo}-${lo + 10}` : `العمر الظاهر ${lo}-${lo + 10}`
  }

  // Places and identifiers.
  const script = source.script
  if (!minimalIntake && random.chance(habits.birthPlace)) {
    fields.birth_place = renderPlace(person.birthPlace, script, random)
  }
  if (random.chance(habits.nationalId)) {
    let id = person.nationalId
    if (random.chance(rates.nationalIdDigit)) {
      const i = random.nextInt(id.length)
      const digit = String((Number(id[i]) + random.nextBetween(1, 9)) % 10)
      id = id.slice(0, i) + digit + id.slice(i + 1)
      tags.push('id-digit')
    }
    fields.national_id = id
  }
  if (detention !== undefined) {
    if (random.chance(habits.lastSeenDate)) {
      const roll = random.nextFloat()
      fields.last_seen_date =
        roll < 0.6
          ? formatDate(detention.date)
          : roll < 0.85
            ? formatMonth(detention.date)
            : String(detention.date.year)
    }
    if (random.chance(habits.lastSeenPlace)) {
      fields.last_seen_place = renderPlace(detention.lastSeenPlace, script, random)
    }
    if (random.chance(habits.detentionPlace)) {
      fields.detention_place = renderPlace(detention.facility, script, random)
    }
  }
  if (notes !== undefined) fields.notes = notes
  return { fields, corruptions: tags }
}

/** How each kind writes a birth: official sources a full date, families a year or an age. */
const BIRTH_HABITS: Record<
  Exclude<SourceKind, 'photo-index'>,
  readonly ('year' | 'age' | 'full' | 'none')[]
> = {
  'family-report': ['year', 'year', 'age', 'age', 'full'],
  register: ['full', 'full', 'full', 'full', 'year'],
  'ngo-list': ['year', 'year', 'age', 'full', 'none'],
  intake: ['age', 'age', 'year', 'full', 'none'],
}

function renderBirth(
  fields: Omit<PersonRecordFields, 'record_id'>,
  birth: CalendarDate,
  age: number,
  kind: SourceKind,
  minimalIntake: boolean,
  random: RandomSource,
  rates: CorruptionRates,
  tags: string[],
): void {
  if (kind === 'photo-index') return
  const habit = minimalIntake ? 'age' : random.pick(BIRTH_HABITS[kind])
  if (habit === 'none') return
  if (habit === 'age') {
    const estimated = kind === 'register' ? age : age + random.nextBetween(-2, 2)
    fields.age = Math.max(0, estimated)
    if (estimated !== age) tags.push('age-estimate')
    return
  }
  let { year, month, day } = birth
  if (random.chance(rates.dateShift)) {
    year += random.pick([-2, -1, 1, 2])
    tags.push('date-shift')
  }
  if (habit === 'year') {
    fields.birth_date = String(year)
    return
  }
  if (random.chance(rates.dateYearOnly)) {
    fields.birth_date = String(year)
    tags.push('date-year-only')
    return
  }
  if (random.chance(rates.dateDefault)) {
    month = 1
    day = 1
    tags.push('date-0101')
  } else if (day <= 12 && day !== month && random.chance(rates.dateSwap)) {
    ;[month, day] = [day, month]
    tags.push('date-day-month-swap')
  }
  fields.birth_date = formatDate({ year, month, day })
}

function pickFieldAndApply(
  names: Names,
  random: RandomSource,
  keys: readonly NameKey[],
  change: (text: string) => string,
): boolean {
  const present = keys.filter((k) => names[k] !== undefined && names[k].length > 0)
  const start = present.length > 0 ? random.nextInt(present.length) : 0
  for (let k = 0; k < present.length; k++) {
    const key = present[(start + k) % present.length]!
    const before = names[key]!
    const after = change(before)
    if (after !== before) {
      names[key] = after
      return true
    }
  }
  return false
}

const FAMILY_KEYS: readonly NameKey[] = ['family_name', 'mother_family_name']
/** Per-record Arabic corruptions: tag, rate, fields it may hit, change. */
const ARABIC_CORRUPTIONS: readonly (readonly [
  string,
  keyof CorruptionRates,
  readonly NameKey[],
  (text: string, random: RandomSource) => string,
])[] = [
  ['alef-hamza', 'alefHamza', NAME_KEYS, ar.corruptAlefHamza],
  ['teh-marbuta', 'tehMarbuta', NAME_KEYS, ar.corruptTehMarbuta],
  ['alef-maksura', 'alefMaksura', NAME_KEYS, ar.corruptAlefMaksura],
  ['article', 'article', FAMILY_KEYS, ar.toggleArticle],
  ['compound', 'compound', NAME_KEYS, ar.toggleCompound],
  ['tatweel', 'tatweel', NAME_KEYS, ar.insertTatweel],
  ['tashkeel', 'tashkeel', NAME_KEYS, ar.insertTashkeel],
  ['keyboard-typo', 'keyboardTypo', NAME_KEYS, ar.typeArabicTypo],
]

function applyArabicCorruptions(
  names: Names,
  random: RandomSource,
  rates: CorruptionRates,
  tags: string[],
  ocrRate: number,
): void {
  for (const [tag, rateKey, keys, change] of ARABIC_CORRUPTIONS) {
    if (
      random.chance(rates[rateKey]) &&
      pickFieldAndApply(names, random, keys, (t) => change(t, random))
    ) {
      tags.push(tag)
    }
  }
  if (random.chance(rates.persianKeyboard)) {
    let changed = false
    for (const key of NAME_KEYS) {
      const before = names[key]
      if (before === undefined) continue
      names[key] = ar.usePersianLetters(before, random)
      changed ||= names[key] !== before
    }
    if (changed) tags.push('persian-keyboard')
  }
  if (ocrRate > 0) {
    let changed = false
    for (const key of NAME_KEYS) {
      const before = names[key]
      if (before === undefined) continue
      names[key] = ar.confuseDots(before, random, ocrRate)
      changed ||= names[key] !== before
    }
    if (changed) tags.push('ocr-dots')
  }
}

function applyLatinCorruptions(
  names: Names,
  random: RandomSource,
  rates: CorruptionRates,
  tags: string[],
): void {
  if (
    random.chance(rates.translitDrift) &&
    pickFieldAndApply(names, random, NAME_KEYS, (t) => driftTransliteration(t, random))
  ) {
    tags.push('translit-drift')
  }
  if (
    random.chance(rates.keyboardTypo) &&
    pickFieldAndApply(names, random, NAME_KEYS, (t) => typeLatinTypo(t, random))
  ) {
    tags.push('keyboard-typo')
  }
}
