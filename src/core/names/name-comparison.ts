/**
 * Comparing two names: unit against unit through the ladder exact → variant → cross-script →
 * ocr → close, then whole names by aligning units (order swaps, a dropped unit → partial).
 */
import { alternativeUnitKeys, looseUnitKey, unitKey } from './cross-script-key.js'
import { splitNameUnits } from './name-tokenizer.js'
import { unitOcrKey } from './ocr-key.js'
import { levenshteinSimilarity } from './string-distance.js'
import { nearestGroupOfLatinSpelling, variantGroupsOfUnit } from './variant-table.js'

/**
 * How two name strings relate, strongest first. The linkage engine turns these into
 * comparison levels, so the order matters and is part of the contract.
 */
export const NAME_MATCH_LEVELS = [
  'exact', // identical after normalisation in the same script
  'variant', // same entry of the curated variant table (محمد ~ Mohammed ~ Muhammad)
  'cross-script', // equal cross-script skeleton keys (Arabic vs Latin, or two transliterations)
  'ocr', // equal under the handwriting/OCR dot-collapse key (الحلبى ~ الجلبي)
  'close', // high similarity (edit distance on skeletons), typing errors
  'partial', // one is a token subset/prefix of the other (compound split, dropped part)
  'different',
] as const
export type NameMatchLevel = (typeof NAME_MATCH_LEVELS)[number]

/** The result of comparing two names: the strongest level that holds and a similarity. */
export interface NameComparison {
  level: NameMatchLevel
  /** 0..1, 1 = identical; for ranking within a level. */
  similarity: number
}

/**
 * Similarity at or above which two units are 'close': one edit (or transposition) in six
 * letters of the same-script form or six skeleton symbols. 0.8 let Masri ~ Basri through;
 * chosen on the golden pairs (docs/names.md).
 */
export const CLOSE_SIMILARITY = 0.82

const EXACT = 0
const VARIANT = 1
const CROSS = 2
const OCR = 3
const CLOSE = 4
const PARTIAL = 5
const DIFFERENT = 6

/** One analysed unit of a name (opaque outside the name engine). */
export interface UnitInfo {
  readonly norm: string
  readonly arabic: boolean
  readonly key: string
  readonly ocr: string
  readonly groups: readonly number[]
  /** 'abd' or 'abu' when the unit is a compound opened by عبد / أبو, else ''. */
  readonly head: string
  /** Skeleton of the part after the head (and its article): الرحمن in عبدالرحمن. */
  readonly tailKey: string
  /** Latin only: skeletons of other readings (Fathi = فتحي, Jarrah = جراح, Mouallem = معلم). */
  readonly altKeys: readonly string[]
  /** The skeleton without the long-u mark. */
  readonly keyNoU: string
  /** The loose skeleton (transliteration families folded: kh/ch/h, th/s, gh/g, glides). */
  readonly loose: string
}

/**
 * The head of a compound and the canonical rest: عبد / abdul / abd and أبو / abu. عبد and أبو
 * are never folded together ("abd, servant of, versus abu, father of", Celatro; see
 * linkage-anchors §3.1), and two عبد compounds differ by their second half only
 * (عبدالرحمن ≠ عبدالرحيم), so that half is compared on its own.
 */
function splitCompoundHead(norm: string, arabic: boolean): { head: string; rest: string } {
  if (arabic) {
    if (norm.startsWith('عبد') && norm.length >= 6) {
      const rest = norm.slice(3)
      return { head: 'abd', rest: rest.startsWith('ال') ? rest.slice(2) : rest }
    }
    if (norm.startsWith('ابو') && norm.length >= 5) {
      const rest = norm.slice(3)
      return { head: 'abu', rest: rest.startsWith('ال') ? rest.slice(2) : rest }
    }
    return { head: '', rest: norm }
  }
  if (norm.startsWith('abdul') && norm.length >= 8) return { head: 'abd', rest: norm.slice(5) }
  if (norm.startsWith('abd') && norm.length >= 6 && !norm.startsWith('abdo')) {
    return { head: 'abd', rest: norm.slice(3) }
  }
  if (norm.startsWith('abual') && norm.length >= 8) return { head: 'abu', rest: norm.slice(5) }
  if (norm.startsWith('abu') && norm.length >= 5) return { head: 'abu', rest: norm.slice(3) }
  return { head: '', rest: norm }
}

