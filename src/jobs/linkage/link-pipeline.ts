/**
 * The file-mode linkage pipeline behind `athar link`: load CSV files → normalise
 * (per distinct value) → block → train (or load a model) → score on worker threads →
 * cluster → write pairs.csv and clusters.csv, timing every stage.
 */
import { availableParallelism } from 'node:os'
import { writeFile } from 'node:fs/promises'
import {
  DEFAULT_BLOCKING_RULES,
  DEFAULT_BLOCK_CAP,
  PairComparer,
  RecordTable,
  assignStableClusterIds,
  buildBlockIndex,
  buildScoringTables,
  clusterRecords,
  describeLevel,
  groupClusters,
  reportBlocking,
  rescalePriorForRecords,
  splitKeyRanges,
  trainModel,
  weightFromProbability,
  NAME_COMPARISONS,
  type BandThresholds,
  type BlockIndex,
  type BlockingReport,
  type BlockingRule,
  type LinkageModel,
  type NameLevelFunction,
  type ScoredChunk,
  type ScoringTables,
} from '../../core/linkage/index.js'
import { loadRecordFile, qualifyRecordIds, type LoadedFile } from './csv-record-loader.js'
import { runScoringTasks, shareBlockIndex, type ScoringTask } from './scoring-pool.js'
import { writeClustersCsv, writePairsCsv } from './linkage-writers.js'

/** Stages of a run, in order. */
export const LINK_STAGES = [
  'load',
  'normalise',
  'block',
  'train',
  'score',
  'cluster',
  'write',
] as const
export type LinkStage = (typeof LINK_STAGES)[number]

/** Progress of a stage (done of total units; total 0 = indeterminate). */
export interface LinkProgress {
  stage: LinkStage
  done: number
  total: number
}

/** Options of a file-mode run. */
export interface LinkOptions {
  inputs: string[]
  pairsOut?: string | undefined
  clustersOut?: string | undefined
  /** Score with this model instead of training one. */
  model?: LinkageModel | undefined
  modelOut?: string | undefined
  seed?: number | undefined
  /** Scoring worker threads; 0 scores in this thread. */
  threads?: number | undefined
  minProbability?: number | undefined
  blockCap?: number | undefined
  bands?: BandThresholds | undefined
  rules?: BlockingRule[] | undefined
  /** Previous clusters (record id → cluster id) to keep person ids stable. */
  previousClusters?: ReadonlyMap<string, string> | undefined
  /** Truth entity per row, to count true pairs among candidates (benchmarks). */
  truthOf?: ((table: RecordTable) => Int32Array) | undefined
  /** Injected name comparison (tests; forces in-thread scoring). */
  nameLevel?: NameLevelFunction | undefined
  /** Keep the scored chunks in the result (benchmarks, tests). */
  keepPairs?: boolean | undefined
}

/** Outcome of a run. */
export interface LinkResult {
  records: number
  files: Array<{ path: string; encoding: string; records: number }>
  idsQualified: boolean
  blocking: BlockingReport[]
  /** Candidate pairs before scoring: pairs in uncapped blocks summed over rules (upper bound). */
  candidatePairsBeforeScoring: number
  /** Distinct candidate pairs scored. */
  candidatePairs: number
  trueCandidatePairs?: number | undefined
  pairsWritten: number
  autoLinks: number
  reviewPairs: number
  clusters: number
  refusedEdges: number
  stageMs: Record<LinkStage, number>
  pairsPerSecond: number
  nameEngineCalls: number
  model: LinkageModel
  table: RecordTable
  clusterLabels: Int32Array
  clusterIds: string[]
  chunks?: ScoredChunk[] | undefined
  tables: ScoringTables
}

/** Load and normalise files into one record table (shared memory when `shared`). */
export async function loadRecordTable(
  inputs: readonly string[],
  shared: boolean,
  onStage?: (stage: 'load' | 'normalise', ms: number) => void,
): Promise<{ table: RecordTable; files: LoadedFile[]; idsQualified: boolean }> {
  let t = performance.now()
  const files: LoadedFile[] = []
  for (const path of inputs) files.push(await loadRecordFile(path))
  const idsQualified = qualifyRecordIds(files)
  onStage?.('load', performance.now() - t)
  t = performance.now()
  const total = files.reduce((s, f) => s + f.raw.count, 0)
  const table = new RecordTable({ capacity: total + 1, shared })
  for (const f of files) table.appendRawColumns(f.raw)
  onStage?.('normalise', performance.now() - t)
  return { table, files, idsQualified }
}

