/**
 * The synthetic population: Syrian families over three generations. Brothers share
 * father, grandfather, mother and family name and are born a few years apart; a son's
 * father_name is his father's given name; the eldest son is often named after his
 * grandfather; cousins share grandfather and family name; a few twins; wives often from
 * the same family (cousin marriage). Only detained members become records; when a father
 * and his son are both detained, the son's truth carries the father's person id (the
 * father/son hard negatives of shared/reference/linkage-anchors.md §6.1).
 */
import { findGovernorate, listPlaces } from '../../src/core/places/index.js'
import { type CalendarDate, fromDayNumber, toDayNumber } from './calendar-date.js'
import {
  type FamilyName,
  type GivenName,
  familyNameTable,
  femaleNameTable,
  maleNameTable,
} from './name-catalog.js'
import { type RandomSource, WeightedTable } from './random-source.js'

export type Sex = 'M' | 'F'

export interface Detention {
  date: CalendarDate
  /** Gazetteer id of the town or neighbourhood where the person was last seen. */
  lastSeenPlace: string
  /** Gazetteer id of the facility. */
  facility: string
  releaseDate?: CalendarDate | undefined
}

/** One true person. Names are the true names; sources render them with their habits. */
export interface TruePerson {
  personId: string
  familyId: string
  sex: Sex
  first: GivenName
  father: GivenName
  grandfather: GivenName
  family: FamilyName
  mother: GivenName
  motherFamily: FamilyName
  birth: CalendarDate
  /** Gazetteer id of the birth town. */
  birthPlace: string
  nationalId: string
  /** Person id of the father when he is in the population too (also detained). */
  fatherPersonId?: string | undefined
  /** The eldest son's name, for a kunya (أبو ...); undefined for the childless. */
  eldestSon?: GivenName | undefined
  twinOf?: string | undefined
  detention?: Detention | undefined
}

export interface PopulationRates {
  /** Share of eldest sons named after their paternal grandfather. */
  sonNamedAfterGrandfather: number
  /** Share of births that are twins. */
  twins: number
  /** Share of wives from the husband's own family (cousin marriage). */
  wifeFromSameFamily: number
  /** Share of grown sons / daughters / fathers who are detained. */
  detainedSon: number
  detainedDaughter: number
  detainedFather: number
  /** Share of detained persons later released. */
  released: number
}

export const DEFAULT_POPULATION_RATES: PopulationRates = {
  sonNamedAfterGrandfather: 0.35,
  twins: 0.015,
  wifeFromSameFamily: 0.3,
  detainedSon: 0.3,
  detainedDaughter: 0.06,
  detainedFather: 0.15,
  released: 0.25,
}

export interface Family {
  familyId: string
  /** Every member, detained or not, in birth order within each branch. */
  members: TruePerson[]
  /** Each of the grandfather's sons with his children (siblings), for tests and analyses. */
  branches: { father: TruePerson; children: TruePerson[] }[]
}

// Rough population weights of the governorates (2010 order of magnitude, in 100k).
const GOVERNORATE_WEIGHTS: readonly (readonly [string, number])[] = [
  ['gov.aleppo', 47],
  ['gov.rif-dimashq', 28],
  ['gov.damascus', 17],
  ['gov.homs', 18],
  ['gov.hama', 16],
  ['gov.idlib', 15],
  ['gov.hasakah', 15],
  ['gov.deir-ez-zor', 12],
  ['gov.latakia', 10],
  ['gov.daraa', 10],
  ['gov.raqqa', 9],
  ['gov.tartus', 8],
  ['gov.suwayda', 4],
  ['gov.quneitra', 1],
]
const governorateTable = new WeightedTable(GOVERNORATE_WEIGHTS)

/** Towns (and city neighbourhoods) per governorate; the city itself weighs more. */
const TOWNS_BY_GOVERNORATE = new Map<string, WeightedTable<string>>()
{
  const byGov = new Map<string, [string, number][]>()
  for (const place of listPlaces()) {
    if (place.kind !== 'city' && place.kind !== 'town') continue
    const gov = findGovernorate(place.id)
    if (gov === undefined) continue
    const list = byGov.get(gov) ?? []
    list.push([place.id, place.kind === 'city' ? 12 : 1])
    byGov.set(gov, list)
  }
  for (const [gov, list] of byGov) TOWNS_BY_GOVERNORATE.set(gov, new WeightedTable(list))
}

