/**
 * Blocking: which pairs get compared at all. Several strict equi-join rules, unioned
 * (Splink: "a longer list of strict blocking rules" beats a short list of loose ones).
 * Each rule gives every record an integer key; records are grouped by key with a
 * counting sort (no pair set, no strings); oversized blocks (the محمد problem) are capped
 * and reported. A pair found by rule k is skipped when an earlier rule already produced
 * it — a few integer comparisons instead of a global pair set (linkage-at-scale.md).
 */
import { NAME_COMPARISONS, type NameComparisonField } from './comparison-levels.js'
import { effectiveBirthYear, type NameValues, type RecordColumns } from './record-table.js'

/** One part of a blocking key. */
export type BlockingKeyPart =
  | { kind: 'cross-key'; field: NameComparisonField }
  | { kind: 'ocr-key'; field: NameComparisonField }
  /** The loose cross-script key: transliteration families folded (kh/ch/h, th/s, glides). */
  | { kind: 'loose-key'; field: NameComparisonField }
  /** The loose key of the family name, else of the father's name. */
  | { kind: 'loose-family-or-father-key' }
  | { kind: 'birth-year' }
  | { kind: 'national-id' }
  /** The family name's cross-script key, else the father's: a father's name recorded as surname. */
  | { kind: 'family-or-father-key' }
  /** The father's name key, else the family name's: the second name of the chain as written. */
  | { kind: 'father-or-family-key' }

/** A blocking rule: records agreeing on every part are candidates. */
export interface BlockingRule {
  name: string
  parts: BlockingKeyPart[]
  /** This rule's block cap, when tighter than the general one. */
  cap?: number | undefined
  /**
   * Parts that split an oversized block, in order: a block above the cap is re-keyed with
   * the next part (its records missing that part leave the rule), and only what is still
   * above the cap after the last part is skipped. Adaptive blocking instead of dropping
   * the محمد blocks whole.
   */
  refine?: BlockingKeyPart[] | undefined
}

const cross = (field: NameComparisonField): BlockingKeyPart => ({ kind: 'cross-key', field })
const ocr = (field: NameComparisonField): BlockingKeyPart => ({ kind: 'ocr-key', field })
const loose = (field: NameComparisonField): BlockingKeyPart => ({ kind: 'loose-key', field })

/**
 * The default rules. Cross-script keys make an Arabic and a Latin spelling of the same
 * name share a block; the father+family+mother rule catches a mistyped given name; the
 * OCR rule catches dot confusions the cross-script key keeps apart.
 */
export const DEFAULT_BLOCKING_RULES: BlockingRule[] = [
  { name: 'national_id', parts: [{ kind: 'national-id' }] },
  {
    name: 'first_name~father_name|family_name',
    parts: [cross('first_name'), { kind: 'father-or-family-key' }],
    refine: [{ kind: 'family-or-father-key' }, { kind: 'birth-year' }],
  },
  {
    name: 'first_name~family_name|father_name',
    parts: [cross('first_name'), { kind: 'family-or-father-key' }],
    refine: [{ kind: 'father-or-family-key' }, { kind: 'birth-year' }],
  },
  {
    name: 'father_name~family_name',
    parts: [cross('father_name'), cross('family_name')],
    refine: [{ kind: 'birth-year' }, cross('mother_name')],
  },
  {
    name: 'first_name~mother_name',
    parts: [cross('first_name'), cross('mother_name')],
    refine: [{ kind: 'family-or-father-key' }, { kind: 'birth-year' }],
  },
  // Catches a mistyped given name when the father's name is missing; loose, so capped low.
  {
    name: 'family_name~birth_year',
    parts: [cross('family_name'), { kind: 'birth-year' }],
    cap: 100,
    refine: [cross('mother_name')],
  },
  // The same chain as another transliteration family writes it (Chalid Halaf = خالد خلف,
  // Darouich = درويش): loose keys fold kh/ch/h, th/s, gh/g, a final t/d and the glides.
  // Pairs completeness on generated records (decision 0007): 0.855 → 0.878 at 20k and
  // 0.801 → 0.825 at 200k, for 5% more candidates at 200k. Capped low: cap 80 found
  // 0.830 for 14% more candidates, with the same F1.
  {
    name: 'first_name.loose~family_name.loose',
    parts: [loose('first_name'), { kind: 'loose-family-or-father-key' }],
    cap: 30,
    refine: [{ kind: 'birth-year' }],
  },
]