/** A readable key of a row for the capped-block report. */
export function describeRowNames(table: RecordTable, row: number): string {
  return NAME_COMPARISONS.map((_, f) => {
    const v = (table.columns.names[f] as Int32Array)[row] as number
    return v < 0 ? '' : (table.nameValues.display[v] ?? '')
  })
    .filter((s) => s !== '')
    .join(' ')
}

/** Build the block indexes of a table. */
export function buildBlockIndexes(
  table: RecordTable,
  rules: readonly BlockingRule[],
  cap: number,
): BlockIndex[] {
  return rules.map((rule) => buildBlockIndex(rule, table.columns, table.nameValues, cap))
}

/** Run the whole pipeline over CSV files. */
export async function linkFiles(
  options: LinkOptions,
  onProgress: (p: LinkProgress) => void = () => {},
): Promise<LinkResult> {
  const stageMs = Object.fromEntries(LINK_STAGES.map((s) => [s, 0])) as Record<LinkStage, number>
  const threads =
    options.nameLevel !== undefined ? 0 : (options.threads ?? Math.min(2, availableParallelism()))
  const seed = options.seed ?? 42
  const cap = options.blockCap ?? DEFAULT_BLOCK_CAP
  const rules = options.rules ?? DEFAULT_BLOCKING_RULES

  onProgress({ stage: 'load', done: 0, total: options.inputs.length })
  const { table, files, idsQualified } = await loadRecordTable(
    options.inputs,
    threads > 0,
    (stage, ms) => {
      stageMs[stage] = ms
      onProgress({ stage, done: 1, total: 1 })
    },
  )
  const size = table.size

  let t = performance.now()
  onProgress({ stage: 'block', done: 0, total: rules.length })
  const indices = buildBlockIndexes(table, rules, cap)
  const blocking = indices.map((ix) => reportBlocking(ix, (row) => describeRowNames(table, row)))
  const candidatePairsBeforeScoring = blocking.reduce((s, b) => s + b.pairs, 0)
  stageMs.block = performance.now() - t
  onProgress({ stage: 'block', done: rules.length, total: rules.length })

  t = performance.now()
  onProgress({ stage: 'train', done: 0, total: 1 })
  let model: LinkageModel
  // A model trained on n records carries the prior of n records: the chance that two random
  // records match falls as the list grows, so it is rescaled to this run's size (decision 0007).
  if (options.model) model = rescalePriorForRecords(options.model, size)
  else {
    const comparer = new PairComparer(
      table.columns,
      table.nameValues,
      table.placeValues,
      options.nameLevel,
    )
    model = trainModel(table.columns, comparer, indices, {
      seed,
      ...(options.bands ? { bands: options.bands } : {}),
    })
  }
  if (options.bands) model.bands = { ...options.bands }
  if (options.modelOut) await writeFile(options.modelOut, JSON.stringify(model, null, 2) + '\n')
  const tables = buildScoringTables(
    model,
    table.columns.names,
    size,
    table.nameValues.crossKey,
    table.crossKeyCount,
  )
  stageMs.train = performance.now() - t
  onProgress({ stage: 'train', done: 1, total: 1 })

  t = performance.now()
  const minProbability = options.minProbability ?? 0.01
  const tasks: ScoringTask[] = []
  const pairsPerTask = Math.max(
    50_000,
    Math.ceil(candidatePairsBeforeScoring / Math.max(1, threads * 24)),
  )
  indices.forEach((index, rule) => {
    for (const [from, to] of splitKeyRanges(index, pairsPerTask)) {
      tasks.push({ id: tasks.length, rule, from, to })
    }
  })
  const truth = options.truthOf?.(table)
  const sharedTruth = truth && threads > 0 ? shareInt32(truth) : truth
  onProgress({ stage: 'score', done: 0, total: tasks.length })
  const { chunks, nameEngineCalls } = await runScoringTasks(
    {
      columns: table.columns,
      names: table.nameValues,
      places: table.placeValues,
      indices: threads > 0 ? indices.map(shareBlockIndex) : indices,
      tables,
      minWeight: minProbability <= 0 ? -Infinity : weightFromProbability(minProbability),
      truth: sharedTruth,
    },
    tasks,
    threads,
    (done) => onProgress({ stage: 'score', done, total: tasks.length }),
    options.nameLevel,
  )
  let candidatePairs = 0
  let trueCandidatePairs = 0
  for (const c of chunks) {
    candidatePairs += c.candidates
    trueCandidatePairs += c.trueCandidates
  }
  stageMs.score = performance.now() - t

  t = performance.now()
  onProgress({ stage: 'cluster', done: 0, total: 1 })
  const autoWeight = weightFromProbability(model.bands.autoLink)
  const reviewWeight = weightFromProbability(model.bands.review)
  let autoLinks = 0
  let reviewPairs = 0
  for (const c of chunks) {
    for (let k = 0; k < c.length; k++) {
      const w = c.weight[k] as number
      if (w >= autoWeight) autoLinks++
      else if (w >= reviewWeight) reviewPairs++
    }
  }
  const left = new Int32Array(autoLinks)
  const right = new Int32Array(autoLinks)
  const weight = new Float64Array(autoLinks)
  let e = 0
  for (const c of chunks) {
    for (let k = 0; k < c.length; k++) {
      if ((c.weight[k] as number) < autoWeight) continue
      left[e] = c.left[k] as number
      right[e] = c.right[k] as number
      weight[e] = c.weight[k] as number
      e++
    }
  }
  // Strongest links first: with cuts, a weak chain is what gets refused.
  const order = Array.from({ length: autoLinks }, (_, k) => k).sort(
    (a, b) => (weight[b] as number) - (weight[a] as number) || a - b,
  )
  const clustering = clusterRecords(size, {
    left: Int32Array.from(order, (k) => left[k] as number),
    right: Int32Array.from(order, (k) => right[k] as number),
    length: autoLinks,
  })
  const clusterIds = nameClusters(table.ids, clustering.label, options.previousClusters)
  stageMs.cluster = performance.now() - t
  onProgress({ stage: 'cluster', done: 1, total: 1 })

  t = performance.now()
  onProgress({ stage: 'write', done: 0, total: 2 })
  let pairsWritten = 0
  for (const c of chunks) pairsWritten += c.length
  if (options.pairsOut) {
    pairsWritten = await writePairsCsv(
      options.pairsOut,
      chunks,
      table.ids,
      tables,
      table.columns.names,
    )
  }
  if (options.clustersOut) await writeClustersCsv(options.clustersOut, table.ids, clusterIds)
  stageMs.write = performance.now() - t
  onProgress({ stage: 'write', done: 2, total: 2 })

  return {
    records: size,
    files: files.map((f) => ({ path: f.path, encoding: f.encoding, records: f.raw.count })),
    idsQualified,
    blocking,
    candidatePairsBeforeScoring,
    candidatePairs,
    trueCandidatePairs: truth ? trueCandidatePairs : undefined,
    pairsWritten,
    autoLinks,
    reviewPairs,
    clusters: clustering.clusterCount,
    refusedEdges: clustering.refusedEdges,
    stageMs,
    pairsPerSecond: stageMs.score > 0 ? candidatePairs / (stageMs.score / 1000) : 0,
    nameEngineCalls,
    model,
    table,
    clusterLabels: clustering.label,
    clusterIds,
    chunks: options.keepPairs ? chunks : undefined,
    tables,
  }
}

