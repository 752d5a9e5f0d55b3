/**
 * Batch scoring of one rule's key range: generate candidate pairs (each unordered pair
 * once across rules), compare, score, keep those at or above a weight floor. Pure and
 * allocation-light so a worker thread can run it over shared columns.
 */
import { forEachCandidatePair, type BlockIndex } from './blocking-rules.js'
import { COMPARISON_COUNT } from './comparison-levels.js'
import { scoreGamma, type ScoringTables } from './linkage-model.js'
import { createGamma, type PairComparer } from './pair-comparer.js'
import type { RecordColumns } from './record-table.js'

/** The kept pairs of a scored range, as parallel typed arrays. */
export interface ScoredChunk {
  /** Candidate pairs compared (before the floor). */
  candidates: number
  /** Candidates that are true matches (when a truth labelling was given). */
  trueCandidates: number
  length: number
  left: Int32Array
  right: Int32Array
  weight: Float64Array
  /** COMPARISON_COUNT levels per kept pair. */
  gammas: Uint8Array
}

class GrowableChunk {
  length = 0
  left = new Int32Array(1024)
  right = new Int32Array(1024)
  weight = new Float64Array(1024)
  gammas = new Uint8Array(1024 * COMPARISON_COUNT)

  push(i: number, j: number, w: number, gamma: Uint8Array): void {
    if (this.length === this.left.length) this.grow()
    const n = this.length++
    this.left[n] = i
    this.right[n] = j
    this.weight[n] = w
    this.gammas.set(gamma, n * COMPARISON_COUNT)
  }

  private grow(): void {
    const size = this.left.length * 2
    const left = new Int32Array(size)
    left.set(this.left)
    const right = new Int32Array(size)
    right.set(this.right)
    const weight = new Float64Array(size)
    weight.set(this.weight)
    const gammas = new Uint8Array(size * COMPARISON_COUNT)
    gammas.set(this.gammas)
    this.left = left
    this.right = right
    this.weight = weight
    this.gammas = gammas
  }
}

/** Score the candidate pairs of rule `ruleIndex` in key range [from, to). */
export function scoreCandidateRange(
  indices: readonly BlockIndex[],
  ruleIndex: number,
  from: number,
  to: number,
  columns: RecordColumns,
  comparer: PairComparer,
  tables: ScoringTables,
  minWeight: number,
  truth?: Int32Array,
): ScoredChunk {
  const out = new GrowableChunk()
  const gamma = createGamma()
  let trueCandidates = 0
  const names = columns.names
  const candidates = forEachCandidatePair(indices, ruleIndex, from, to, (i, j) => {
    if (truth && truth[i] === truth[j]) trueCandidates++
    comparer.compare(i, j, gamma)
    const w = scoreGamma(tables, gamma, names, i, j)
    if (w >= minWeight) out.push(i, j, w, gamma)
  })
  const n = out.length
  return {
    candidates,
    trueCandidates,
    length: n,
    left: out.left.slice(0, n),
    right: out.right.slice(0, n),
    weight: out.weight.slice(0, n),
    gammas: out.gammas.slice(0, n * COMPARISON_COUNT),
  }
}