/** An extra rule for OCR-heavy sources (not default: on generated data it added 0.14% of true pairs). */
export const OCR_BLOCKING_RULE: BlockingRule = {
  name: 'first_name.ocr~family_name.ocr',
  parts: [ocr('first_name'), ocr('family_name')],
}

/** Default largest block compared; larger blocks are skipped and reported. */
export const DEFAULT_BLOCK_CAP = 80

/** The grouping of records by one rule's key, as compact arrays. */
export interface BlockIndex {
  rule: BlockingRule
  /** Dense key id per row, −1 when a part is missing. */
  keyOf: Int32Array
  /** Rows grouped by key id. */
  order: Int32Array
  /** starts[k]..starts[k+1] is key k's slice of `order` (length keyCount + 1). */
  starts: Int32Array
  /** 1 when key k's block exceeded the cap and was not compared. */
  capped: Uint8Array
  keyCount: number
  /** Maps from (previous dense id, part value) to the next dense id, one per part. */
  partMaps: Array<Map<number, number>>
  /** Per refinement level: the keys that were split, and (key, part value) → new key. */
  refinements: Array<{ split: Set<number>; map: Map<number, number> }>
  /** Next unused key id (keys added later by the incremental linker start here). */
  nextKey: number
  /** Oversized blocks split by refinement, and the records they lost (missing the refining part). */
  splitBlocks: number
  recordsLeftBySplit: number
}

/** What a rule produced before scoring. */
export interface BlockingReport {
  rule: string
  blocks: number
  /** Pairs inside uncapped blocks (before removing pairs an earlier rule produced). */
  pairs: number
  cappedBlocks: number
  cappedRecords: number
  cappedPairs: number
  /** Oversized blocks split by the rule's refinement parts instead of being skipped. */
  splitBlocks: number
  /** Records that left split blocks because they lack the refining part. */
  recordsLeftBySplit: number
  /** The largest capped blocks: size and a readable key. */
  largestCapped: Array<{ size: number; key: string }>
}

/** Value of one key part for a row (−1 = missing). */
export function keyPartValue(
  part: BlockingKeyPart,
  columns: RecordColumns,
  names: NameValues,
  row: number,
): number {
  switch (part.kind) {
    case 'national-id': {
      const v = columns.nationalId[row] as number
      return Number.isNaN(v) ? -1 : v
    }
    case 'birth-year': {
      const y = effectiveBirthYear(columns, row)
      return y === 0 ? -1 : y
    }
    case 'cross-key': {
      const v = (columns.names[NAME_COMPARISONS.indexOf(part.field)] as Int32Array)[row] as number
      return v < 0 ? -1 : (names.crossKey[v] as number)
    }
    case 'family-or-father-key': {
      const family = (columns.names[3] as Int32Array)[row] as number
      const v = family >= 0 ? family : ((columns.names[1] as Int32Array)[row] as number)
      return v < 0 ? -1 : (names.crossKey[v] as number)
    }
    case 'father-or-family-key': {
      const father = (columns.names[1] as Int32Array)[row] as number
      const v = father >= 0 ? father : ((columns.names[3] as Int32Array)[row] as number)
      return v < 0 ? -1 : (names.crossKey[v] as number)
    }
    case 'ocr-key': {
      const v = (columns.names[NAME_COMPARISONS.indexOf(part.field)] as Int32Array)[row] as number
      return v < 0 ? -1 : (names.ocrKey[v] as number)
    }
    case 'loose-key': {
      const v = (columns.names[NAME_COMPARISONS.indexOf(part.field)] as Int32Array)[row] as number
      return v < 0 ? -1 : (names.looseKey[v] as number)
    }
    case 'loose-family-or-father-key': {
      const family = (columns.names[3] as Int32Array)[row] as number
      const v = family >= 0 ? family : ((columns.names[1] as Int32Array)[row] as number)
      return v < 0 ? -1 : (names.looseKey[v] as number)
    }
  }
}

/**
 * Dense key id of a row under a rule's base parts. With `insert`, unseen keys get new ids;
 * without, an unseen key returns −1 (a query that shares no block with anyone).
 */
