/**
 * The comparisons of the linkage model and their ordered levels. A pair's comparison
 * vector (gamma) holds one level index per comparison: 0 = null (a value is missing: it
 * weighs nothing either way, as in Splink's NullLevel), 1 = the strongest agreement, and
 * so on down to the last level, the disagreement. The first level whose condition holds
 * wins (Fellegi–Sunter with ordered levels, Splink's comparison-level model).
 */
import { NAME_MATCH_LEVELS } from '../names/index.js'

/** The name-bearing comparisons, in the order of the Syrian name chain. */
export const NAME_COMPARISONS = [
  'first_name',
  'father_name',
  'grandfather_name',
  'family_name',
  'mother_name',
  'mother_family_name',
] as const
export type NameComparisonField = (typeof NAME_COMPARISONS)[number]

/** Every comparison of the model, in gamma order. */
export const COMPARISONS = [
  ...NAME_COMPARISONS,
  'birth_date',
  'age',
  'national_id',
  'birth_place',
  'detention_place',
  'sex',
] as const
export type ComparisonName = (typeof COMPARISONS)[number]

/** Number of comparisons in a gamma vector. */
export const COMPARISON_COUNT = COMPARISONS.length
/** Number of name comparisons (they come first in gamma order). */
export const NAME_COMPARISON_COUNT = NAME_COMPARISONS.length

/** Level labels of a name comparison: the name engine's levels, strongest first. */
export const NAME_LEVEL_LABELS: readonly string[] = NAME_MATCH_LEVELS
/** Levels of the birth-date comparison. */
export const BIRTH_DATE_LEVEL_LABELS = [
  'exact',
  'same-year-month',
  'day-month-swapped',
  'same-year',
  'one-year-apart',
  'within-5-years',
  'different',
] as const
/** Levels of the age-vs-birth-year comparison (age at recorded_on against the other birth year). */
export const AGE_LEVEL_LABELS = [
  'consistent',
  'within-3-years',
  'within-8-years',
  'inconsistent',
] as const
/** Levels of the national-number comparison. */
export const NATIONAL_ID_LEVEL_LABELS = ['exact', 'one-digit-off', 'different'] as const
/** Levels of a place comparison (through the gazetteer). */
export const PLACE_LEVEL_LABELS = ['same-place', 'same-governorate', 'different'] as const
/** Levels of the sex comparison: a disagreement is hard evidence against. */
export const SEX_LEVEL_LABELS = ['same', 'different'] as const

/** The level labels (without the null level) of each comparison, in gamma order. */
export const COMPARISON_LEVELS: Readonly<Record<ComparisonName, readonly string[]>> = {
  first_name: NAME_LEVEL_LABELS,
  father_name: NAME_LEVEL_LABELS,
  grandfather_name: NAME_LEVEL_LABELS,
  family_name: NAME_LEVEL_LABELS,
  mother_name: NAME_LEVEL_LABELS,
  mother_family_name: NAME_LEVEL_LABELS,
  birth_date: BIRTH_DATE_LEVEL_LABELS,
  age: AGE_LEVEL_LABELS,
  national_id: NATIONAL_ID_LEVEL_LABELS,
  birth_place: PLACE_LEVEL_LABELS,
  detention_place: PLACE_LEVEL_LABELS,
  sex: SEX_LEVEL_LABELS,
}

/** Label of a level index (0 = null). */
export function describeLevel(comparison: ComparisonName, level: number): string {
  if (level === 0) return 'null'
  return COMPARISON_LEVELS[comparison][level - 1] ?? 'unknown'
}

/**
 * Level of two birth dates given as year/month/day (0 = unknown part). Null when either
 * year is unknown. Precision is honoured: a year-only date can agree at most on the year.
 */
export function compareBirthDates(
  y1: number,
  m1: number,
  d1: number,
  y2: number,
  m2: number,
  d2: number,
): number {
  if (y1 === 0 || y2 === 0) return 0
  if (y1 === y2) {
    if (m1 !== 0 && m1 === m2) {
      if (d1 !== 0 && d1 === d2) return 1
      return 2
    }
    // Day and month swapped in the source (spec: "day and month may be swapped").
    if (d1 !== 0 && d2 !== 0 && d1 !== m1 && d1 === m2 && m1 === d2) return 3
    return 4
  }
  const gap = y1 > y2 ? y1 - y2 : y2 - y1
  // Siblings are a few years apart, a father and son decades: the size of the gap matters.
  return gap === 1 ? 5 : gap <= 5 ? 6 : 7
}

/**
 * Level of an age-derived birth year against the other record's year. Used only when at
 * least one side's year is an estimate from `age` at `recorded_on`; two real birth years
 * are the birth-date comparison's business, so this one is null then (no double count).
 */
export function compareAgeYears(
  year1: number,
  estimated1: boolean,
  year2: number,
  estimated2: boolean,
): number {
  if (year1 === 0 || year2 === 0 || (!estimated1 && !estimated2)) return 0
  const gap = year1 > year2 ? year1 - year2 : year2 - year1
  // An age is stated in whole years relative to a date: the birth year is ±1 by construction.
  if (gap <= 1) return 1
  if (gap <= 3) return 2
  // Families estimate ages loosely; a decade off is another generation.
  if (gap <= 8) return 3
  return 4
}

/**
 * Level of two national numbers held as integers (NaN = missing). "One digit off" is one
 * substituted digit or two adjacent digits transposed, the usual keying errors.
 */
export function compareNationalIds(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return 0
  if (a === b) return 1
  let x = a
  let y = b
  let diffs = 0
  let firstPos = -1
  let firstX = 0
  let firstY = 0
  let secondPos = -1
  let secondX = 0
  let secondY = 0
  for (let pos = 0; pos < 16 && (x > 0 || y > 0); pos++) {
    const dx = x % 10
    const dy = y % 10
    if (dx !== dy) {
      diffs++
      if (diffs === 1) {
        firstPos = pos
        firstX = dx
        firstY = dy
      } else if (diffs === 2) {
        secondPos = pos
        secondX = dx
        secondY = dy
      } else return 3
    }
    x = (x - dx) / 10
    y = (y - dy) / 10
  }
  if (diffs === 1) return 2
  // Two adjacent digits swapped.
  if (diffs === 2 && secondPos === firstPos + 1 && firstX === secondY && secondX === firstY) {
    return 2
  }
  return 3
}

/** Level of two place keys (−1 = missing) with their governorates (−1 = unknown). */
export function comparePlaces(p1: number, p2: number, gov1: number, gov2: number): number {
  if (p1 < 0 || p2 < 0) return 0
  if (p1 === p2) return 1
  if (gov1 >= 0 && gov1 === gov2) return 2
  return 3
}

/** Level of two sexes coded 0 = unknown, 1 = M, 2 = F. */
export function compareSexes(s1: number, s2: number): number {
  if (s1 === 0 || s2 === 0) return 0
  return s1 === s2 ? 1 : 2
}

/** Map a name-engine level to the comparison's level index (1-based). */
export function nameLevelIndex(level: (typeof NAME_MATCH_LEVELS)[number]): number {
  return NAME_MATCH_LEVELS.indexOf(level) + 1
}
