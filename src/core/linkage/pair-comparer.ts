/**
 * Computes a pair's comparison vector (gamma) from interned columns. The level of two
 * names depends only on the two distinct values, so it is computed once per distinct
 * value pair and cached in an open-addressing table (linkage-at-scale.md: "compare
 * distinct values, not pairs"); the string metric runs thousands of times, not millions.
 */
import { compareNames, type NameMatchLevel } from '../names/index.js'
import {
  COMPARISON_COUNT,
  NAME_COMPARISON_COUNT,
  compareAgeYears,
  compareBirthDates,
  compareNationalIds,
  comparePlaces,
  compareSexes,
  nameLevelIndex,
} from './comparison-levels.js'
import type { NameValues, PlaceValues, RecordColumns } from './record-table.js'

/** Compare two name strings into a name-engine level (injectable for tests). */
export type NameLevelFunction = (a: string, b: string) => NameMatchLevel

const defaultNameLevel: NameLevelFunction = (a, b) => compareNames(a, b).level

/** Gamma index of each non-name comparison. */
export const GAMMA_INDEX = {
  birth_date: NAME_COMPARISON_COUNT,
  age: NAME_COMPARISON_COUNT + 1,
  national_id: NAME_COMPARISON_COUNT + 2,
  birth_place: NAME_COMPARISON_COUNT + 3,
  detention_place: NAME_COMPARISON_COUNT + 4,
  sex: NAME_COMPARISON_COUNT + 5,
} as const

/** A cache of name levels keyed by an unordered pair of name value ids. */
export class NameLevelCache {
  private keysA: Int32Array
  private keysB: Int32Array
  private levels: Uint8Array
  private mask: number
  private count = 0
  /** How many times the name engine was called (cache misses). */
  misses = 0

  constructor(
    private readonly display: readonly string[],
    private readonly nameLevel: NameLevelFunction = defaultNameLevel,
    capacityLog2 = 16,
  ) {
    const capacity = 1 << capacityLog2
    this.keysA = new Int32Array(capacity).fill(-1)
    this.keysB = new Int32Array(capacity)
    this.levels = new Uint8Array(capacity)
    this.mask = capacity - 1
  }

  /** Level index (1 = exact … 7 = different) of two distinct name value ids. */
  level(x: number, y: number): number {
    const a = x < y ? x : y
    const b = x < y ? y : x
    let slot = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b)) & this.mask
    const keysA = this.keysA
    for (;;) {
      const k = keysA[slot]
      if (k === -1) break
      if (k === a && this.keysB[slot] === b) return this.levels[slot] ?? 7
      slot = (slot + 1) & this.mask
    }
    this.misses++
    const level = nameLevelIndex(this.nameLevel(this.display[a] ?? '', this.display[b] ?? ''))
    keysA[slot] = a
    this.keysB[slot] = b
    this.levels[slot] = level
    if (++this.count * 2 > this.mask) this.rehash()
    return level
  }

  private rehash(): void {
    const oldA = this.keysA
    const oldB = this.keysB
    const oldL = this.levels
    const capacity = (this.mask + 1) * 2
    this.keysA = new Int32Array(capacity).fill(-1)
    this.keysB = new Int32Array(capacity)
    this.levels = new Uint8Array(capacity)
    this.mask = capacity - 1
    for (let s = 0; s < oldA.length; s++) {
      const a = oldA[s] ?? -1
      if (a === -1) continue
      const b = oldB[s] ?? 0
      let slot = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b)) & this.mask
      while (this.keysA[slot] !== -1) slot = (slot + 1) & this.mask
      this.keysA[slot] = a
      this.keysB[slot] = b
      this.levels[slot] = oldL[s] ?? 7
    }
  }
}

/** Computes gamma vectors for pairs of rows of one record table. */
export class PairComparer {
  private readonly caches: NameLevelCache[]
  private readonly placeGov: readonly number[]

  constructor(
    private columns: RecordColumns,
    names: NameValues,
    places: PlaceValues,
    nameLevel: NameLevelFunction = defaultNameLevel,
  ) {
    // One cache shared by all name fields: father's and grandfather's names share values.
    const cache = new NameLevelCache(names.display, nameLevel)
    this.caches = Array.from({ length: NAME_COMPARISON_COUNT }, () => cache)
    this.placeGov = places.governorate
  }

  /** Point the comparer at grown columns (the incremental linker appends rows). */
  updateColumns(columns: RecordColumns): void {
    this.columns = columns
  }

  /** Name engine calls so far (cache misses). */
  get nameEngineCalls(): number {
    return this.caches[0]?.misses ?? 0
  }

  /** Fill `gamma` (length COMPARISON_COUNT) with the levels of rows i and j. */
  compare(i: number, j: number, gamma: Uint8Array): void {
    const c = this.columns
    for (let f = 0; f < NAME_COMPARISON_COUNT; f++) {
      const col = c.names[f] as Int32Array
      const a = col[i] as number
      const b = col[j] as number
      gamma[f] = a < 0 || b < 0 ? 0 : a === b ? 1 : (this.caches[f] as NameLevelCache).level(a, b)
    }
    const y1 = c.birthYear[i] as number
    const y2 = c.birthYear[j] as number
    gamma[GAMMA_INDEX.birth_date] = compareBirthDates(
      y1,
      c.birthMonth[i] as number,
      c.birthDay[i] as number,
      y2,
      c.birthMonth[j] as number,
      c.birthDay[j] as number,
    )
    const e1 = y1 === 0
    const e2 = y2 === 0
    gamma[GAMMA_INDEX.age] = compareAgeYears(
      e1 ? (c.ageYear[i] as number) : y1,
      e1,
      e2 ? (c.ageYear[j] as number) : y2,
      e2,
    )
    gamma[GAMMA_INDEX.national_id] = compareNationalIds(c.nationalId[i] as number, c.nationalId[j] as number)
    const bp1 = c.birthPlace[i] as number
    const bp2 = c.birthPlace[j] as number
    gamma[GAMMA_INDEX.birth_place] = comparePlaces(bp1, bp2, this.gov(bp1), this.gov(bp2))
    const dp1 = c.detentionPlace[i] as number
    const dp2 = c.detentionPlace[j] as number
    gamma[GAMMA_INDEX.detention_place] = comparePlaces(dp1, dp2, this.gov(dp1), this.gov(dp2))
    gamma[GAMMA_INDEX.sex] = compareSexes(c.sex[i] as number, c.sex[j] as number)
  }

  private gov(place: number): number {
    return place < 0 ? -1 : (this.placeGov[place] ?? -1)
  }
}

/** A fresh gamma buffer. */
export function createGamma(): Uint8Array {
  return new Uint8Array(COMPARISON_COUNT)
}
