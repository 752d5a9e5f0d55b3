/**
 * The whole linkage run in memory, in one thread: records in, model, scored pairs (with
 * their comparison vectors) and clusters out. The services layer persists what this
 * returns; the file pipeline (src/jobs/linkage) does the same with workers and CSV.
 */
import {
  DEFAULT_BLOCKING_RULES,
  DEFAULT_BLOCK_CAP,
  buildBlockIndex,
  splitKeyRanges,
  type BlockIndex,
  type BlockingRule,
} from './blocking-rules.js'
import { scoreCandidateRange, type ScoredChunk } from './batch-scoring.js'
import { COMPARISON_COUNT } from './comparison-levels.js'
import {
  buildScoringTables,
  weightFromProbability,
  type BandThresholds,
  type LinkageModel,
  type ScoringTables,
} from './linkage-model.js'
import { trainModel } from './model-training.js'
import { PairComparer, type NameLevelFunction } from './pair-comparer.js'
import { clusterRecords, type Clustering } from './record-clustering.js'
import { RecordTable, type LinkageRecordInput } from './record-table.js'

/** Options of an in-memory run. */
export interface LinkRecordsOptions {
  seed?: number
  model?: LinkageModel
  rules?: BlockingRule[]
  blockCap?: number
  bands?: BandThresholds
  minProbability?: number
  nameLevel?: NameLevelFunction
  /** Row pairs confirmed "same" by reviewers (applied before auto-links). */
  confirmedLinks?: ReadonlyArray<readonly [number, number]>
  /** Row pairs confirmed "not the same" (cuts). */
  cuts?: ReadonlyArray<readonly [number, number]>
}

/** Result of an in-memory run. */
export interface LinkRecordsResult {
  table: RecordTable
  indices: BlockIndex[]
  model: LinkageModel
  tables: ScoringTables
  pairs: ScoredChunk
  candidatePairs: number
  clustering: Clustering
}

/** Link records in memory (one thread). */
export function linkRecords(
  records: readonly LinkageRecordInput[],
  options: LinkRecordsOptions = {},
): LinkRecordsResult {
  const table = new RecordTable({ capacity: records.length + 1 })
  for (const r of records) table.addRecord(r)
  const rules = options.rules ?? DEFAULT_BLOCKING_RULES
  const cap = options.blockCap ?? DEFAULT_BLOCK_CAP
  const indices = rules.map((rule) => buildBlockIndex(rule, table.columns, table.nameValues, cap))
  const comparer = new PairComparer(
    table.columns,
    table.nameValues,
    table.placeValues,
    options.nameLevel,
  )
  const model =
    options.model !== undefined
      ? structuredClone(options.model)
      : trainModel(table.columns, comparer, indices, {
          seed: options.seed ?? 42,
          ...(options.bands ? { bands: options.bands } : {}),
        })
  if (options.bands) model.bands = { ...options.bands }
  const tables = buildScoringTables(
    model,
    table.columns.names,
    table.size,
    table.nameValues.crossKey,
    table.crossKeyCount,
  )
  const minProbability = options.minProbability ?? 0.01
  const minWeight = minProbability <= 0 ? -Infinity : weightFromProbability(minProbability)
  const chunks: ScoredChunk[] = []
  indices.forEach((index, r) => {
    for (const [from, to] of splitKeyRanges(index, 1 << 30)) {
      chunks.push(
        scoreCandidateRange(indices, r, from, to, table.columns, comparer, tables, minWeight),
      )
    }
  })
  const pairs = concatenateChunks(chunks)
  const autoWeight = weightFromProbability(model.bands.autoLink)
  const order: number[] = []
  for (let k = 0; k < pairs.length; k++) {
    if ((pairs.weight[k] as number) >= autoWeight) order.push(k)
  }
  order.sort((a, b) => (pairs.weight[b] as number) - (pairs.weight[a] as number) || a - b)
  const confirmed = options.confirmedLinks ?? []
  const clustering = clusterRecords(
    table.size,
    {
      left: order.map((k) => pairs.left[k] as number),
      right: order.map((k) => pairs.right[k] as number),
      length: order.length,
    },
    {
      left: confirmed.map((p) => p[0]),
      right: confirmed.map((p) => p[1]),
      length: confirmed.length,
    },
    options.cuts ?? [],
  )
  return { table, indices, model, tables, pairs, candidatePairs: pairs.candidates, clustering }
}

/** Join scored chunks into one. */
export function concatenateChunks(chunks: readonly ScoredChunk[]): ScoredChunk {
  let length = 0
  let candidates = 0
  let trueCandidates = 0
  for (const c of chunks) {
    length += c.length
    candidates += c.candidates
    trueCandidates += c.trueCandidates
  }
  const out: ScoredChunk = {
    candidates,
    trueCandidates,
    length,
    left: new Int32Array(length),
    right: new Int32Array(length),
    weight: new Float64Array(length),
    gammas: new Uint8Array(length * COMPARISON_COUNT),
  }
  let at = 0
  for (const c of chunks) {
    out.left.set(c.left, at)
    out.right.set(c.right, at)
    out.weight.set(c.weight, at)
    out.gammas.set(c.gammas, at * COMPARISON_COUNT)
    at += c.length
  }
  return out
}