/**
 * Analyses of recent name strings. compareNames is called once per distinct value pair, so
 * each distinct value recurs across many pairs; caching its analysis is the main speed-up.
 * Units are cached on their own as well: a name seen for the first time is mostly made of
 * units seen before (the search re-rank meets a new first + family string per record, but
 * the same few thousand given and family names). Bounded: cleared when full (deterministic
 * results either way: an analysis depends on its text only).
 */
const cache = new Map<string, readonly UnitInfo[]>()
const unitCache = new Map<string, UnitInfo>()
const CACHE_LIMIT = 200_000

/** The analysis of one unit: a function of its canonical form and script. */
function analyseUnit(norm: string, arabic: boolean): UnitInfo {
  const hit = unitCache.get(norm)
  if (hit !== undefined && hit.arabic === arabic) return hit
  const { head, rest } = splitCompoundHead(norm, arabic)
  const key = unitKey(norm, arabic)
  const info: UnitInfo = {
    norm,
    arabic,
    key,
    altKeys: alternativeUnitKeys(norm, arabic),
    keyNoU: key.includes('u') ? key.replace(/u/g, '') : key,
    loose: looseUnitKey(key),
    ocr: unitOcrKey(norm, arabic),
    groups: variantGroupsOfUnit(norm),
    head,
    tailKey: head === '' ? '' : unitKey(rest, arabic),
  }
  if (unitCache.size >= CACHE_LIMIT) unitCache.clear()
  unitCache.set(norm, info)
  return info
}

/** The units of a name with their keys and variant groups (cached). */
export function analyseName(text: string): readonly UnitInfo[] {
  const hit = cache.get(text)
  if (hit !== undefined) return hit
  const units = splitNameUnits(text).map((u) => analyseUnit(u.norm, u.arabic))
  if (cache.size >= CACHE_LIMIT) cache.clear()
  cache.set(text, units)
  return units
}

/** Equal skeletons, also through another reading of an ambiguous Latin spelling. */
function keysMatch(a: UnitInfo, b: UnitInfo): boolean {
  if (a.key === '') return false
  if (a.key === b.key) return true
  // An Arabic reading (ث as s) is how a Latin spelling heard it, not another Arabic name.
  if (a.arabic && b.arabic) return false
  return a.altKeys.includes(b.key) || b.altKeys.includes(a.key)
}

/** The listed name an unlisted Latin unit most likely spells, as a group list (or none). */
function nearestGroupOf(u: UnitInfo, key: string): readonly number[] {
  if (u.arabic) return NO_GROUP
  const id = nearestGroupOfLatinSpelling(u.norm, key)
  return id === undefined ? NO_GROUP : [id]
}

const NO_GROUP: readonly number[] = []

function shareGroup(a: readonly number[], b: readonly number[]): boolean {
  for (const x of a) if (b.includes(x)) return true
  return false
}

/**
 * Similarity of the last compareUnits call. compareUnits returns only the rank so that the
 * hot path allocates nothing per unit pair; the caller reads this right after the call.
 */
let unitSimilarity = 0

function rankUnits(rank: number, sim: number): number {
  unitSimilarity = sim
  return rank
}

/** Edit similarity of two units: skeletons, and the written forms when in one script. */
function measureUnits(a: UnitInfo, b: UnitInfo): number {
  const keySim = levenshteinSimilarity(a.key, b.key)
  if (a.arabic !== b.arabic) return keySim
  const normSim = levenshteinSimilarity(a.norm, b.norm)
  return normSim > keySim ? normSim : keySim
}