export function computeRowKey(
  rule: BlockingRule,
  partMaps: Array<Map<number, number>>,
  columns: RecordColumns,
  names: NameValues,
  row: number,
  insert: boolean,
): number {
  let key = 0
  for (let p = 0; p < rule.parts.length; p++) {
    const value = keyPartValue(rule.parts[p] as BlockingKeyPart, columns, names, row)
    if (value < 0) return -1
    // Combine (previous id, value) into one number; ids stay below 2^26, values below 2^50.
    const combined = p === 0 ? value : key * 67108864 + value
    const map = partMaps[p] as Map<number, number>
    let next = map.get(combined)
    if (next === undefined) {
      if (!insert) return -1
      next = map.size
      map.set(combined, next)
    }
    key = next
  }
  return key
}

/** The final key of a row in a built index: base key, then the refinements of split blocks. */
export function computeIndexKey(
  index: BlockIndex,
  columns: RecordColumns,
  names: NameValues,
  row: number,
  insert: boolean,
): number {
  let key = computeRowKey(index.rule, index.partMaps, columns, names, row, insert)
  const parts = index.rule.refine ?? []
  for (let level = 0; level < index.refinements.length && key >= 0; level++) {
    const refinement = index.refinements[level] as { split: Set<number>; map: Map<number, number> }
    if (!refinement.split.has(key)) break
    const value = keyPartValue(parts[level] as BlockingKeyPart, columns, names, row)
    if (value < 0) return -1
    const combined = key * 67108864 + value
    let next = refinement.map.get(combined)
    if (next === undefined) {
      if (!insert) return -1
      next = index.nextKey++
      refinement.map.set(combined, next)
    }
    key = next
  }
  return key
}

/** Group rows 0..size−1 by a rule's key (counting sort) and flag blocks above the cap. */
export function buildBlockIndex(
  rule: BlockingRule,
  columns: RecordColumns,
  names: NameValues,
  cap: number,
): BlockIndex {
  const size = columns.size
  const partMaps = rule.parts.map(() => new Map<number, number>())
  const keyOf = new Int32Array(size)
  for (let r = 0; r < size; r++) keyOf[r] = computeRowKey(rule, partMaps, columns, names, r, true)
  let keyCount = partMaps[partMaps.length - 1]?.size ?? 0
  const limit = Math.min(cap, rule.cap ?? cap)
  // Split oversized blocks by the rule's refinement parts, one level at a time.
  const refinements: Array<{ split: Set<number>; map: Map<number, number> }> = []
  let splitBlocks = 0
  let recordsLeftBySplit = 0
  for (const part of rule.refine ?? []) {
    const counts = new Int32Array(keyCount)
    for (let r = 0; r < size; r++) {
      const k = keyOf[r] as number
      if (k >= 0) counts[k] = (counts[k] as number) + 1
    }
    const split = new Set<number>()
    for (let k = 0; k < keyCount; k++) if ((counts[k] as number) > limit) split.add(k)
    if (split.size === 0) break
    splitBlocks += split.size
    const map = new Map<number, number>()
    for (let r = 0; r < size; r++) {
      const k = keyOf[r] as number
      if (k < 0 || !split.has(k)) continue
      const value = keyPartValue(part, columns, names, r)
      if (value < 0) {
        keyOf[r] = -1
        recordsLeftBySplit++
        continue
      }
      const combined = k * 67108864 + value
      let next = map.get(combined)
      if (next === undefined) {
        next = keyCount++
        map.set(combined, next)
      }
      keyOf[r] = next
    }
    refinements.push({ split, map })
  }
  const starts = new Int32Array(keyCount + 1)
  for (let r = 0; r < size; r++) {
    const k = keyOf[r] as number
    if (k >= 0) starts[k + 1] = (starts[k + 1] as number) + 1
  }
  for (let k = 0; k < keyCount; k++) {
    starts[k + 1] = (starts[k + 1] as number) + (starts[k] as number)
  }
  const fill = starts.slice(0, keyCount)
  const order = new Int32Array(starts[keyCount] as number)
  for (let r = 0; r < size; r++) {
    const k = keyOf[r] as number
    if (k >= 0) {
      const at = fill[k] as number
      order[at] = r
      fill[k] = at + 1
    }
  }
  const capped = new Uint8Array(keyCount)
  for (let k = 0; k < keyCount; k++) {
    if ((starts[k + 1] as number) - (starts[k] as number) > limit) capped[k] = 1
  }
  return {
    rule,
    keyOf,
    order,
    starts,
    capped,
    keyCount,
    partMaps,
    refinements,
    nextKey: keyCount,
    splitBlocks,
    recordsLeftBySplit,
  }
}