/** Facilities: Damascus branches and Saydnaya dominate, local prisons by governorate. */
const NATIONAL_FACILITIES = new WeightedTable<string>([
  ['facility.saydnaya', 20],
  ['facility.branch-235', 14],
  ['facility.branch-215', 8],
  ['facility.branch-227', 8],
  ['facility.branch-251', 6],
  ['facility.branch-248', 5],
  ['facility.branch-285', 3],
  ['facility.branch-291', 2],
  ['facility.afi-mezzeh', 8],
  ['facility.mezzeh-airport', 3],
  ['facility.afi-harasta', 3],
  ['facility.adra-prison', 8],
  ['facility.military-police-qaboun', 4],
  ['facility.political-security', 3],
  ['facility.general-intelligence', 3],
  ['facility.military-hospital-601', 2],
  ['facility.tishreen-military-hospital', 1],
])
const LOCAL_FACILITIES = new Map<string, string[]>()
for (const place of listPlaces('facility')) {
  const gov = findGovernorate(place.id)
  if (gov === undefined || gov === 'gov.damascus' || gov === 'gov.rif-dimashq') continue
  const list = LOCAL_FACILITIES.get(gov) ?? []
  list.push(place.id)
  LOCAL_FACILITIES.set(gov, list)
}

const GOVERNORATE_CODES = new Map(GOVERNORATE_WEIGHTS.map(([gov], i) => [gov, i + 1]))

const DETENTION_YEARS = new WeightedTable<number>([
  [2011, 8],
  [2012, 20],
  [2013, 20],
  [2014, 15],
  [2015, 10],
  [2016, 8],
  [2017, 6],
  [2018, 6],
  [2019, 4],
  [2020, 3],
])

const BROTHERS = new WeightedTable<number>([
  [1, 35],
  [2, 35],
  [3, 20],
  [4, 10],
])
const CHILDREN = new WeightedTable<number>([
  [1, 6],
  [2, 12],
  [3, 16],
  [4, 18],
  [5, 16],
  [6, 13],
  [7, 10],
  [8, 9],
])

function drawDistinct(
  table: WeightedTable<GivenName>,
  random: RandomSource,
  taken: Set<string>,
): GivenName {
  for (let tries = 0; tries < 20; tries++) {
    const name = table.draw(random)
    if (!taken.has(name.ar)) {
      taken.add(name.ar)
      return name
    }
  }
  return table.draw(random)
}

function drawBirth(random: RandomSource, year: number): CalendarDate {
  return { year, month: random.nextBetween(1, 12), day: random.nextBetween(1, 28) }
}

const governorateCache = new Map<string, string | undefined>()
/** findGovernorate, memoised (it is called for every person). */
function governorateOf(place: string): string | undefined {
  if (!governorateCache.has(place)) governorateCache.set(place, findGovernorate(place))
  return governorateCache.get(place)
}

function drawTown(random: RandomSource, family: FamilyName): string {
  if (family.place !== undefined && random.chance(0.6)) {
    const gov = governorateOf(family.place)
    if (random.chance(0.5) || gov === undefined) return family.place
    return TOWNS_BY_GOVERNORATE.get(gov)?.draw(random) ?? family.place
  }
  const gov = governorateTable.draw(random)
  return TOWNS_BY_GOVERNORATE.get(gov)!.draw(random)
}

function drawNationalId(random: RandomSource, town: string): string {
  const code = GOVERNORATE_CODES.get(governorateOf(town) ?? '') ?? 1
  let id = code < 10 ? `0${code}` : String(code)
  for (let i = 0; i < 9; i++) id += String(random.nextInt(10))
  return id
}

function drawDetention(random: RandomSource, town: string, rates: PopulationRates): Detention {
  const year = DETENTION_YEARS.draw(random)
  const date = {
    year,
    month: random.nextBetween(year === 2011 ? 3 : 1, 12),
    day: random.nextBetween(1, 28),
  }
  const gov = governorateOf(town) ?? 'gov.damascus'
  const local = LOCAL_FACILITIES.get(gov)
  const facility =
    local !== undefined && random.chance(0.35)
      ? random.pick(local)
      : NATIONAL_FACILITIES.draw(random)
  const lastSeenPlace = random.chance(0.75)
    ? town
    : random.chance(0.5)
      ? 'city.damascus'
      : TOWNS_BY_GOVERNORATE.get(governorateTable.draw(random))!.draw(random)
  const releaseDate = random.chance(rates.released)
    ? fromDayNumber(toDayNumber(date) + random.nextBetween(20, 6 * 365))
    : undefined
  return { date, lastSeenPlace, facility, releaseDate }
}

/** Mutable counter of person ids shared across families. */
export interface IdCounter {
  next: number
}