/** Rank of two single units (NAME_MATCH_LEVELS index); similarity in unitSimilarity. */
function compareUnits(a: UnitInfo, b: UnitInfo, useVariants: boolean): number {
  if (a.norm === b.norm) return rankUnits(EXACT, 1)
  // Two names that the variant table knows as different names (حسن/حسين, محمد/محمود,
  // عمر/عامر) never match below 'variant': their skeletons may coincide by design.
  if (useVariants && a.groups.length > 0 && b.groups.length > 0) {
    if (shareGroup(a.groups, b.groups)) return rankUnits(VARIANT, 0.95)
    return rankUnits(DIFFERENT, 0.5 * levenshteinSimilarity(a.key, b.key))
  }
  if (a.head !== '' && b.head !== '') {
    if (a.head !== b.head) return rankUnits(DIFFERENT, 0)
    if (keysMatch(a, b) || a.tailKey === b.tailKey) return rankUnits(CROSS, 0.9)
    if (a.arabic && b.arabic && a.ocr === b.ocr) return rankUnits(OCR, 0.85)
    const tailSim = levenshteinSimilarity(a.tailKey, b.tailKey)
    return tailSim >= CLOSE_SIMILARITY
      ? rankUnits(CLOSE, tailSim * 0.85)
      : rankUnits(DIFFERENT, tailSim * 0.5)
  }
  if (keysMatch(a, b)) {
    // A skeleton several listed names share, met through a Latin spelling the table does
    // not list: the spelling's vowels say which name it is (Djamal is جمال, Camil is جميل;
    // brothers are often named so). Two different names that way are different.
    if (useVariants && (a.groups.length === 0 || b.groups.length === 0)) {
      const key = a.key === b.key || b.altKeys.includes(a.key) ? a.key : b.key
      const ga = a.groups.length > 0 ? a.groups : nearestGroupOf(a, key)
      const gb = b.groups.length > 0 ? b.groups : nearestGroupOf(b, key)
      if (ga.length > 0 && gb.length > 0 && !shareGroup(ga, gb)) return rankUnits(DIFFERENT, 0.5)
    }
    return rankUnits(CROSS, 0.9)
  }
  if (a.arabic && b.arabic && a.ocr === b.ocr) return rankUnits(OCR, 0.85)
  const sim = measureUnits(a, b)
  // A compound opened by عبد / أبو is never merely close to a plain name, however alike the
  // skeletons (ABD RAHIM ~ إبراهيم: the brothers عبد الرحيم and إبراهيم were auto-linked).
  if (sim >= CLOSE_SIMILARITY && (a.head === '') === (b.head === '')) {
    return rankUnits(CLOSE, sim * 0.85)
  }
  // Equal but for the long-u mark: French ou for a short u (Zoubi ~ الزعبي). Weaker than
  // equal keys, since the mark is what separates محمد from محمود.
  if (a.keyNoU !== '' && a.keyNoU === b.keyNoU) return rankUnits(CLOSE, 0.8)
  // One name as another transliteration family writes it (Chalid = Khaled, Halaf = Khalaf,
  // Haisam = Haitham): only across scripts or between two Latin lists, and only for names
  // of three loose symbols or more, so that short names do not collide.
  if (!(a.arabic && b.arabic) && a.loose.length >= 3 && a.loose === b.loose) {
    return rankUnits(CLOSE, 0.78)
  }
  // A compound against its first half (عبد الرحمن ~ عبد, Abdulrahman ~ Abdul).
  const short = a.key.length <= b.key.length ? a : b
  const long = short === a ? b : a
  if (short.key.length >= 3 && long.key.startsWith(short.key)) {
    return rankUnits(PARTIAL, (0.7 * short.key.length) / long.key.length)
  }
  return rankUnits(DIFFERENT, sim * 0.5)
}

function toComparison(rank: number, similarity: number): NameComparison {
  const level = NAME_MATCH_LEVELS[rank] ?? 'different'
  const s = similarity < 0 ? 0 : similarity > 1 ? 1 : similarity
  return { level, similarity: Math.round(s * 1e4) / 1e4 }
}

/**
 * Compare two name strings (either script). Single units go through the ladder exact →
 * variant → cross-script → ocr → close → partial (prefix of a compound) → different. Whole
 * names are aligned unit by unit (best pairs first):
 * - all units matched, same order → the weakest unit level, mean similarity;
 * - all matched, family name moved from last to first (registers) or two parts swapped →
 *   at most 'close', ×0.95;
 * - all matched in another order (first and father swapped: maybe another person) → partial;
 * - one name's units all matched inside the longer one (a dropped part) → partial;
 * - otherwise different.
 */
export function compareNames(a: string, b: string): NameComparison {
  return compareNamesWithOptions(a, b, DEFAULT_OPTIONS)
}

/** Options of compareNamesWithOptions. */
export interface NameComparisonOptions {
  /** Use the curated variant table (level 'variant' and the known-distinct guard). */
  readonly useVariantTable: boolean
}

const DEFAULT_OPTIONS: NameComparisonOptions = { useVariantTable: true }

/**
 * compareNames with switches, for measuring what each part contributes (the golden test
 * prints the figures without the variant table). compareNames is this with the defaults.
 */
export function compareNamesWithOptions(
  a: string,
  b: string,
  options: NameComparisonOptions,
): NameComparison {
  return compareAnalysed(analyseName(a), analyseName(b), options.useVariantTable)
}

