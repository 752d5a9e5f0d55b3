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

const EXACT = 1
const VARIANT = 2
const CROSS_SCRIPT = 3
const LATIN = 2
const CLOSE = 5

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

/**
 * A cache of name levels keyed by an unordered pair of name value ids. One Float64 slot
 * holds the pair and its level ((a·2^24 + b)·8 + level, +1 so that 0 means empty): one
 * memory access per probe, which matters when the table outgrows the CPU caches.
 */
export class NameLevelCache {
  private slots: Float64Array
  private mask: number
  private count = 0
  /** How many times the name engine was called (cache misses). */
  misses = 0

  constructor(
    private readonly display: readonly string[],
    private readonly nameLevel: NameLevelFunction = defaultNameLevel,
    capacityLog2 = 16,
    /** Script code per name value (1 = Arabic), when known. */
    private readonly arabic?: readonly number[],
  ) {
    this.slots = new Float64Array(1 << capacityLog2)
    this.mask = (1 << capacityLog2) - 1
  }

  /** Level index (1 = exact … 7 = different) of two distinct name value ids. */
  level(x: number, y: number): number {
    const a = x < y ? x : y
    const b = x < y ? y : x
    const key = (a * 16777216 + b) * 8 + 1
    const slots = this.slots
    let slot = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b)) & this.mask
    for (;;) {
      const v = slots[slot] as number
      if (v === 0) break
      const level = (v - 1) % 8
      if (v - level === key) return level
      slot = (slot + 1) & this.mask
    }
    this.misses++
    let level = nameLevelIndex(this.nameLevel(this.display[a] ?? '', this.display[b] ?? ''))
    // Two Arabic spellings with one consonant skeleton but different letters (هشام / هاشم)
    // are usually two names, not one name in two scripts: count them as merely close.
    if (level === CROSS_SCRIPT && this.arabic?.[a] === 1 && this.arabic[b] === 1) level = CLOSE
    else if ((level === VARIANT || level === CROSS_SCRIPT) && this.arabic !== undefined) {
      // Across scripts (محمد / Mohammed) or between two Latin lists (Khaled / Khalid) a
      // variant or an equal skeleton is the strongest agreement there can be: identical
      // strings are impossible, not missing. Kept as lower levels, these agreements got
      // their own small m (most true pairs in blocks are Arabic–Arabic) and, with the
      // term-frequency adjustment normalised by u(exact), lost ~3 bits each: a pair such as
      // Hussein Diaa Ahmad / حسين ضياء الأحمد scored 0.06. As 'exact' they share u(exact)
      // with the per-key term frequencies, which are counted across scripts anyway.
      const sa = this.arabic[a]
      const sb = this.arabic[b]
      if (sa !== sb || (sa === LATIN && sb === LATIN)) level = EXACT
    }
    slots[slot] = key + level
    if (++this.count * 2 > this.mask) this.rehash()
    return level
  }

  private rehash(): void {
    const old = this.slots
    const capacity = (this.mask + 1) * 2
    this.slots = new Float64Array(capacity)
    this.mask = capacity - 1
    for (let s = 0; s < old.length; s++) {
      const v = old[s] as number
      if (v === 0) continue
      const pair = Math.floor((v - 1) / 8)
      const b = pair % 16777216
      const a = (pair - b) / 16777216
      let slot = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b)) & this.mask
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask
      this.slots[slot] = v
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
    const cache = new NameLevelCache(names.display, nameLevel, 16, names.script)
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
    if (gamma[FAMILY] === NAME_DIFFERENT && gamma[FATHER] === 0) {
      this.compareShiftedChain(i, j, gamma)
    }
    this.applyFamilyConditions(gamma)
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
    gamma[GAMMA_INDEX.national_id] = compareNationalIds(
      c.nationalId[i] as number,
      c.nationalId[j] as number,
    )
    const bp1 = c.birthPlace[i] as number
    const bp2 = c.birthPlace[j] as number
    gamma[GAMMA_INDEX.birth_place] = comparePlaces(bp1, bp2, this.gov(bp1), this.gov(bp2))
    const dp1 = c.detentionPlace[i] as number
    const dp2 = c.detentionPlace[j] as number
    gamma[GAMMA_INDEX.detention_place] = comparePlaces(dp1, dp2, this.gov(dp1), this.gov(dp2))
    gamma[GAMMA_INDEX.sex] = compareSexes(c.sex[i] as number, c.sex[j] as number)
    // A wholly different given name: the family-level agreements describe the family, not
    // the person (siblings share them by construction), so they are not counted.
    if (gamma[0] === NAME_DIFFERENT && gamma[GAMMA_INDEX.birth_place] === 1) {
      gamma[GAMMA_INDEX.birth_place] = 0
    }
  }

  /**
   * Conditional comparisons for Syrian name chains (linkage-anchors §5.4): the fields of a
   * name chain are correlated, and an independence model would add them up. A shared
   * grandfather is expected, not evidence, between cousins (different fathers); a shared
   * mother's family between people with different mothers; and siblings (different given
   * names) share every family field, so with a different given name no agreement of the
   * name chain counts — only personal evidence (birth date, national number) can link. Agreements that the relation explains are set to
   * null (weight 0); disagreements still count.
   */
  private applyFamilyConditions(gamma: Uint8Array): void {
    // A given name that is only part of the other (محمد علي / محمد) is how brothers are
    // often named in Syria: like a different given name, it leaves the chain unproven.
    if (gamma[0] === NAME_DIFFERENT || gamma[0] === NAME_PARTIAL) {
      for (let f = 1; f < NAME_COMPARISON_COUNT; f++) {
        if (isAgreement(gamma[f] as number)) gamma[f] = 0
      }
      return
    }
    if (gamma[1] === NAME_DIFFERENT && isAgreement(gamma[2] as number)) gamma[2] = 0
    if (gamma[4] === NAME_DIFFERENT && isAgreement(gamma[5] as number)) gamma[5] = 0
  }

  /**
   * A short Syrian name is usually "given father" (شريف محمد, HAITHAM SAFWAN), sometimes
   * "given family" (Mazen Alali); split alone, its second word lands in family_name. When
   * one record lacks a father's name and the family names differ, compare each family
   * name with the other record's father's name: if they agree, the second word was the
   * father's name: the family disagreement is void (null) and the agreement counts as the
   * father's. (Counting it cost F1 while u of the name chain was biased low, 0.803 → 0.784;
   * with unbiased u it gains a little, 0.847 → 0.850 at 20k, 0.764 → 0.765 at 200k, with
   * no hard negative: decision 0007.)
   */
  private compareShiftedChain(i: number, j: number, gamma: Uint8Array): void {
    const father = this.columns.names[FATHER] as Int32Array
    const family = this.columns.names[FAMILY] as Int32Array
    const cache = this.caches[FATHER] as NameLevelCache
    const level = (a: number, b: number): number =>
      a < 0 || b < 0 ? NAME_DIFFERENT : a === b ? 1 : cache.level(a, b)
    const fi = father[i] as number
    const fj = father[j] as number
    const shifted = fi < 0 ? level(family[i] as number, fj) : level(fi, family[j] as number)
    if (isAgreement(shifted)) {
      gamma[FAMILY] = 0
      gamma[FATHER] = shifted
    }
  }

  private gov(place: number): number {
    return place < 0 ? -1 : (this.placeGov[place] ?? -1)
  }
}

const NAME_DIFFERENT = 7
const NAME_PARTIAL = 6
const FATHER = 1
const FAMILY = 3

function isAgreement(level: number): boolean {
  return level !== 0 && level !== NAME_DIFFERENT
}

/** A fresh gamma buffer. */
export function createGamma(): Uint8Array {
  return new Uint8Array(COMPARISON_COUNT)
}
