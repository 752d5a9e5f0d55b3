/**
 * Incremental linkage: an in-memory index of stored records (their columns and the
 * blocking-key groups) that returns the top-k scored candidates of a new record and can
 * add it, updating clusters without a full re-run — the "search" shape Splink users kept
 * asking for (#820, #1112; predict_within/predict_between in v5).
 */
import {
  DEFAULT_BLOCKING_RULES,
  DEFAULT_BLOCK_CAP,
  buildBlockIndex,
  computeIndexKey,
  type BlockIndex,
  type BlockingRule,
} from './blocking-rules.js'
import {
  buildScoringTables,
  explainGamma,
  probabilityFromWeight,
  scoreGamma,
  type LinkageModel,
  type PairExplanation,
  type ScoringTables,
} from './linkage-model.js'
import { PairComparer, createGamma, type NameLevelFunction } from './pair-comparer.js'
import type { LinkageRecordInput, RecordTable } from './record-table.js'

/** One candidate of a query. */
export interface ScoredCandidate {
  row: number
  recordId: string
  matchWeight: number
  matchProbability: number
}

/** Options of the incremental linker. */
export interface IncrementalLinkerOptions {
  rules?: BlockingRule[]
  blockCap?: number
  nameLevel?: NameLevelFunction
  /** Cluster label per existing row (e.g. from a batch run); default: every row alone. */
  clusterLabels?: ArrayLike<number>
}

/** Holds stored records and answers "who might this new record be?". */
export class IncrementalLinker {
  private readonly indices: BlockIndex[]
  private readonly added: Array<Map<number, number[]>>
  private readonly comparer: PairComparer
  private readonly tables: ScoringTables
  private readonly gamma = createGamma()
  private stamp: Int32Array
  private query = 0
  private readonly parent: number[] = []
  private readonly cap: number

  constructor(
    readonly table: RecordTable,
    readonly model: LinkageModel,
    options: IncrementalLinkerOptions = {},
  ) {
    this.cap = options.blockCap ?? DEFAULT_BLOCK_CAP
    const rules = options.rules ?? DEFAULT_BLOCKING_RULES
    const columns = table.columns
    this.indices = rules.map((rule) => buildBlockIndex(rule, columns, table.nameValues, this.cap))
    this.added = rules.map(() => new Map<number, number[]>())
    this.comparer = new PairComparer(
      columns,
      table.nameValues,
      table.placeValues,
      options.nameLevel,
    )
    this.tables = buildScoringTables(
      model,
      columns.names,
      columns.size,
      table.nameValues.crossKey,
      table.crossKeyCount,
    )
    this.stamp = new Int32Array(Math.max(16, columns.size * 2))
    for (let r = 0; r < columns.size; r++) {
      this.parent.push(options.clusterLabels ? (options.clusterLabels[r] as number) : r)
    }
  }

  /** Number of stored records. */
  get size(): number {
    return this.table.size
  }

  /** Top-k candidates of a record that is not stored (it is not added). */
  findCandidates(input: LinkageRecordInput, k = 10): ScoredCandidate[] {
    const row = this.table.addRecord(input)
    try {
      return this.scoreRow(row, this.keysOf(row, false), k)
    } finally {
      this.removeLastRow()
    }
  }

  /** Store a new record: returns its row, its top-k candidates, and its cluster after auto-links. */
  addRecord(
    input: LinkageRecordInput,
    k = 10,
  ): { row: number; candidates: ScoredCandidate[]; cluster: number } {
    const row = this.table.addRecord(input)
    const keys = this.keysOf(row, true)
    const candidates = this.scoreRow(row, keys, k)
    keys.forEach((key, r) => {
      if (key < 0) return
      const map = this.added[r] as Map<number, number[]>
      const list = map.get(key)
      if (list) list.push(row)
      else map.set(key, [row])
    })
    this.parent.push(row)
    for (const c of candidates) {
      if (c.matchProbability >= this.model.bands.autoLink) this.join(row, c.row)
    }
    return { row, candidates, cluster: this.clusterOf(row) }
  }

  /** Cluster label (a representative row) of a row. */
  clusterOf(row: number): number {
    let r = row
    while ((this.parent[r] as number) !== r) {
      const up = this.parent[this.parent[r] as number] as number
      this.parent[r] = up
      r = up
    }
    return r
  }

  /** Waterfall of a stored row against another. */
  explainRows(i: number, j: number): PairExplanation {
    this.comparer.updateColumns(this.table.columns)
    this.comparer.compare(i, j, this.gamma)
    return explainGamma(this.tables, this.gamma, this.table.columns.names, i, j)
  }

  private join(a: number, b: number): void {
    const ra = this.clusterOf(a)
    const rb = this.clusterOf(b)
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb)
  }

  private keysOf(row: number, insert: boolean): number[] {
    const columns = this.table.columns
    return this.indices.map((index) =>
      computeIndexKey(index, columns, this.table.nameValues, row, insert),
    )
  }

  private scoreRow(row: number, keys: number[], k: number): ScoredCandidate[] {
    const columns = this.table.columns
    this.comparer.updateColumns(columns)
    if (this.stamp.length <= columns.size) {
      const grown = new Int32Array(columns.size * 2)
      grown.set(this.stamp)
      this.stamp = grown
    }
    const q = ++this.query
    const found: ScoredCandidate[] = []
    for (let r = 0; r < this.indices.length; r++) {
      const key = keys[r] as number
      if (key < 0) continue
      const index = this.indices[r] as BlockIndex
      const base =
        key < index.keyCount ? (index.starts[key + 1] as number) - (index.starts[key] as number) : 0
      const extra = (this.added[r] as Map<number, number[]>).get(key)
      // Same cap as the batch run: a block too large to compare is skipped here too.
      if (base + (extra?.length ?? 0) + 1 > Math.min(this.cap, index.rule.cap ?? this.cap)) continue
      const visit = (other: number): void => {
        if (other === row || this.stamp[other] === q) return
        this.stamp[other] = q
        this.comparer.compare(other < row ? other : row, other < row ? row : other, this.gamma)
        const i = other < row ? other : row
        const j = other < row ? row : other
        const w = scoreGamma(this.tables, this.gamma, columns.names, i, j)
        found.push({
          row: other,
          recordId: this.table.ids[other] ?? '',
          matchWeight: w,
          matchProbability: probabilityFromWeight(w),
        })
      }
      for (
        let p = base > 0 ? (index.starts[key] as number) : 0;
        p < (base > 0 ? (index.starts[key + 1] as number) : 0);
        p++
      ) {
        visit(index.order[p] as number)
      }
      if (extra) for (const other of extra) visit(other)
    }
    found.sort((a, b) => b.matchWeight - a.matchWeight || a.row - b.row)
    return found.slice(0, k)
  }

  private removeLastRow(): void {
    // A query row is appended to intern its values, then dropped again.
    this.table.columns.size--
    this.table.ids.pop()
  }
}