/** compareNamesWithOptions over analysed names (a prepared name analyses its side once). */
export function compareAnalysed(
  ua: readonly UnitInfo[],
  ub: readonly UnitInfo[],
  useVariants: boolean,
): NameComparison {
  if (ua.length === 0 || ub.length === 0) return toComparison(DIFFERENT, 0)
  if (ua.length === 1 && ub.length === 1) {
    const rank = compareUnits(ua[0]!, ub[0]!, useVariants)
    return toComparison(rank, unitSimilarity)
  }
  if (ua.length === ub.length && ua.every((u, i) => u.norm === ub[i]!.norm)) {
    return toComparison(EXACT, 1)
  }
  // Spacing differences that survive normalisation (محمد نور ~ محمدنور): equal joined keys.
  // Only across different unit counts: with equal counts the unit ladder decides, so the
  // known-distinct guard (حسن/حسين) is not bypassed.
  if (ua.length !== ub.length && joinKeys(ua) === joinKeys(ub)) return toComparison(CROSS, 0.9)

  const n = ua.length
  const m = ub.length
  // Fast path, the common case: same number of units, matching in order.
  if (n === m) {
    let worstInOrder = EXACT
    let simInOrder = 0
    let k = 0
    for (; k < n; k++) {
      const rank = compareUnits(ua[k]!, ub[k]!, useVariants)
      if (rank > CLOSE) break
      if (rank > worstInOrder) worstInOrder = rank
      simInOrder += unitSimilarity
    }
    if (k === n) return toComparison(worstInOrder, simInOrder / n)
  }
  const pairs: Array<{ i: number; j: number; rank: number; sim: number }> = []
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const rank = compareUnits(ua[i]!, ub[j]!, useVariants)
      if (rank <= PARTIAL) pairs.push({ i, j, rank, sim: unitSimilarity })
    }
  }
  pairs.sort(
    (x, y) => x.rank - y.rank || y.sim - x.sim || Math.abs(x.i - x.j) - Math.abs(y.i - y.j),
  )
  const usedA = new Int32Array(n).fill(-1)
  const usedB = new Uint8Array(m)
  let matched = 0
  let worst = EXACT
  let simSum = 0
  for (const p of pairs) {
    if (usedA[p.i] !== -1 || usedB[p.j] === 1) continue
    usedA[p.i] = p.j
    usedB[p.j] = 1
    matched++
    if (p.rank > worst) worst = p.rank
    simSum += p.sim
  }
  const longer = n > m ? n : m
  const shorter = n > m ? m : n
  if (matched === 0) return toComparison(DIFFERENT, 0)
  if (matched < shorter) return toComparison(DIFFERENT, (0.5 * simSum) / longer)
  const meanSim = simSum / matched
  const order = alignmentOrder(usedA)
  if (matched === longer) {
    if (order === 'kept') return toComparison(worst, meanSim)
    // A moved part is strong evidence but not identity: at most 'close'.
    if (order === 'rotated') return toComparison(Math.max(worst, CLOSE), meanSim * 0.95)
    return toComparison(Math.max(worst, PARTIAL), meanSim * 0.8)
  }
  return toComparison(Math.max(worst, PARTIAL), (meanSim * shorter) / longer)
}

function joinKeys(units: readonly UnitInfo[]): string {
  let s = ''
  for (const u of units) s += u.key
  return s
}

/**
 * Whether matched units keep their order, are a rotation that moves the family name between
 * the ends (الحلبي محمد خالد ~ محمد خالد الحلبي), or are otherwise permuted.
 */
function alignmentOrder(usedA: Int32Array): 'kept' | 'rotated' | 'permuted' {
  const seq: number[] = []
  for (const j of usedA) if (j >= 0) seq.push(j)
  let increasing = true
  for (let k = 1; k < seq.length; k++) if (seq[k]! < seq[k - 1]!) increasing = false
  if (increasing) return 'kept'
  if (seq.length === 2) return 'rotated' // HALABI Mohammad ~ Mohammad Halabi
  const rotatedLeft = seq.slice(1).concat(seq.slice(0, 1))
  const rotatedRight = seq.slice(-1).concat(seq.slice(0, -1))
  const isIncreasing = (s: number[]): boolean => s.every((v, k) => k === 0 || v > s[k - 1]!)
  return isIncreasing(rotatedLeft) || isIncreasing(rotatedRight) ? 'rotated' : 'permuted'
}