/** Summarise a block index: pairs to compare and what the cap removed. */
export function reportBlocking(
  index: BlockIndex,
  describeRow: (row: number) => string,
  largest = 5,
): BlockingReport {
  let blocks = 0
  let pairs = 0
  let cappedBlocks = 0
  let cappedRecords = 0
  let cappedPairs = 0
  const cappedList: Array<{ size: number; key: number }> = []
  for (let k = 0; k < index.keyCount; k++) {
    const s = (index.starts[k + 1] as number) - (index.starts[k] as number)
    if (s < 2) continue
    const p = (s * (s - 1)) / 2
    if (index.capped[k]) {
      cappedBlocks++
      cappedRecords += s
      cappedPairs += p
      cappedList.push({ size: s, key: k })
    } else {
      blocks++
      pairs += p
    }
  }
  cappedList.sort((a, b) => b.size - a.size)
  return {
    rule: index.rule.name,
    blocks,
    pairs,
    cappedBlocks,
    cappedRecords,
    cappedPairs,
    splitBlocks: index.splitBlocks,
    recordsLeftBySplit: index.recordsLeftBySplit,
    largestCapped: cappedList.slice(0, largest).map((c) => ({
      size: c.size,
      key: describeRow(index.order[index.starts[c.key] as number] as number),
    })),
  }
}

/** True when an earlier rule (index < ruleIndex) already produces the pair i, j. */
export function isProducedEarlier(
  indices: readonly BlockIndex[],
  ruleIndex: number,
  i: number,
  j: number,
): boolean {
  for (let r = 0; r < ruleIndex; r++) {
    const index = indices[r] as BlockIndex
    const k = index.keyOf[i] as number
    if (k >= 0 && k === index.keyOf[j] && index.capped[k] === 0) return true
  }
  return false
}

/**
 * Visit every candidate pair of rule `ruleIndex` in key range [fromKey, toKey), each
 * unordered pair once across all rules (i < j by row). Returns the pairs visited.
 */
export function forEachCandidatePair(
  indices: readonly BlockIndex[],
  ruleIndex: number,
  fromKey: number,
  toKey: number,
  visit: (i: number, j: number) => void,
): number {
  const index = indices[ruleIndex] as BlockIndex
  const { order, starts, capped } = index
  let visited = 0
  for (let k = fromKey; k < toKey; k++) {
    if (capped[k]) continue
    const s = starts[k] as number
    const e = starts[k + 1] as number
    for (let a = s; a < e - 1; a++) {
      const ra = order[a] as number
      for (let b = a + 1; b < e; b++) {
        const rb = order[b] as number
        const i = ra < rb ? ra : rb
        const j = ra < rb ? rb : ra
        if (ruleIndex > 0 && isProducedEarlier(indices, ruleIndex, i, j)) continue
        visited++
        visit(i, j)
      }
    }
  }
  return visited
}

/** Split a rule's keys into ranges of roughly `pairsPerRange` pairs each (for workers). */
export function splitKeyRanges(index: BlockIndex, pairsPerRange: number): Array<[number, number]> {
  const ranges: Array<[number, number]> = []
  let from = 0
  let acc = 0
  for (let k = 0; k < index.keyCount; k++) {
    if (!index.capped[k]) {
      const s = (index.starts[k + 1] as number) - (index.starts[k] as number)
      acc += (s * (s - 1)) / 2
    }
    if (acc >= pairsPerRange) {
      ranges.push([from, k + 1])
      from = k + 1
      acc = 0
    }
  }
  if (from < index.keyCount) ranges.push([from, index.keyCount])
  return ranges
}

/** Rows sharing an uncapped block with `row` under any rule (for incremental queries). */
export function collectBlockMates(
  indices: readonly BlockIndex[],
  keys: readonly number[],
  extra: ReadonlyArray<Map<number, number[]>>,
  visit: (row: number) => void,
): void {
  for (let r = 0; r < indices.length; r++) {
    const index = indices[r] as BlockIndex
    const k = keys[r] as number
    if (k < 0) continue
    if (k < index.keyCount) {
      if (index.capped[k]) continue
      for (let p = index.starts[k] as number; p < (index.starts[k + 1] as number); p++) {
        visit(index.order[p] as number)
      }
    }
    const added = extra[r]?.get(k)
    if (added) for (const row of added) visit(row)
  }
}