/** Generate one family (three generations) and decide who in it is detained. */
export function generateFamily(
  random: RandomSource,
  familyIndex: number,
  ids: IdCounter,
  rates: PopulationRates = DEFAULT_POPULATION_RATES,
): Family {
  const familyId = `f${familyIndex}`
  const family = familyNameTable.draw(random)
  const town = drawTown(random, family)
  const greatGrandfather = maleNameTable.draw(random)
  const grandfather = drawDistinct(maleNameTable, random, new Set([greatGrandfather.ar]))
  const grandmother = femaleNameTable.draw(random)
  const grandmotherFamily = random.chance(rates.wifeFromSameFamily)
    ? family
    : familyNameTable.draw(random)
  const grandfatherBirthYear = random.nextBetween(1920, 1950)
  const members: TruePerson[] = []
  type NewPerson = Pick<
    TruePerson,
    | 'sex'
    | 'first'
    | 'father'
    | 'grandfather'
    | 'family'
    | 'mother'
    | 'motherFamily'
    | 'birth'
    | 'birthPlace'
  > & { twinOf?: string | undefined }
  const newPerson = (p: NewPerson): TruePerson => {
    // Every key set in one fixed order: one object shape for all persons keeps V8 fast.
    const person: TruePerson = {
      personId: `p${ids.next++}`,
      familyId,
      sex: p.sex,
      first: p.first,
      father: p.father,
      grandfather: p.grandfather,
      family: p.family,
      mother: p.mother,
      motherFamily: p.motherFamily,
      birth: p.birth,
      birthPlace: p.birthPlace,
      nationalId: drawNationalId(random, p.birthPlace),
      fatherPersonId: undefined,
      eldestSon: undefined,
      twinOf: p.twinOf,
      detention: undefined,
    }
    members.push(person)
    return person
  }

  const fathers = new Map<TruePerson, TruePerson[]>()
  const brothers = BROTHERS.draw(random)
  // A son is not given his own father's name.
  const brotherNames = new Set<string>([grandfather.ar])
  let fatherYear = grandfatherBirthYear + random.nextBetween(20, 32)
  for (let b = 0; b < brothers; b++) {
    const first =
      b === 0 && random.chance(rates.sonNamedAfterGrandfather)
        ? greatGrandfather
        : drawDistinct(maleNameTable, random, brotherNames)
    brotherNames.add(first.ar)
    const father = newPerson({
      sex: 'M',
      first,
      father: grandfather,
      grandfather: greatGrandfather,
      family,
      mother: grandmother,
      motherFamily: grandmotherFamily,
      birth: drawBirth(random, fatherYear),
      birthPlace: town,
    })
    fatherYear += random.nextBetween(1, 4)
    const wife = femaleNameTable.draw(random)
    const wifeFamily = random.chance(rates.wifeFromSameFamily)
      ? family
      : familyNameTable.draw(random)
    const childCount = CHILDREN.draw(random)
    const childNames = new Set<string>([father.first.ar])
    let childYear = father.birth.year + random.nextBetween(20, 30)
    let previous: TruePerson | undefined
    const children: TruePerson[] = []
    fathers.set(father, children)
    for (let c = 0; c < childCount && childYear <= 2008; c++) {
      const twin = previous !== undefined && random.chance(rates.twins)
      const sex: Sex = twin && random.chance(0.7) ? previous!.sex : random.chance(0.5) ? 'M' : 'F'
      const namedAfterGrandfather =
        sex === 'M' &&
        father.eldestSon === undefined &&
        !childNames.has(grandfather.ar) &&
        random.chance(rates.sonNamedAfterGrandfather)
      const first = namedAfterGrandfather
        ? grandfather
        : drawDistinct(sex === 'M' ? maleNameTable : femaleNameTable, random, childNames)
      childNames.add(first.ar)
      const child = newPerson({
        sex,
        first,
        father: father.first,
        grandfather,
        family,
        mother: wife,
        motherFamily: wifeFamily,
        birth: twin ? previous!.birth : drawBirth(random, childYear),
        birthPlace: random.chance(0.85) ? town : drawTown(random, family),
        twinOf: twin ? previous!.personId : undefined,
      })
      if (sex === 'M' && father.eldestSon === undefined) father.eldestSon = first
      children.push(child)
      previous = child
      if (!twin) childYear += random.nextBetween(1, 3)
    }
  }
  chooseDetained(random, members, fathers, town, rates)
  const branches = [...fathers].map(([father, children]) => ({ father, children }))
  return { familyId, members, branches }
}

function chooseDetained(
  random: RandomSource,
  members: TruePerson[],
  fathers: ReadonlyMap<TruePerson, TruePerson[]>,
  town: string,
  rates: PopulationRates,
): void {
  const grown = (p: TruePerson): boolean => p.birth.year <= 1997 && p.birth.year >= 1935
  let raid: Detention | undefined
  const detain = (p: TruePerson): void => {
    // Relatives are often taken in the same raid: same date, same place, same branch.
    p.detention =
      raid !== undefined && random.chance(0.3) ? raid : drawDetention(random, town, rates)
    raid ??= p.detention
  }
  for (const m of members) {
    if (!grown(m)) continue
    const p = fathers.has(m)
      ? rates.detainedFather
      : m.sex === 'M'
        ? rates.detainedSon
        : rates.detainedDaughter
    if (random.chance(p)) detain(m)
  }
  if (!members.some((m) => m.detention !== undefined)) {
    const sons = members.filter((m) => grown(m) && m.sex === 'M' && !fathers.has(m))
    const pool = sons.length > 0 ? sons : members
    detain(random.pick(pool))
  }
  for (const [father, children] of fathers) {
    if (father.detention === undefined) continue
    for (const child of children) child.fatherPersonId = father.personId
  }
}
