/**
 * The name lists of bench/generator/data parsed into weighted tables. Family names get
 * Zipf-Mandelbrot weights by rank, and a second stratum "ال" + a male given name
 * (الخالد, العمر ...) widens the tail the way Syrian family names do.
 */
import { FAMILY_NAMES } from './data/family-names.data.js'
import { FEMALE_GIVEN_NAMES, MALE_GIVEN_NAMES } from './data/given-names.data.js'
import { LATIN_SPELLINGS } from './data/latin-spellings.data.js'
import { WeightedTable } from './random-source.js'

export interface GivenName {
  ar: string
  latin: string
  weight: number
}

export interface FamilyName {
  ar: string
  latin: string
  /** Gazetteer id of the place a nisba names, if any. */
  place?: string | undefined
}

export const LATIN_SCHEMES = ['english', 'french', 'turkish', 'german', 'informal'] as const
export type LatinScheme = (typeof LATIN_SCHEMES)[number]

function parseLines(text: string): string[][] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => line.split('|'))
}

function parseGiven(text: string): GivenName[] {
  return parseLines(text).map(([ar, latin, weight]) => ({
    ar: ar!,
    latin: latin!,
    weight: Number(weight),
  }))
}

export const MALE_NAMES: readonly GivenName[] = parseGiven(MALE_GIVEN_NAMES)
export const FEMALE_NAMES: readonly GivenName[] = parseGiven(FEMALE_GIVEN_NAMES)

const LISTED_FAMILY_NAMES: FamilyName[] = parseLines(FAMILY_NAMES).map(([ar, latin, place]) => ({
  ar: ar!,
  latin: latin!,
  place: place === undefined || place === '' ? undefined : place,
}))

/** "ال" + a simple male name: الخالد / Al-Khaled. */
const DERIVED_FAMILY_NAMES: FamilyName[] = MALE_NAMES.filter(
  (n) => !n.ar.includes(' ') && !n.ar.startsWith('ال') && n.ar !== 'عبدو',
).map((n) => ({ ar: `ال${n.ar}`, latin: `Al-${n.latin}` }))

export const ALL_FAMILY_NAMES: readonly FamilyName[] = [
  ...LISTED_FAMILY_NAMES,
  ...DERIVED_FAMILY_NAMES,
]

/** Weighted tables of the catalogue. */
export const maleNameTable = new WeightedTable(MALE_NAMES.map((n) => [n, n.weight] as const))
export const femaleNameTable = new WeightedTable(FEMALE_NAMES.map((n) => [n, n.weight] as const))
export const familyNameTable = new WeightedTable<FamilyName>([
  // Zipf-Mandelbrot over the listed names (rank r → 1 / (r + 2.7)), 80 % of the mass ...
  ...LISTED_FAMILY_NAMES.map((n, r) => [n, (0.8 * 100) / (r + 1 + 2.7)] as const),
  // ... and a flat 20 % over the derived ones.
  ...DERIVED_FAMILY_NAMES.map((n) => [n, (0.2 * 100 * 5.2) / DERIVED_FAMILY_NAMES.length] as const),
])

/** Per-name spellings: arabic → scheme → weighted table of spellings. */
export const NAME_SPELLINGS = new Map<string, Map<LatinScheme, WeightedTable<string>>>()
for (const [ar, scheme, list] of parseLines(LATIN_SPELLINGS)) {
  const entries = list!.split(',').map((item) => {
    const [spelling, weight] = item.split(':')
    return [spelling!, Number(weight)] as const
  })
  let byScheme = NAME_SPELLINGS.get(ar!)
  if (byScheme === undefined) {
    byScheme = new Map()
    NAME_SPELLINGS.set(ar!, byScheme)
  }
  byScheme.set(scheme as LatinScheme, new WeightedTable(entries))
}
