/**
 * How much a pair of records has to go on: the name parts both records carry (after a whole
 * name is split into its chain) and whether both carry a full birth date or a national
 * number. Used to break accuracy down by evidence (bench:link): a pair of records that share
 * one given name and nothing else cannot be told from two strangers of that name by any
 * engine or reviewer, and a headline recall mixes such pairs with decidable ones.
 */
import { NAME_COMPARISON_COUNT } from './comparison-levels.js'
import type { RecordColumns } from './record-table.js'

/** The name parts counted: given, father, grandfather, family and mother's names. */
const CHAIN_PARTS = Math.min(5, NAME_COMPARISON_COUNT)

/** The evidence two records share (present in both, agreeing or not). */
export interface SharedEvidence {
  /** Name parts present in both records (0–5). */
  names: number
  /** Both have a full birth date (day known), or both a national number. */
  strongIdentifier: boolean
}

/** The evidence rows i and j share. */
export function sharedEvidenceOf(columns: RecordColumns, i: number, j: number): SharedEvidence {
  let names = 0
  for (let f = 0; f < CHAIN_PARTS; f++) {
    const col = columns.names[f] as Int32Array
    if ((col[i] as number) >= 0 && (col[j] as number) >= 0) names++
  }
  const fullDates = (columns.birthDay[i] as number) > 0 && (columns.birthDay[j] as number) > 0
  const numbers = !Number.isNaN(columns.nationalId[i]) && !Number.isNaN(columns.nationalId[j])
  return { names, strongIdentifier: fullDates || numbers }
}

/** The classes of the breakdown, weakest first. */
export const EVIDENCE_CLASSES = [
  'one name part or none',
  'one name part + date/number',
  'two name parts',
  'two name parts + date/number',
  'three or more name parts',
  'three or more + date/number',
] as const
export type EvidenceClass = (typeof EVIDENCE_CLASSES)[number]

/** Index in EVIDENCE_CLASSES of a pair's shared evidence. */
export function evidenceClassIndex(e: SharedEvidence): number {
  const band = e.names <= 1 ? 0 : e.names === 2 ? 1 : 2
  return band * 2 + (e.strongIdentifier ? 1 : 0)
}

/** Per class: true pairs, how many blocking found, how many scored at or above a threshold. */
export interface EvidenceBreakdownRow {
  evidence: EvidenceClass
  truePairs: number
  blocked: number
  found: number
  falsePositives: number
}

/**
 * The breakdown of a scored run against the truth: every true pair (from the truth
 * labelling) by class, whether it was a candidate and whether it scored ≥ threshold; false
 * positives ≥ threshold by class. `scored` maps a candidate pair (i < j) to its probability.
 */
export function evidenceBreakdown(
  columns: RecordColumns,
  truth: ArrayLike<number>,
  pairs: { left: ArrayLike<number>; right: ArrayLike<number>; probability: ArrayLike<number> },
  threshold: number,
): EvidenceBreakdownRow[] {
  const rows = EVIDENCE_CLASSES.map((evidence): EvidenceBreakdownRow => ({
    evidence,
    truePairs: 0,
    blocked: 0,
    found: 0,
    falsePositives: 0,
  }))
  const n = truth.length
  const seen = new Map<number, number>()
  for (let k = 0; k < pairs.left.length; k++) {
    const i = pairs.left[k] as number
    const j = pairs.right[k] as number
    const p = pairs.probability[k] as number
    if (truth[i] === truth[j]) {
      seen.set(i < j ? i * n + j : j * n + i, p)
    } else if (p >= threshold) {
      ;(rows[evidenceClassIndex(sharedEvidenceOf(columns, i, j))] as EvidenceBreakdownRow)
        .falsePositives++
    }
  }
  const members = new Map<number, number[]>()
  for (let r = 0; r < n; r++) {
    const t = truth[r] as number
    const list = members.get(t)
    if (list) list.push(r)
    else members.set(t, [r])
  }
  for (const list of members.values()) {
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const i = list[x] as number
        const j = list[y] as number
        const row = rows[
          evidenceClassIndex(sharedEvidenceOf(columns, i, j))
        ] as EvidenceBreakdownRow
        row.truePairs++
        const p = seen.get(i < j ? i * n + j : j * n + i)
        if (p === undefined) continue
        row.blocked++
        if (p >= threshold) row.found++
      }
    }
  }
  return rows
}