function shareInt32(array: Int32Array): Int32Array {
  const copy = new Int32Array(new SharedArrayBuffer(Math.max(8, array.length * 4)), 0, array.length)
  copy.set(array)
  return copy
}

/**
 * Cluster ids for file mode: the record id of the cluster's first record, or — with
 * previous clusters — stable ids by assignStableClusterIds (new ids `P-<first record>`).
 */
export function nameClusters(
  ids: readonly string[],
  label: Int32Array,
  previous?: ReadonlyMap<string, string>,
): string[] {
  if (!previous) return Array.from(label, (l) => ids[l] ?? '')
  const groups = groupClusters(label)
  const members = groups.map((rows) => rows.map((r) => ids[r] ?? ''))
  const taken = new Set(previous.values())
  // New ids derive from the cluster's first record, made unique against the old ids.
  const mint = (clusterMembers: readonly string[]): string => {
    const first = clusterMembers[0] ?? 'cluster'
    let candidate = `P-${first}`
    for (let n = 2; taken.has(candidate); n++) candidate = `P-${first}-${n}`
    taken.add(candidate)
    return candidate
  }
  const stable = assignStableClusterIds(previous, members, mint)
  return ids.map((id) => stable.ids.get(id) ?? '')
}

/** Human label of a level, re-exported for explanations. */
export { describeLevel }
